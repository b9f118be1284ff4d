/// One change to record in the audit trail, written in the same transaction as the change.
public struct AuditEntry: Sendable {
    public let action: AuditAction
    public let subjectType: AuditSubject
    public let subjectID: String
    /// JSON documents of the subject before and after (nil when it did not exist);
    /// never secrets (no password hashes, no tokens).
    public let before: String?
    public let after: String?

    public init(action: AuditAction, subjectType: AuditSubject, subjectID: String, before: String? = nil, after: String? = nil) {
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.before = before
        self.after = after
    }
}
