public import Domain
import Foundation
import Postgres
import Storage

/// A webhook delivery with each of its attempts.
public struct WebhookDeliveryRecord: Sendable {
    public let delivery: OutboxDelivery
    public let attempts: [DeliveryAttempt]
}

extension WebhookService {
    /// The deliveries matching `query` (channel webhook), newest first, `limit + 1` fetched.
    public func deliveries(_ query: DeliveryQuery, caller: Caller) async throws -> [WebhookDeliveryRecord] {
        try Policy.require(caller.actor, .manageSettings, .agency)
        var query = query
        query.channel = .webhook
        let found = try await outbox.deliveries(query, on: pool)
        let attempts = try await outbox.attempts(of: found.map(\.id), on: pool)
        return found.map { WebhookDeliveryRecord(delivery: $0, attempts: attempts[$0.id] ?? []) }
    }

    /// Makes a delivery due now: one more attempt for a failed or succeeded one, the
    /// next attempt at once for a pending one. The dispatcher makes it, not this request.
    public func retry(_ id: OutboxDeliveryID, caller: Caller) async throws -> WebhookDeliveryRecord {
        try Policy.require(caller.actor, .manageSettings, .agency)
        return try await pool.withTransaction { tx in
            guard try await outbox.retry(id, channel: .webhook, now: clock.now(), on: tx),
                let delivery = try await outbox.delivery(id, channel: .webhook, on: tx)
            else { throw DomainError.notFound(entity: "webhook delivery") }
            try await audit.append(
                AuditEntry(action: .webhookDeliveryRetried, subjectType: .webhookDelivery, subjectID: id.description),
                actor: caller.user.id, origin: caller.origin, on: tx)
            let attempts = try await outbox.attempts(of: [id], on: tx)
            return WebhookDeliveryRecord(delivery: delivery, attempts: attempts[id] ?? [])
        }
    }
}
