/// Which billable work to read: a client, a project, some kinds, work up to a date.
public struct BillableFilter: Sendable, Hashable {
    public var clientID: ClientID?
    public var projectIDs: [ProjectID]?
    public var kinds: Set<BillableKind>
    /// Work dated on or before this day (the work date, the expense date, the day a
    /// milestone or change request was accepted).
    public var upTo: LocalDate?
    /// Work dated on or after this day (a report's period).
    public var from: LocalDate?

    public init(
        clientID: ClientID? = nil, projectIDs: [ProjectID]? = nil, kinds: Set<BillableKind> = Set(BillableKind.allCases), upTo: LocalDate? = nil,
        from: LocalDate? = nil
    ) {
        self.clientID = clientID
        self.projectIDs = projectIDs
        self.kinds = kinds
        self.upTo = upTo
        self.from = from
    }
}
