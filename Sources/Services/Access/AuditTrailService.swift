public import Domain
public import Postgres
import Storage

/// Reading the append-only audit trail (admin only). Writing happens in each use case,
/// in the same transaction as the change it records.
public struct AuditTrailService: Sendable {
    let pool: PostgresPool
    let audit = AuditStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Events newest first; `limit + 1` rows are fetched so the caller can tell whether
    /// another page follows.
    public func list(_ query: AuditQuery, caller: Caller) async throws -> [AuditEvent] {
        try Policy.require(caller.actor, .readAuditTrail, .agency)
        return try await audit.list(query, on: pool)
    }
}
