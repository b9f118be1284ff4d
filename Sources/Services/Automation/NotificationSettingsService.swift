import Domain
public import Postgres
import Storage

/// A user's own notification settings (issue 14 item 7): whether they get the Monday
/// nudges. Each user reads and changes only their own.
public struct NotificationSettingsService: Sendable {
    let pool: PostgresPool
    let store = NudgeStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func weeklyNudges(caller: Caller) async throws -> Bool {
        guard let wants = try await store.wantsNudges(caller.user.id, on: pool) else { throw DomainError.notFound(entity: "user") }
        return wants
    }

    public func setWeeklyNudges(_ wants: Bool, caller: Caller) async throws -> Bool {
        try await store.setWantsNudges(caller.user.id, wants, on: pool)
        return try await weeklyNudges(caller: caller)
    }
}
