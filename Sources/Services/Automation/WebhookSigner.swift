import Crypto
public import Domain
public import Foundation

/// Signs webhook deliveries the Standard Webhooks way (issue 14 item 3): the headers
/// `webhook-id` (the event id, which receivers deduplicate by), `webhook-timestamp`
/// (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`,
/// where the key is the base64-decoded part of the `whsec_` secret.
public enum WebhookSigner {
    public static func signature(id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: secret.key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The three headers of a delivery.
    public static func headers(id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> [(name: String, value: String)] {
        [
            ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature(id: id, timestamp: timestamp, body: body, secret: secret)),
        ]
    }
}
