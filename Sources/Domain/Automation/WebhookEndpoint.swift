public import Foundation

/// A webhook receiver (issue 14 item 3), without its secret (which only the signer and
/// the answer to creation or rotation see).
public struct WebhookEndpoint: Sendable, Equatable {
    public let id: WebhookEndpointID
    public let url: String
    public let description: String
    /// The event types it receives; empty: all of them.
    public let eventTypes: [OutboxEventType]
    public let active: Bool
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public init(
        id: WebhookEndpointID, url: String, description: String, eventTypes: [OutboxEventType], active: Bool, version: Int, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.active = active
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A webhook signing secret in the Standard Webhooks form `whsec_<base64 of 24 to 64 bytes>`.
public struct WebhookSecret: Sendable, Hashable {
    public let text: String
    /// The HMAC key: the base64-decoded part.
    public let key: [UInt8]

    public init?(_ text: String) {
        guard text.hasPrefix("whsec_"), let data = Data(base64Encoded: String(text.dropFirst(6))), (24...64).contains(data.count) else {
            return nil
        }
        self.text = text
        key = Array(data)
    }

    /// A new random secret of 32 bytes.
    public static func random() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return WebhookSecret("whsec_" + Data(bytes).base64EncodedString())!
    }
}
