/// A project's budget burn over time (issue 19 item 6): the approved time consumed per
/// week, summed up week by week, against the baseline and the current budget, and a
/// forecast that goes on at the average weekly pace so far. Minutes, whole numbers only.
public struct BudgetBurn: Hashable, Sendable {
    public struct Week: Hashable, Sendable {
        /// The Monday of the week.
        public let start: LocalDate
        /// Consumed in the week (0 for a forecast week).
        public let minutes: Int
        /// Consumed through the end of the week; for a forecast week, what the pace would bring.
        public let cumulative: Int
        public let isForecast: Bool
    }

    /// The most weeks of history shown (the cumulative figures still count every earlier week).
    public static let shownWeeks = 26
    /// The most weeks of forecast; without a budget to reach, ``openForecastWeeks``.
    public static let maximumForecastWeeks = 12
    public static let openForecastWeeks = 4

    public let weeks: [Week]
    public let baselineMinutes: Int?
    public let budgetMinutes: Int?
    /// Consumed in all.
    public let consumedMinutes: Int
    /// The average per week from the first week with time to the current week, rounded half up.
    public let weeklyPace: Int
    /// The forecast week in which the budget is used up; nil when none is within the forecast.
    public let budgetReachedIn: LocalDate?

    /// - Parameters:
    ///   - consumed: minutes per week (any day of the week names it), in any order.
    ///   - today: the current week is the one containing it; weeks after it are forecast.
    public init(consumed: [(week: LocalDate, minutes: Int)], baselineMinutes: Int?, budgetMinutes: Int?, today: LocalDate) throws(DomainError) {
        var perWeek: [LocalDate: Int] = [:]
        for item in consumed { perWeek[item.week.startOfWeek, default: 0] += item.minutes }
        let current = today.startOfWeek
        let total = perWeek.values.reduce(0, +)
        var weeks: [Week] = []
        var pace = 0
        if let first = perWeek.keys.min() {
            let last = max(current, perWeek.keys.max() ?? current)
            var running = 0
            var week = first
            var count = 0
            while week <= last {
                let minutes = perWeek[week] ?? 0
                running += minutes
                count += 1
                weeks.append(Week(start: week, minutes: minutes, cumulative: running, isForecast: false))
                week = try week.adding(days: 7)
            }
            pace = (2 * total + count) / (2 * count)
            let horizon = budgetMinutes == nil ? Self.openForecastWeeks : Self.maximumForecastWeeks
            var projected = running
            var added = 0
            while pace > 0, added < horizon, budgetMinutes.map({ projected < $0 }) ?? true {
                projected += pace
                added += 1
                weeks.append(Week(start: week, minutes: 0, cumulative: projected, isForecast: true))
                week = try week.adding(days: 7)
            }
        }
        let history = weeks.filter { !$0.isForecast }
        self.weeks = Array(history.suffix(Self.shownWeeks)) + weeks.filter(\.isForecast)
        self.baselineMinutes = baselineMinutes
        self.budgetMinutes = budgetMinutes
        consumedMinutes = total
        weeklyPace = pace
        budgetReachedIn = budgetMinutes.flatMap { budget in
            weeks.first { $0.isForecast && $0.cumulative >= budget && total < budget }?.start
        }
    }
}
