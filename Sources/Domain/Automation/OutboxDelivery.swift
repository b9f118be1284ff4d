public import Foundation

/// How a delivery travels. Each channel has a `DeliveryChannel` in Services that the
/// dispatcher hands the channel's due deliveries to; retries and records are shared.
public enum DeliveryChannelKind: String, Sendable, Hashable, CaseIterable {
    case webhook
    case email
}

/// Where a delivery stands: pending (first try or a retry scheduled), succeeded, or
/// failed for good (retries exhausted, or a permanent refusal).
public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case succeeded
    case failed
}

/// A delivery to make beside the webhook fan-out, given to the outbox when the event is
/// appended (e.g. an e-mail to one recipient).
public struct NewDelivery: Sendable, Equatable {
    public let channel: DeliveryChannelKind
    /// The recipient: an e-mail address for `.email`.
    public let target: String
    /// Channel-specific content as a JSON object (text), or nil.
    public let message: String?

    public init(channel: DeliveryChannelKind, target: String, message: String? = nil) {
        self.channel = channel
        self.target = target
        self.message = message
    }
}

/// One delivery of an event over one channel to one target, as recorded.
public struct OutboxDelivery: Sendable, Equatable {
    public let id: OutboxDeliveryID
    public let eventID: OutboxEventID
    public let eventType: OutboxEventType
    public let channel: DeliveryChannelKind
    public let target: String
    public let endpointID: WebhookEndpointID?
    public let status: DeliveryStatus
    public let attempts: Int
    public let nextAttemptAt: Date?
    public let lastAttemptAt: Date?
    public let lastError: String?
    public let lastDurationMilliseconds: Int?
    public let createdAt: Date
    public let completedAt: Date?

    public init(
        id: OutboxDeliveryID, eventID: OutboxEventID, eventType: OutboxEventType, channel: DeliveryChannelKind, target: String,
        endpointID: WebhookEndpointID?, status: DeliveryStatus, attempts: Int, nextAttemptAt: Date?, lastAttemptAt: Date?, lastError: String?,
        lastDurationMilliseconds: Int?, createdAt: Date, completedAt: Date?
    ) {
        self.id = id
        self.eventID = eventID
        self.eventType = eventType
        self.channel = channel
        self.target = target
        self.endpointID = endpointID
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.lastDurationMilliseconds = lastDurationMilliseconds
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}

/// One attempt of a delivery, as recorded.
public struct DeliveryAttempt: Sendable, Equatable {
    public let attempt: Int
    public let startedAt: Date
    public let durationMilliseconds: Int
    public let succeeded: Bool
    /// The receiver's HTTP status (webhooks), nil when no answer came.
    public let httpStatus: Int?
    public let error: String?

    public init(attempt: Int, startedAt: Date, durationMilliseconds: Int, succeeded: Bool, httpStatus: Int?, error: String?) {
        self.attempt = attempt
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.succeeded = succeeded
        self.httpStatus = httpStatus
        self.error = error
    }
}
