import Domain
import Foundation
import Services

/// An audit event on the wire; `before` and `after` are the stored JSON snapshots as
/// JSON (null when the subject did not exist before or after). Every event has the
/// same keys: `actor_id`, `request_id` and `client_address` are null when unknown.
struct AuditEventDTO: Encodable, Sendable {
    let id: Int64
    let occurredAt: Date
    @Nullable var actorId: UserID?
    let action: String
    let subjectType: String
    let subjectId: String
    @Nullable var before: JSONValue?
    @Nullable var after: JSONValue?
    @Nullable var requestId: String?
    @Nullable var clientAddress: String?

    init(_ event: AuditEvent) {
        id = event.id
        occurredAt = event.occurredAt
        actorId = event.actorID
        action = event.action
        subjectType = event.subjectType
        subjectId = event.subjectID
        before = event.before.flatMap(JSONValue.init(text:))
        after = event.after.flatMap(JSONValue.init(text:))
        requestId = event.requestID
        clientAddress = event.clientAddress
    }
}
