/// One line of the profitability report (issue 15 item 2): one group (a project, a
/// client, a person or a month) in one currency. Amounts are minor units of
/// ``currency``; nothing is ever added across currencies.
///
/// Margin = net revenue − labour cost (known) − non-rechargeable expenses −
/// rechargeable expenses (passed through to the client: what is billed on top of
/// them, the markup, stays as margin). Entries without a captured cost rate are
/// counted in ``unknownCostEntries`` and ``unknownCostMinutes``, never costed at zero
/// silently: ``marginIsComplete`` is false while there are any.
public struct ProfitabilityLine: Hashable, Sendable {
    /// The group: a project, client or user id, a month `YYYY-MM`, or nil for what
    /// belongs to none (invoice lines without a project, revenue by person).
    public var key: String?
    public var currency: Currency
    /// Σ net of the issued invoices and deposit invoices dated in the period.
    public var invoicedMinor: Int64 = 0
    /// Σ net of the issued credit notes dated in the period.
    public var creditedMinor: Int64 = 0
    /// Billable work not yet on any invoice, dated in the period, at its billing value.
    public var unbilledMinor: Int64 = 0
    /// Approved time (approved, client-validated, invoiced) worked in the period.
    public var minutes: Int64 = 0
    public var billableMinutes: Int64 = 0
    /// Σ of each entry's minutes at the cost rate captured on it, rounded per entry.
    public var labourCostMinor: Int64 = 0
    public var unknownCostEntries: Int64 = 0
    public var unknownCostMinutes: Int64 = 0
    /// Approved expenses dated in the period.
    public var nonRechargeableMinor: Int64 = 0
    public var rechargeableMinor: Int64 = 0
    /// What rechargeable expenses are billed above their amount (rounded per expense).
    public var markupMinor: Int64 = 0
    /// The projects' estimates (project grouping only).
    public var estimatedMinutes: Int64?
    /// The projects' planned expenses, on the line in the project's currency (project
    /// grouping only; nil when the project has no plan). Like the estimate, a plan for
    /// the whole project, set against ``actualExpensesMinor`` of the period.
    public var plannedExpensesMinor: Int64?

    public init(key: String?, currency: Currency) {
        self.key = key
        self.currency = currency
    }

    /// Every approved expense dated in the period, rechargeable or not: what is set
    /// against the planned expenses.
    public var actualExpensesMinor: Int64 { nonRechargeableMinor + rechargeableMinor }
    /// Invoiced minus credited.
    public var revenueMinor: Int64 { invoicedMinor - creditedMinor }
    /// Labour cost plus every approved expense.
    public var costMinor: Int64 { labourCostMinor + actualExpensesMinor }
    public var marginMinor: Int64 { revenueMinor - costMinor }
    /// Margin over net revenue, two decimals; nil without revenue.
    public var marginPercent: String? { ReportPercent.of(marginMinor, over: revenueMinor) }
    /// Whether every entry of the line had a known cost.
    public var marginIsComplete: Bool { unknownCostEntries == 0 }

    /// The sum of two lines of the same currency (the key of `self` is kept).
    public func adding(_ other: ProfitabilityLine) -> ProfitabilityLine {
        precondition(currency == other.currency, "profitability lines of different currencies are never added")
        var sum = self
        sum.invoicedMinor += other.invoicedMinor
        sum.creditedMinor += other.creditedMinor
        sum.unbilledMinor += other.unbilledMinor
        sum.minutes += other.minutes
        sum.billableMinutes += other.billableMinutes
        sum.labourCostMinor += other.labourCostMinor
        sum.unknownCostEntries += other.unknownCostEntries
        sum.unknownCostMinutes += other.unknownCostMinutes
        sum.nonRechargeableMinor += other.nonRechargeableMinor
        sum.rechargeableMinor += other.rechargeableMinor
        sum.markupMinor += other.markupMinor
        if let estimate = other.estimatedMinutes { sum.estimatedMinutes = (sum.estimatedMinutes ?? 0) + estimate }
        if let planned = other.plannedExpensesMinor { sum.plannedExpensesMinor = (sum.plannedExpensesMinor ?? 0) + planned }
        return sum
    }

    /// One total line per currency, by currency code.
    public static func totals(_ lines: [ProfitabilityLine]) -> [ProfitabilityLine] {
        var byCurrency: [Currency: ProfitabilityLine] = [:]
        for line in lines {
            byCurrency[line.currency] = (byCurrency[line.currency] ?? ProfitabilityLine(key: nil, currency: line.currency)).adding(line)
        }
        return byCurrency.values.sorted { $0.currency.code < $1.currency.code }
    }
}
