import Domain
import Foundation
import Services

/// A retainer's consumption per period as a chart (issue 19 item 6) on the manager's
/// project page: for each period, the hours included and consumed side by side and,
/// when it went over, a third column for the overage, outlined and dashed, named in the
/// legend and in each column's title, and listed in the sentence above the chart, so
/// colour is never the only cue. The page keeps the same figures in its table.
struct RetainerChartView: Sendable {
    let chart: ColumnChart
    let summary: String

    init(_ periods: [RetainerPeriodView], projectID: String, name: String, language: ClientLanguage) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        let hours = { (minutes: Int) in "\(WeekPageView.clock(minutes)) h" }
        chart = ColumnChart(
            id: "retainer-\(projectID)", title: ConsoleCatalog.format("retainer_chart_title", language, name),
            series: [
                ColumnChart.Series(kind: "included", label: text("project_included")),
                ColumnChart.Series(kind: "consumed", label: text("chart_consumed")),
                ColumnChart.Series(kind: "overage", label: text("project_overage")),
            ],
            groups: periods.map { period in
                let usage = period.usage
                return ColumnChart.Group(
                    label: String(usage.period.start.description.prefix(7)),
                    values: [Int64(usage.includedMinutes), Int64(usage.consumedMinutes), Int64(usage.overageMinutes)],
                    texts: [hours(usage.includedMinutes), hours(usage.consumedMinutes), hours(usage.overageMinutes)])
            })
        let over = periods.map(\.usage).filter { $0.overageMinutes > 0 }
        var sentence = ConsoleCatalog.format("retainer_chart_summary", language, String(over.count), String(periods.count))
        if !over.isEmpty {
            let list = over.map { "\($0.period.start) (\(hours($0.overageMinutes)))" }.joined(separator: ", ")
            sentence += " " + ConsoleCatalog.format("retainer_chart_over", language, list)
        }
        summary = sentence
    }
}
