import Domain
import Foundation
import Services

/// A webhook endpoint on the wire (never its secret, except in ``WebhookWithSecretDTO``).
struct WebhookDTO: Encodable, Sendable {
    let id: WebhookEndpointID
    let url: String
    let description: String
    /// Empty: every event type.
    let eventTypes: [String]
    let active: Bool
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ endpoint: WebhookEndpoint) {
        id = endpoint.id
        url = endpoint.url
        description = endpoint.description
        eventTypes = endpoint.eventTypes.map(\.rawValue)
        active = endpoint.active
        version = endpoint.version
        createdAt = endpoint.createdAt
        updatedAt = endpoint.updatedAt
    }
}

/// The answer to creation and rotation: the endpoint (the fields of ``WebhookDTO``,
/// unchanged) and its secret, shown this once.
struct WebhookWithSecretDTO: Encodable, Sendable {
    let endpoint: WebhookDTO
    /// `whsec_<base64>`: the key is the base64-decoded part (Standard Webhooks).
    let secret: String

    init(_ created: WebhookEndpointWithSecret) {
        endpoint = WebhookDTO(created.endpoint)
        secret = created.secret.text
    }

    private enum SecretKey: String, CodingKey { case secret }

    func encode(to encoder: any Encoder) throws {
        try endpoint.encode(to: encoder)
        var container = encoder.container(keyedBy: SecretKey.self)
        try container.encode(secret, forKey: .secret)
    }
}

/// A webhook delivery with every attempt.
struct WebhookDeliveryDTO: Encodable, Sendable {
    struct Attempt: Encodable, Sendable {
        let attempt: Int
        let startedAt: Date
        let durationMs: Int
        let succeeded: Bool
        @Nullable var httpStatus: Int?
        @Nullable var error: String?
    }

    let id: OutboxDeliveryID
    let eventId: OutboxEventID
    let eventType: String
    @Nullable var endpointId: WebhookEndpointID?
    let status: String
    let attemptCount: Int
    @Nullable var nextAttemptAt: Date?
    @Nullable var lastError: String?
    @Nullable var lastDurationMs: Int?
    let createdAt: Date
    @Nullable var completedAt: Date?
    let attempts: [Attempt]

    init(_ record: WebhookDeliveryRecord) {
        let delivery = record.delivery
        id = delivery.id
        eventId = delivery.eventID
        eventType = delivery.eventType.rawValue
        endpointId = delivery.endpointID
        status = delivery.status.rawValue
        attemptCount = delivery.attempts
        nextAttemptAt = delivery.nextAttemptAt
        lastError = delivery.lastError
        lastDurationMs = delivery.lastDurationMilliseconds
        createdAt = delivery.createdAt
        completedAt = delivery.completedAt
        attempts = record.attempts.map {
            Attempt(
                attempt: $0.attempt, startedAt: $0.startedAt, durationMs: $0.durationMilliseconds, succeeded: $0.succeeded, httpStatus: $0.httpStatus,
                error: $0.error)
        }
    }
}
