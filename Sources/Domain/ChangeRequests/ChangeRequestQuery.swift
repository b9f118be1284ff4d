/// Filters of a project's change-request list.
public struct ChangeRequestQuery: Sendable {
    public var projectID: ProjectID
    public var status: ChangeRequestStatus?
    /// Change requests numbered after this one.
    public var afterNumber: Int?
    public var limit: Int
    /// Leave drafts out (in SQL, so pages stay full for callers who may not see them).
    public var excludesDrafts = false

    public init(projectID: ProjectID, status: ChangeRequestStatus? = nil, afterNumber: Int? = nil, limit: Int = 50) {
        self.projectID = projectID
        self.status = status
        self.afterNumber = afterNumber
        self.limit = limit
    }
}
