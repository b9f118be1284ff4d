import Domain
import Services

/// The admin's reports page (issue 19 items 4 and 6): receivables ageing today and
/// revenue and margin per month, each currency its own chart (amounts are never added
/// across currencies), every chart with its numbers in a table.
struct ReportsPageView: Sendable {
    struct AgeingRow: Sendable {
        let bucket: String
        let amount: String
    }

    struct Ageing: Sendable {
        let currency: String
        let chart: HorizontalBarChart
        let rows: [AgeingRow]
        let total: String
        let count: Int
    }

    struct MonthRow: Sendable {
        let month: String
        let revenue: String
        let cost: String
        let margin: String
        let percent: String
        let loss: Bool
        let incomplete: Bool
    }

    struct Months: Sendable {
        let currency: String
        let chart: ColumnChart
        let rows: [MonthRow]
    }

    let from: String
    let to: String
    let asOf: String
    let ageing: [Ageing]
    let hasAgeing: Bool
    let months: [Months]
    let hasMonths: Bool

    init(receivables: ReceivablesReport, profitability: ProfitabilityReport, language: ClientLanguage) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        from = profitability.range.from.description
        to = profitability.range.to.description
        asOf = receivables.asOf.description
        ageing = receivables.totals.sorted { $0.currency.code < $1.currency.code }.map { total in
            let money = { (minor: Int64) in language.money(Money(amountMinor: minor, currency: total.currency)) }
            let figures = AgeingBucket.receivables.map { bucket in
                HorizontalBarChart.Figure(
                    kind: bucket.rawValue, label: text("ageing_\(bucket.rawValue)"), value: money(total.buckets[bucket] ?? 0),
                    magnitude: total.buckets[bucket] ?? 0)
            }
            return Ageing(
                currency: total.currency.code,
                chart: HorizontalBarChart(
                    id: "ageing-\(total.currency.code)", title: ConsoleCatalog.format("reports_ageing_chart", language, total.currency.code),
                    unit: total.currency.code, figures: figures),
                rows: figures.map { AgeingRow(bucket: $0.label, amount: $0.value) }, total: money(total.totalMinor), count: total.count)
        }
        hasAgeing = !ageing.isEmpty
        let byCurrency = Dictionary(grouping: profitability.lines, by: \.line.currency)
        let series = [ColumnChart.Series(kind: "revenue", label: text("reports_revenue")), ColumnChart.Series(kind: "margin", label: text("reports_margin"))]
        // Every month of the period, with or without figures: a gap in the chart is a month at zero.
        let monthKeys = Self.months(of: profitability.range)
        months = byCurrency.keys.sorted { $0.code < $1.code }.map { currency in
            let found = Dictionary((byCurrency[currency] ?? []).map { ($0.line.key ?? $0.label, $0.line) }) { first, _ in first }
            let lines = monthKeys.map { key in (key: key, line: found[key] ?? ProfitabilityLine(key: key, currency: currency)) }
            let money = { (minor: Int64) in language.money(Money(amountMinor: minor, currency: currency)) }
            let groups = lines.map { month in
                ColumnChart.Group(
                    label: month.key, values: [month.line.revenueMinor, month.line.marginMinor],
                    texts: [money(month.line.revenueMinor), money(month.line.marginMinor)])
            }
            return Months(
                currency: currency.code,
                chart: ColumnChart(
                    id: "months-\(currency.code)", title: ConsoleCatalog.format("reports_months_chart", language, currency.code), series: series,
                    groups: groups),
                rows: lines.map { month in
                    let line = month.line
                    return MonthRow(
                        month: month.key, revenue: money(line.revenueMinor), cost: money(line.costMinor),
                        margin: money(line.marginMinor), percent: line.marginPercent.map { "\($0) %" } ?? "–", loss: line.marginMinor < 0,
                        incomplete: !line.marginIsComplete)
                })
        }
        hasMonths = !months.isEmpty
    }

    /// `YYYY-MM` of each month the range touches, in order.
    static func months(of range: ReportRange) -> [String] {
        var keys: [String] = []
        var month = range.from.firstDayOfMonth
        while month <= range.to, keys.count <= ReportRange.maximumMonths {
            keys.append(String(month.description.prefix(7)))
            guard let next = try? month.adding(months: 1) else { break }
            month = next
        }
        return keys
    }
}
