public import Foundation

/// When a scheduled job is due (issue 14 item 1): every fixed interval, or at a time of
/// day (daily or on one weekday) in a time zone. Pure: the runner stores the next run
/// in `jobs.next_run_at` and asks the schedule for the one after.
public enum JobSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Every `interval` after the previous run's due time. First run: at registration.
    case every(Duration)
    /// Every day at `hour:minute` in `timeZone`. First run: the next such time.
    case daily(hour: Int, minute: Int, timeZone: TimeZone)
    /// Every week on `weekday` (1 = Sunday … 7 = Saturday, as `Calendar` counts) at
    /// `hour:minute` in `timeZone`. First run: the next such time.
    case weekly(weekday: Int, hour: Int, minute: Int, timeZone: TimeZone)

    /// The due time of a job registered at `now` that has never run.
    public func firstRun(registeredAt now: Date) -> Date {
        switch self {
        case .every: now
        case .daily, .weekly: next(after: now)
        }
    }

    /// The first due time strictly after `date`.
    public func next(after date: Date) -> Date {
        switch self {
        case .every(let interval):
            let seconds = max(1, Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
            return date.addingTimeInterval(seconds)
        case .daily(let hour, let minute, let timeZone):
            return Self.calendar(timeZone).nextDate(
                after: date, matching: DateComponents(hour: hour, minute: minute, second: 0), matchingPolicy: .nextTime)
                ?? date.addingTimeInterval(86_400)
        case .weekly(let weekday, let hour, let minute, let timeZone):
            return Self.calendar(timeZone).nextDate(
                after: date, matching: DateComponents(hour: hour, minute: minute, second: 0, weekday: weekday), matchingPolicy: .nextTime)
                ?? date.addingTimeInterval(7 * 86_400)
        }
    }

    /// The due time after a run that was due at `due` and finished at `now`: the next
    /// one after both, so a runner that was down does not run a job once per missed slot.
    public func next(afterDue due: Date, now: Date) -> Date {
        var next = self.next(after: due)
        if next <= now { next = self.next(after: now) }
        return next
    }

    public var description: String {
        switch self {
        case .every(let interval): "every \(interval.components.seconds)s"
        case .daily(let hour, let minute, let timeZone): "daily at \(Self.clock(hour, minute)) \(timeZone.identifier)"
        case .weekly(let weekday, let hour, let minute, let timeZone):
            "weekly on day \(weekday) at \(Self.clock(hour, minute)) \(timeZone.identifier)"
        }
    }

    static func clock(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    static func calendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}
