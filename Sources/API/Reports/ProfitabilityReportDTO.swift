import Domain
import Foundation
import Services

/// One line (or a currency's total) of `GET /reports/profitability`.
struct ProfitabilityLineDTO: Encodable, Sendable {
    struct Revenue: Encodable, Sendable {
        let invoiced: MoneyDTO
        let credited: MoneyDTO
        let net: MoneyDTO
        let unbilled: MoneyDTO
    }

    struct Labour: Encodable, Sendable {
        let time: DurationDTO
        let billable: DurationDTO
        let cost: MoneyDTO
        let unknownCostEntries: Int64
        let unknownCostTime: DurationDTO
    }

    struct Expenses: Encodable, Sendable {
        let nonRechargeable: MoneyDTO
        let rechargeablePassThrough: MoneyDTO
        let markup: MoneyDTO
        /// Non-rechargeable plus rechargeable: set against ``planned``.
        let actual: MoneyDTO
        /// The projects' planned expenses (project grouping only); null without a plan.
        @Nullable var planned: MoneyDTO?
    }

    @Nullable var key: String?
    @Nullable var label: String?
    let currency: String
    let revenue: Revenue
    let labour: Labour
    let expenses: Expenses
    let cost: MoneyDTO
    let margin: MoneyDTO
    @Nullable var marginPercent: String?
    let marginComplete: Bool
    @Nullable var estimated: DurationDTO?

    init(_ line: ProfitabilityLine, label: String?) {
        let currency = line.currency
        func money(_ minor: Int64) -> MoneyDTO { MoneyDTO(Money(amountMinor: minor, currency: currency)) }
        key = line.key
        self.label = label
        self.currency = currency.code
        revenue = Revenue(
            invoiced: money(line.invoicedMinor), credited: money(line.creditedMinor), net: money(line.revenueMinor),
            unbilled: money(line.unbilledMinor))
        labour = Labour(
            time: DurationDTO(line.minutes), billable: DurationDTO(line.billableMinutes), cost: money(line.labourCostMinor),
            unknownCostEntries: line.unknownCostEntries, unknownCostTime: DurationDTO(line.unknownCostMinutes))
        expenses = Expenses(
            nonRechargeable: money(line.nonRechargeableMinor), rechargeablePassThrough: money(line.rechargeableMinor),
            markup: money(line.markupMinor), actual: money(line.actualExpensesMinor), planned: line.plannedExpensesMinor.map(money))
        cost = money(line.costMinor)
        margin = money(line.marginMinor)
        marginPercent = line.marginPercent
        marginComplete = line.marginIsComplete
        estimated = line.estimatedMinutes.map(DurationDTO.init)
    }
}

/// `GET /reports/profitability`.
struct ProfitabilityReportDTO: Encodable, Sendable {
    static let counts =
        "Revenue: net of the issued invoices and deposit invoices dated in the period minus the issued credit notes dated in it "
        + "(unbilled: billable work dated in the period not yet on an invoice, as GET /billable lists it). Labour: approved time "
        + "worked in the period at the cost rate captured on each entry, rounded per entry; entries without a cost rate are "
        + "counted apart, never costed at zero. Expenses: approved expenses dated in the period; non-rechargeable ones are a "
        + "cost, rechargeable ones are passed through (a cost billed back), their markup stays as margin; actual = both, set against "
        + "the project's planned expenses (by project only, a plan for the whole project, in its currency). "
        + "Margin = net revenue - labour cost - expenses. Amounts are grouped by currency, never added across currencies."

    let period: PeriodDTO
    let groupBy: String
    let counts: String
    let lines: [ProfitabilityLineDTO]
    let totals: [ProfitabilityLineDTO]

    init(_ report: ProfitabilityReport) {
        period = PeriodDTO(report.range)
        groupBy = report.grouping.rawValue
        counts = Self.counts
        lines = report.lines.map { ProfitabilityLineDTO($0.line, label: $0.label) }
        totals = report.totals.map { ProfitabilityLineDTO($0, label: nil) }
    }

    /// One row per line, then one `total` row per currency.
    static func csv(_ report: ProfitabilityReport) -> CSVWriter {
        var writer = CSVWriter(header: [
            "row", "group_by", "key", "label", "period_from", "period_to", "currency", "invoiced", "credited", "revenue", "unbilled",
            "hours", "billable_hours", "labour_cost", "unknown_cost_entries", "unknown_cost_hours", "non_rechargeable_expenses",
            "rechargeable_expenses", "markup", "actual_expenses", "planned_expenses", "cost", "margin", "margin_percent", "estimated_hours",
        ])
        let rows = report.lines.map { ("line", $0.line, $0.label) } + report.totals.map { ("total", $0, "") }
        for (kind, line, label) in rows {
            let currency = line.currency
            func amount(_ minor: Int64) -> String { ReportResponse.amount(minor, currency) }
            writer.append([
                kind, report.grouping.rawValue, line.key ?? "", label, report.range.from.description, report.range.to.description,
                currency.code, amount(line.invoicedMinor), amount(line.creditedMinor), amount(line.revenueMinor),
                amount(line.unbilledMinor), ReportResponse.hours(line.minutes), ReportResponse.hours(line.billableMinutes),
                amount(line.labourCostMinor), String(line.unknownCostEntries), ReportResponse.hours(line.unknownCostMinutes),
                amount(line.nonRechargeableMinor), amount(line.rechargeableMinor), amount(line.markupMinor),
                amount(line.actualExpensesMinor), line.plannedExpensesMinor.map(amount) ?? "", amount(line.costMinor),
                amount(line.marginMinor), line.marginPercent ?? "", line.estimatedMinutes.map(ReportResponse.hours) ?? "",
            ])
        }
        return writer
    }
}
