/// Whether a collaborator gets the Monday nudge about last week's time (issue 14 item 7).
///
/// "Last week" is the Monday-to-Sunday week before the day the nudge is sent, that day
/// taken in the collaborator's own time zone (SPEC §2: each collaborator has one; the
/// agency settings have none). The expected hours are the working-time target of the
/// utilization and missing-time reports (``UtilizationWeek``: the weekly target pro rata
/// of the week's working days, Monday to Friday — all five of a whole week); the nudge is
/// due when the minutes logged that week (any status, as the utilization report counts
/// them) fall short of it.
public struct TimeNudge: Sendable, Hashable {
    /// The Monday of the week the nudge is about.
    public let week: LocalDate
    public let targetMinutes: Int64
    public let loggedMinutes: Int64

    /// The week before `today`'s, when `today` is a Monday (the day nudges go out); nil on other days.
    public static func week(nudgedOn today: LocalDate) -> LocalDate? {
        guard today.weekday == .monday else { return nil }
        return try? today.adding(days: -7)
    }

    /// The nudge figures of the week starting on Monday `week` for someone whose weekly
    /// target is `weeklyTargetMinutes` and who logged `loggedMinutes` in that week.
    public init(week: LocalDate, weeklyTargetMinutes: Int, loggedMinutes: Int64) throws(DomainError) {
        let range = try ReportRange(from: week, to: (try? week.adding(days: 6)) ?? week)
        let figures = try UtilizationWeek(
            week: week, range: range, weeklyTargetMinutes: weeklyTargetMinutes, billableMinutes: loggedMinutes, nonBillableMinutes: 0,
            loggedDates: [])
        self.week = week
        targetMinutes = figures.targetMinutes
        self.loggedMinutes = loggedMinutes
    }

    /// Logged less than expected: the nudge goes out.
    public var isDue: Bool { loggedMinutes < targetMinutes }

    /// The expected minutes not logged (never negative).
    public var shortMinutes: Int64 { max(0, targetMinutes - loggedMinutes) }
}
