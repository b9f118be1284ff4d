/// One collaborator's ISO week in the utilization report (issue 15 item 3): what they
/// logged against their working-time target for the part of the week in the period.
///
/// The target of a week is the weekly target pro rata of the working days (Monday to
/// Friday, as the missing-time report counts them) of the week that fall in the
/// period, rounded half up to the minute; missing minutes are the target not logged
/// (never negative); utilization is billable minutes over the target.
public struct UtilizationWeek: Hashable, Sendable {
    /// The Monday of the week.
    public let week: LocalDate
    /// The first and last day of the week inside the period.
    public let from: LocalDate
    public let to: LocalDate
    public let workingDays: Int
    public let targetMinutes: Int64
    public let billableMinutes: Int64
    public let nonBillableMinutes: Int64
    /// Working days of the week in the period without any time (the missing-time report's days).
    public let missingDays: Int

    public init(
        week: LocalDate, range: ReportRange, weeklyTargetMinutes: Int, billableMinutes: Int64, nonBillableMinutes: Int64,
        loggedDates: Set<LocalDate>
    ) throws(DomainError) {
        self.week = week
        from = max(week, range.from)
        to = min((try? week.adding(days: 6)) ?? LocalDate.latest, range.to)
        let missing = try MissingTime.missingDays(from: from, to: to, loggedDates: loggedDates)
        workingDays = try MissingTime.missingDays(from: from, to: to, loggedDates: []).count
        targetMinutes = Int64(FixedPoint.divideRoundingHalfUp(Int128(weeklyTargetMinutes) * Int128(workingDays), by: 5))
        self.billableMinutes = billableMinutes
        self.nonBillableMinutes = nonBillableMinutes
        missingDays = missing.count
    }

    public var loggedMinutes: Int64 { billableMinutes + nonBillableMinutes }
    public var missingMinutes: Int64 { max(0, targetMinutes - loggedMinutes) }
    /// Billable minutes over the target, two decimals; nil when the target is zero.
    public var utilizationPercent: String? { ReportPercent.of(billableMinutes, over: targetMinutes) }

    /// The Mondays of the weeks that meet `range`, in order.
    public static func weeks(of range: ReportRange) -> [LocalDate] {
        var weeks: [LocalDate] = []
        var monday = range.from.startOfWeek
        while monday <= range.to {
            weeks.append(monday)
            guard let next = try? monday.adding(days: 7) else { break }
            monday = next
        }
        return weeks
    }
}
