/// Filters of a project's milestone list.
public struct MilestoneQuery: Sendable {
    public var projectID: ProjectID
    public var status: MilestoneStatus?
    /// Milestones that sort after this (position, id).
    public var after: (position: Int, id: MilestoneID)?
    public var limit: Int

    public init(projectID: ProjectID, status: MilestoneStatus? = nil, after: (position: Int, id: MilestoneID)? = nil, limit: Int = 50) {
        self.projectID = projectID
        self.status = status
        self.after = after
        self.limit = limit
    }
}
