public import Foundation

extension IDTag {
    /// Tags an ``OutboxEventID``.
    public enum OutboxEvent {}
    /// Tags an ``OutboxDeliveryID``.
    public enum OutboxDelivery {}
    /// Tags a ``WebhookEndpointID``.
    public enum WebhookEndpoint {}
}

/// Identifies an outbox event; it is also the `webhook-id` receivers deduplicate by.
public typealias OutboxEventID = ID<IDTag.OutboxEvent>
/// Identifies one delivery of an event over one channel to one target.
public typealias OutboxDeliveryID = ID<IDTag.OutboxDelivery>
/// Identifies a webhook endpoint.
public typealias WebhookEndpointID = ID<IDTag.WebhookEndpoint>

/// Something that happened, recorded in the outbox in the same transaction as the change
/// (issue 14 item 2): a unique id, a type, when, what it is about with a link to it, and a
/// JSON object a receiver can act on without calling back.
public struct OutboxEvent: Sendable, Equatable {
    public let id: OutboxEventID
    public let type: OutboxEventType
    public let occurredAt: Date
    /// What the event is about, e.g. `invoice` and its id.
    public let subjectType: String
    public let subjectID: String
    /// The resource's path in the API, e.g. `/invoices/{id}` (receivers prefix the base URL).
    public let link: String
    /// A JSON object (text), encoded by the service that appends the event.
    public let payload: String

    public init(
        id: OutboxEventID = .random(), type: OutboxEventType, occurredAt: Date, subjectType: String, subjectID: String, link: String,
        payload: String
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.link = link
        self.payload = payload
    }
}
