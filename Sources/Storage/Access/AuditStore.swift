public import Domain
import Foundation
public import Postgres

/// The append-only audit trail.
public struct AuditStore: Sendable {
    public init() {}

    public func append(_ entry: AuditEntry, actor: UserID?, origin: RequestOrigin, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO audit_events (actor_id, action, subject_type, subject_id, before, after, request_id, client_address)
            VALUES (\(actor), \(entry.action.rawValue), \(entry.subjectType.rawValue), \(entry.subjectID), \(entry.before)::jsonb, \(entry.after)::jsonb,
                    \(origin.requestID), \(origin.clientAddress))
            """)
    }

    /// Newest first; fetches `limit + 1` rows so the caller can tell whether more follow.
    public func list(_ query: AuditQuery, on db: some PostgresQueryable) async throws -> [AuditEvent] {
        var conditions: [SQL] = ["true"]
        if let actor = query.actorID { conditions.append("actor_id = \(actor)") }
        if let type = query.subjectType { conditions.append("subject_type = \(type)") }
        if let id = query.subjectID { conditions.append("subject_id = \(id)") }
        if let action = query.action { conditions.append("action = \(action)") }
        if let from = query.from { conditions.append("occurred_at >= \(from)") }
        if let to = query.to { conditions.append("occurred_at < \(to)") }
        if let before = query.beforeID { conditions.append("id < \(before)") }
        let sql: SQL = """
            SELECT id, occurred_at, actor_id, action, subject_type, subject_id, before::text AS before, after::text AS after,
                   request_id, client_address
            FROM audit_events WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY id DESC LIMIT \(query.limit + 1)
            """
        return try await db.query(sql) { row in
            AuditEvent(
                id: try row.decode("id"), occurredAt: try row.decode("occurred_at"), actorID: try row.decode("actor_id"),
                action: try row.decode("action"), subjectType: try row.decode("subject_type"), subjectID: try row.decode("subject_id"),
                before: try row.decode("before"), after: try row.decode("after"), requestID: try row.decode("request_id"),
                clientAddress: try row.decode("client_address"))
        }
    }
}
