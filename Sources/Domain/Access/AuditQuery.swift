public import Foundation

/// Filters of the audit trail listing.
public struct AuditQuery: Sendable {
    public var actorID: UserID?
    public var subjectType: String?
    public var subjectID: String?
    public var action: String?
    public var from: Date?
    public var to: Date?
    /// Events with an id below this one (cursor, newest first).
    public var beforeID: Int64?
    public var limit: Int

    public init(
        actorID: UserID? = nil, subjectType: String? = nil, subjectID: String? = nil, action: String? = nil, from: Date? = nil,
        to: Date? = nil, beforeID: Int64? = nil, limit: Int = 50
    ) {
        self.actorID = actorID
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.action = action
        self.from = from
        self.to = to
        self.beforeID = beforeID
        self.limit = limit
    }
}
