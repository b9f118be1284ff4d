public import Foundation

/// A delivery a dispatcher has claimed for one attempt, with its event: what a
/// delivery channel gets to send.
public struct ClaimedDelivery: Sendable, Equatable {
    public let id: OutboxDeliveryID
    public let channel: DeliveryChannelKind
    /// The recipient: the endpoint id for a webhook, the address for an e-mail.
    public let target: String
    public let endpointID: WebhookEndpointID?
    /// The channel-specific content given at append time (JSON text), or nil.
    public let message: String?
    /// This attempt's number (1 for the first).
    public let attempt: Int
    public let createdAt: Date
    public let event: OutboxEvent

    public init(
        id: OutboxDeliveryID, channel: DeliveryChannelKind, target: String, endpointID: WebhookEndpointID?, message: String?, attempt: Int,
        createdAt: Date, event: OutboxEvent
    ) {
        self.id = id
        self.channel = channel
        self.target = target
        self.endpointID = endpointID
        self.message = message
        self.attempt = attempt
        self.createdAt = createdAt
        self.event = event
    }
}

/// The outcome of one delivery attempt, as a channel reports it.
public struct DeliveryResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Delivered: the delivery is done.
        case succeeded
        /// Not delivered; worth trying again later (5xx, timeout, connection refused).
        case retry
        /// Not delivered and never will be (e.g. a refused address): the delivery fails now.
        case giveUp
    }

    public let outcome: Outcome
    /// The receiver's HTTP status, when it answered (webhooks).
    public let httpStatus: Int?
    /// Why it did not succeed, for the record (never a secret).
    public let error: String?

    public init(_ outcome: Outcome, httpStatus: Int? = nil, error: String? = nil) {
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.error = error
    }
}

/// One attempt to record: when it started, how long it took, what came of it.
public struct AttemptRecord: Sendable, Equatable {
    public let startedAt: Date
    public let durationMilliseconds: Int
    public let succeeded: Bool
    public let httpStatus: Int?
    public let error: String?

    public init(startedAt: Date, durationMilliseconds: Int, succeeded: Bool, httpStatus: Int? = nil, error: String? = nil) {
        self.startedAt = startedAt
        self.durationMilliseconds = max(0, durationMilliseconds)
        self.succeeded = succeeded
        self.httpStatus = httpStatus
        self.error = error
    }
}
