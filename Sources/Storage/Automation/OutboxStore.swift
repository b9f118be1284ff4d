public import Domain
public import Foundation
public import Postgres

/// The transactional outbox (issue 14 item 2): `outbox_events` and their
/// `outbox_deliveries` with every attempt.
///
/// Appending an event: call ``append(_:deliveries:on:)`` with the transaction of the
/// change that causes it, so the event exists exactly when the change committed:
///
/// ```swift
/// try await pool.withTransaction { tx in
///     … the change, its audit entry …
///     try await OutboxStore().append(
///         OutboxEvent(type: .invoicePaid, occurredAt: clock.now(), subjectType: "invoice", subjectID: id.description,
///                     link: "/invoices/\(id)", payload: try SheafJSON.string(payload)),
///         on: tx)
/// }
/// ```
///
/// The same statement makes one webhook delivery per active endpoint subscribed to the
/// event's type; `deliveries` adds others (e.g. one `.email` per recipient). Nothing is
/// sent in the request: the job runner's dispatcher claims due deliveries later.
public struct OutboxStore: Sendable {
    public init() {}

    /// Appends `event` in the caller's transaction, with a pending webhook delivery for
    /// each active endpoint subscribed to its type, and the given extra deliveries (a
    /// repeated channel and target is made once).
    public func append(_ event: OutboxEvent, deliveries: [NewDelivery] = [], on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            WITH event AS (
                INSERT INTO outbox_events (id, type, occurred_at, subject_type, subject_id, link, payload)
                VALUES (\(event.id), \(event.type.rawValue), \(event.occurredAt), \(event.subjectType), \(event.subjectID), \(event.link),
                        \(event.payload)::jsonb)
                RETURNING id
            )
            INSERT INTO outbox_deliveries (id, event_id, channel, target, endpoint_id, next_attempt_at, created_at)
            SELECT gen_random_uuid(), event.id, 'webhook', w.id::text, w.id, \(event.occurredAt), \(event.occurredAt)
            FROM event, webhook_endpoints w
            WHERE w.active AND (cardinality(w.event_types) = 0 OR \(event.type.rawValue) = ANY(w.event_types))
            """)
        for delivery in deliveries {
            try await tx.execute(
                """
                INSERT INTO outbox_deliveries (id, event_id, channel, target, message, next_attempt_at, created_at)
                VALUES (\(OutboxDeliveryID.random()), \(event.id), \(delivery.channel.rawValue), \(delivery.target), \(delivery.message)::jsonb,
                        \(event.occurredAt), \(event.occurredAt))
                ON CONFLICT (event_id, channel, target) DO NOTHING
                """)
        }
    }

    /// Claims up to `limit` pending deliveries of `channels` due at `now`, oldest first,
    /// skipping those another dispatcher holds: each gets its attempt counted and its next
    /// attempt moved to `now + lease`, committed at once. A dispatcher that dies before
    /// recording the attempt thus leaves the delivery to be tried again after the lease.
    public func claimDue(
        channels: [DeliveryChannelKind], now: Date, lease: Duration, limit: Int, on db: some PostgresQueryable
    ) async throws -> [ClaimedDelivery] {
        let leaseUntil = now.addingTimeInterval(Double(lease.components.seconds))
        return try await db.query(
            """
            WITH due AS (
                SELECT id FROM outbox_deliveries
                WHERE status = 'pending' AND next_attempt_at <= \(now) AND channel = ANY(\(channels.map(\.rawValue)))
                ORDER BY next_attempt_at, created_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox_deliveries d SET attempts = d.attempts + 1, next_attempt_at = \(leaseUntil), last_attempt_at = \(now)
            FROM due, outbox_events e
            WHERE d.id = due.id AND e.id = d.event_id
            RETURNING d.id, d.channel, d.target, d.endpoint_id, d.message::text AS message, d.attempts, d.created_at,
                      e.id AS event_id, e.type, e.occurred_at, e.subject_type, e.subject_id, e.link, e.payload::text AS payload
            """
        ) { row in
            ClaimedDelivery(
                id: try row.decode("id"), channel: DeliveryChannelKind(rawValue: try row.decode("channel")) ?? .webhook,
                target: try row.decode("target"), endpointID: try row.decode("endpoint_id"), message: try row.decode("message"),
                attempt: try row.decode("attempts"), createdAt: try row.decode("created_at"), event: try Self.event(row))
        }
    }

    /// Records attempt `claimed.attempt` and where the delivery goes next: succeeded,
    /// pending until `retryAt`, or failed (not succeeded and no `retryAt`). A record for an
    /// attempt that is no longer the delivery's latest (its lease ran out and another
    /// dispatcher claimed it again) is kept as an attempt but does not move the delivery.
    public func record(
        _ attempt: AttemptRecord, of claimed: ClaimedDelivery, retryAt: Date?, now: Date, on db: some PostgresQueryable
    ) async throws {
        let status: DeliveryStatus = attempt.succeeded ? .succeeded : (retryAt == nil ? .failed : .pending)
        let next: Date? = status == .pending ? retryAt : nil
        let completed: Date? = status == .pending ? nil : now
        try await db.execute(
            """
            WITH attempt AS (
                INSERT INTO outbox_delivery_attempts (delivery_id, attempt, started_at, duration_ms, succeeded, http_status, error)
                VALUES (\(claimed.id), \(claimed.attempt), \(attempt.startedAt), \(attempt.durationMilliseconds), \(attempt.succeeded),
                        \(attempt.httpStatus), left(\(attempt.error), 2000))
                ON CONFLICT (delivery_id, attempt) DO NOTHING
            )
            UPDATE outbox_deliveries SET status = \(status.rawValue), next_attempt_at = \(next), completed_at = \(completed),
                   last_error = left(\(attempt.error), 2000), last_duration_ms = \(attempt.durationMilliseconds)
            WHERE id = \(claimed.id) AND attempts = \(claimed.attempt) AND status = 'pending'
            """)
    }

    /// Makes a delivery due again at `now` (a manual retry): a failed or succeeded one
    /// becomes pending for one more attempt. False when there is no such delivery.
    @discardableResult
    public func retry(_ id: OutboxDeliveryID, channel: DeliveryChannelKind, now: Date, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute(
            """
            UPDATE outbox_deliveries SET status = 'pending', next_attempt_at = \(now), completed_at = NULL
            WHERE id = \(id) AND channel = \(channel.rawValue)
            """) == 1
    }

    /// An event by id.
    public func event(_ id: OutboxEventID, on db: some PostgresQueryable) async throws -> OutboxEvent? {
        try await db.queryOptional(
            """
            SELECT id AS event_id, type, occurred_at, subject_type, subject_id, link, payload::text AS payload
            FROM outbox_events WHERE id = \(id)
            """
        ).map(Self.event)
    }

    /// The events about one subject (of one type, when given), oldest first.
    public func events(subjectType: String, subjectID: String, type: OutboxEventType? = nil, on db: some PostgresQueryable) async throws
        -> [OutboxEvent]
    {
        try await db.query(
            """
            SELECT id AS event_id, type, occurred_at, subject_type, subject_id, link, payload::text AS payload
            FROM outbox_events
            WHERE subject_type = \(subjectType) AND subject_id = \(subjectID) AND (\(type?.rawValue)::text IS NULL OR type = \(type?.rawValue))
            ORDER BY seq
            """, Self.event)
    }

    static func event(_ row: PostgresRow) throws -> OutboxEvent {
        OutboxEvent(
            id: try row.decode("event_id"), type: OutboxEventType(rawValue: try row.decode("type")), occurredAt: try row.decode("occurred_at"),
            subjectType: try row.decode("subject_type"), subjectID: try row.decode("subject_id"), link: try row.decode("link"),
            payload: try row.decode("payload"))
    }
}
