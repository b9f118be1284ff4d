public import Foundation

/// A stored audit event.
public struct AuditEvent: Sendable {
    public let id: Int64
    public let occurredAt: Date
    public let actorID: UserID?
    public let action: String
    public let subjectType: String
    public let subjectID: String
    public let before: String?
    public let after: String?
    public let requestID: String?
    public let clientAddress: String?

    public init(
        id: Int64, occurredAt: Date, actorID: UserID?, action: String, subjectType: String, subjectID: String, before: String?, after: String?, requestID: String?, clientAddress: String?
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.before = before
        self.after = after
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}
