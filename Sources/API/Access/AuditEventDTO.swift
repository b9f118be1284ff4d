import Domain
import Foundation

/// An audit event on the wire; `before` and `after` are the stored JSON snapshots as
/// JSON (null when the subject did not exist before or after).
struct AuditEventDTO: Encodable, Sendable {
    let id: Int64
    let occurredAt: Date
    let actorID: UserID?
    let action: String
    let subjectType: String
    let subjectID: String
    let before: JSONValue?
    let after: JSONValue?
    let requestID: String?
    let clientAddress: String?

    enum CodingKeys: String, CodingKey {
        case id, action, before, after
        case occurredAt = "occurred_at"
        case actorID = "actor_id"
        case subjectType = "subject_type"
        case subjectID = "subject_id"
        case requestID = "request_id"
        case clientAddress = "client_address"
    }

    init(_ event: AuditEvent) {
        id = event.id
        occurredAt = event.occurredAt
        actorID = event.actorID
        action = event.action
        subjectType = event.subjectType
        subjectID = event.subjectID
        before = event.before.flatMap(JSONValue.init(text:))
        after = event.after.flatMap(JSONValue.init(text:))
        requestID = event.requestID
        clientAddress = event.clientAddress
    }

    /// Always writes `actor_id`, `before`, `after`, `request_id` and `client_address`,
    /// as `null` when absent, so every event has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(actorID, forKey: .actorID)
        try container.encode(action, forKey: .action)
        try container.encode(subjectType, forKey: .subjectType)
        try container.encode(subjectID, forKey: .subjectID)
        try container.encode(before, forKey: .before)
        try container.encode(after, forKey: .after)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(clientAddress, forKey: .clientAddress)
    }
}
