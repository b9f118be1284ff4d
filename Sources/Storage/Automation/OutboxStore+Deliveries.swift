public import Domain
import Foundation
public import Postgres

extension OutboxStore {
    static let deliveryColumns: SQL = """
        d.id, d.event_id, e.type, d.channel, d.target, d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at,
        d.last_error, d.last_duration_ms, d.created_at, d.completed_at
        """

    /// The deliveries matching `query`, newest first: `limit + 1` rows so the caller can
    /// tell whether more follow.
    public func deliveries(_ query: DeliveryQuery, on db: some PostgresQueryable) async throws -> [OutboxDelivery] {
        var conditions: [SQL] = ["d.channel = \(query.channel.rawValue)"]
        if let endpoint = query.endpointID { conditions.append("d.endpoint_id = \(endpoint)") }
        if let type = query.eventType { conditions.append("e.type = \(type.rawValue)") }
        if let status = query.status { conditions.append("d.status = \(status.rawValue)") }
        if let after = query.after {
            conditions.append("(d.created_at, d.id) < (SELECT created_at, id FROM outbox_deliveries WHERE id = \(after))")
        }
        return try await db.query(
            """
            SELECT \(Self.deliveryColumns)
            FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY d.created_at DESC, d.id DESC LIMIT \(query.limit + 1)
            """, Self.delivery)
    }

    /// One delivery of `channel`.
    public func delivery(_ id: OutboxDeliveryID, channel: DeliveryChannelKind, on db: some PostgresQueryable) async throws -> OutboxDelivery? {
        try await db.queryOptional(
            """
            SELECT \(Self.deliveryColumns)
            FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE d.id = \(id) AND d.channel = \(channel.rawValue)
            """
        ).map(Self.delivery)
    }

    /// The attempts of the given deliveries, by delivery, in order.
    public func attempts(of ids: [OutboxDeliveryID], on db: some PostgresQueryable) async throws -> [OutboxDeliveryID: [DeliveryAttempt]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT delivery_id, attempt, started_at, duration_ms, succeeded, http_status, error
            FROM outbox_delivery_attempts WHERE delivery_id = ANY(\(ids)) ORDER BY delivery_id, attempt
            """
        ) { row in
            (
                try row.decode("delivery_id", as: OutboxDeliveryID.self),
                DeliveryAttempt(
                    attempt: try row.decode("attempt"), startedAt: try row.decode("started_at"), durationMilliseconds: try row.decode("duration_ms"),
                    succeeded: try row.decode("succeeded"), httpStatus: try row.decode("http_status"), error: try row.decode("error"))
            )
        }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    static func delivery(_ row: PostgresRow) throws -> OutboxDelivery {
        OutboxDelivery(
            id: try row.decode("id"), eventID: try row.decode("event_id"), eventType: OutboxEventType(rawValue: try row.decode("type")),
            channel: DeliveryChannelKind(rawValue: try row.decode("channel")) ?? .webhook, target: try row.decode("target"),
            endpointID: try row.decode("endpoint_id"), status: DeliveryStatus(rawValue: try row.decode("status")) ?? .pending,
            attempts: try row.decode("attempts"), nextAttemptAt: try row.decode("next_attempt_at"), lastAttemptAt: try row.decode("last_attempt_at"),
            lastError: try row.decode("last_error"), lastDurationMilliseconds: try row.decode("last_duration_ms"),
            createdAt: try row.decode("created_at"), completedAt: try row.decode("completed_at"))
    }
}
