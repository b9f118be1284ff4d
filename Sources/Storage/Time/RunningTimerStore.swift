public import Domain
import Foundation
public import Postgres

/// SQL for `running_timers`: one row per person whose timer runs.
public struct RunningTimerStore: Sendable {
    public init() {}

    static let columns: SQL = "user_id, project_id, task_id, note, started_at"

    static func decode(_ row: PostgresRow) throws -> RunningTimer {
        RunningTimer(
            userID: try row.decode("user_id"), projectID: try row.decode("project_id"), taskID: try row.decode("task_id"),
            note: try row.decode("note"), startedAt: try row.decode("started_at"))
    }

    public func find(user: UserID, on db: some PostgresQueryable) async throws -> RunningTimer? {
        try await db.queryOptional("SELECT \(Self.columns) FROM running_timers WHERE user_id = \(user)").map(Self.decode)
    }

    /// Starts `timer` unless the person's timer already runs; returns whether it started.
    public func insert(_ timer: RunningTimer, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute(
            """
            INSERT INTO running_timers (user_id, project_id, task_id, note, started_at)
            VALUES (\(timer.userID), \(timer.projectID), \(timer.taskID), \(timer.note), \(timer.startedAt))
            ON CONFLICT (user_id) DO NOTHING
            """) == 1
    }

    /// Removes the person's timer and returns it (nil: none ran). Two stops at once: one
    /// gets the row, the other waits for it and then finds nothing.
    public func take(user: UserID, on db: some PostgresQueryable) async throws -> RunningTimer? {
        try await db.queryOptional("DELETE FROM running_timers WHERE user_id = \(user) RETURNING \(Self.columns)").map(Self.decode)
    }
}
