/// A filter on outbox deliveries (`GET /webhooks/deliveries`), newest first, paged after
/// the last delivery of the previous page.
public struct DeliveryQuery: Sendable, Equatable {
    public var channel: DeliveryChannelKind
    public var endpointID: WebhookEndpointID?
    public var eventType: OutboxEventType?
    public var status: DeliveryStatus?
    public var limit: Int
    public var after: OutboxDeliveryID?

    public init(
        channel: DeliveryChannelKind, endpointID: WebhookEndpointID? = nil, eventType: OutboxEventType? = nil, status: DeliveryStatus? = nil,
        limit: Int = 50, after: OutboxDeliveryID? = nil
    ) {
        self.channel = channel
        self.endpointID = endpointID
        self.eventType = eventType
        self.status = status
        self.limit = limit
        self.after = after
    }
}
