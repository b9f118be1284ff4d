public import Foundation

/// Filters of the expense listing, export and approval queue.
public struct ExpenseQuery: Sendable {
    public var from: LocalDate?
    public var to: LocalDate?
    public var projectID: ProjectID?
    public var userID: UserID?
    public var status: ExpenseStatus?
    public var category: ExpenseCategory?
    /// Expenses of the projects of this client.
    public var clientID: ClientID?
    /// Whether the expense is recharged to the client.
    public var rechargeable: Bool?
    /// Expenses that sort after this key (listing: newest first; queue: oldest first).
    /// The id is any UUID: the approval queue's cursor may name a time entry.
    public var after: (date: LocalDate, id: UUID)?
    public var limit: Int

    public init(
        from: LocalDate? = nil, to: LocalDate? = nil, projectID: ProjectID? = nil, userID: UserID? = nil, status: ExpenseStatus? = nil,
        category: ExpenseCategory? = nil, after: (date: LocalDate, id: UUID)? = nil, limit: Int = 50
    ) {
        self.from = from
        self.to = to
        self.projectID = projectID
        self.userID = userID
        self.status = status
        self.category = category
        self.after = after
        self.limit = limit
    }
}
