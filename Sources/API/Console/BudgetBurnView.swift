import Domain
import Foundation

/// The budget burn over time (issue 19 item 6) on the manager's and the portal's project
/// page: hours consumed through each week as columns (forecast weeks in their own colour
/// and named so in each column's title and in the table), the baseline and current
/// budget as lines, the same figures in a table, and one sentence that says it all.
struct BudgetBurnView: Sendable {
    struct Row: Sendable {
        let week: String
        let consumed: String
        let cumulative: String
        let kind: String
    }

    let chart: ColumnChart
    let rows: [Row]
    let hasWeeks: Bool
    let summary: String
    let tableCaption: String

    init(_ burn: BudgetBurn, projectID: String, name: String, language: ClientLanguage) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        let hours = { (minutes: Int) in "\(WeekPageView.clock(minutes)) h" }
        let consumedLabel = text("burn_consumed")
        let forecastLabel = text("burn_forecast")
        var markers: [ColumnChart.Marker] = []
        if let baseline = burn.baselineMinutes, baseline > 0 {
            markers.append(ColumnChart.Marker(kind: "baseline", label: "\(text("chart_baseline")) \(hours(baseline))", value: Int64(baseline)))
        }
        if let budget = burn.budgetMinutes, budget > 0, budget != burn.baselineMinutes {
            markers.append(ColumnChart.Marker(kind: "current", label: "\(text("chart_current")) \(hours(budget))", value: Int64(budget)))
        }
        chart = ColumnChart(
            id: "burn-\(projectID)", title: ConsoleCatalog.format("burn_title", language, name),
            series: [ColumnChart.Series(kind: "consumed", label: consumedLabel), ColumnChart.Series(kind: "forecast", label: forecastLabel)],
            groups: burn.weeks.map { week in
                ColumnChart.Group(
                    label: String(week.start.description.dropFirst(5)), values: [Int64(week.cumulative)], texts: [hours(week.cumulative)],
                    kind: week.isForecast ? "forecast" : "consumed", seriesLabel: week.isForecast ? forecastLabel : consumedLabel)
            }, markers: markers)
        rows = burn.weeks.map {
            Row(
                week: $0.start.description, consumed: $0.isForecast ? "" : hours($0.minutes), cumulative: hours($0.cumulative),
                kind: $0.isForecast ? forecastLabel : consumedLabel)
        }
        hasWeeks = !burn.weeks.isEmpty
        tableCaption = ConsoleCatalog.format("burn_title", language, name)
        var sentence = ConsoleCatalog.format("burn_summary", language, hours(burn.consumedMinutes), hours(burn.weeklyPace))
        if let budget = burn.budgetMinutes, budget > 0 {
            if burn.consumedMinutes >= budget {
                sentence += " " + ConsoleCatalog.format("burn_over", language, hours(budget))
            } else if let week = burn.budgetReachedIn {
                sentence += " " + ConsoleCatalog.format("burn_reached", language, hours(budget), week.description)
            } else {
                sentence += " " + ConsoleCatalog.format("burn_not_reached", language, hours(budget), String(BudgetBurn.maximumForecastWeeks))
            }
        }
        summary = sentence
    }
}
