public import Foundation

/// A person's running timer (issue 19 item 2): what they are working on since when.
/// One per person; stopping it logs the time it ran as a time entry on the day it started.
public struct RunningTimer: Hashable, Sendable {
    public let userID: UserID
    public let projectID: ProjectID
    public let taskID: TaskID
    public let note: String
    public let startedAt: Date

    public init(userID: UserID, projectID: ProjectID, taskID: TaskID, note: String, startedAt: Date) {
        self.userID = userID
        self.projectID = projectID
        self.taskID = taskID
        self.note = note
        self.startedAt = startedAt
    }

    /// The whole minutes the timer has run at `now`, rounded half up (30 seconds and more
    /// count as a minute), at least one: a timer stopped at once still logs a minute.
    public func minutes(at now: Date) -> Int {
        let seconds = max(0, Int(now.timeIntervalSince(startedAt).rounded(.down)))
        return max(1, (seconds + 30) / 60)
    }

    /// The day its time is logged on: the day it started, in the person's time zone.
    public func workDate(timeZone: String) -> LocalDate {
        LocalDate.of(startedAt, timeZone: timeZone)
    }
}
