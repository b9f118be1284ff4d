import Foundation

/// Filters of the time-entry listing, export and approval queue.
public struct TimeEntryQuery: Sendable {
    public var from: LocalDate?
    public var to: LocalDate?
    public var projectID: ProjectID?
    public var userID: UserID?
    public var status: TimeEntryStatus?
    public var taskID: TaskID?
    /// Entries of the projects of this client.
    public var clientID: ClientID?
    public var billable: Bool?
    /// Entries that sort after this key (listing: newest first; queue: oldest first).
    public var after: (date: LocalDate, id: TimeEntryID)?
    public var limit: Int

    public init(
        from: LocalDate? = nil, to: LocalDate? = nil, projectID: ProjectID? = nil, userID: UserID? = nil,
        status: TimeEntryStatus? = nil, after: (date: LocalDate, id: TimeEntryID)? = nil, limit: Int = 50
    ) {
        self.from = from
        self.to = to
        self.projectID = projectID
        self.userID = userID
        self.status = status
        self.after = after
        self.limit = limit
    }
}
