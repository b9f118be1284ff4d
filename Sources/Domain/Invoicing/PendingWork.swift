/// What is still pending in a client's month when it is closed (issue 12 item 10).
public struct PendingWork: Sendable, Hashable {
    /// Time submitted but not yet approved or rejected.
    public let submittedTimeEntries: Int
    public let submittedExpenses: Int
    /// Approved time of projects that need the client's validation, not yet validated.
    public let unvalidatedTimeEntries: Int
    /// Validation requests the client has not answered.
    public let pendingValidations: Int
    /// Time still open (never submitted).
    public let openTimeEntries: Int

    public init(submittedTimeEntries: Int, submittedExpenses: Int, unvalidatedTimeEntries: Int, pendingValidations: Int, openTimeEntries: Int) {
        self.submittedTimeEntries = submittedTimeEntries
        self.submittedExpenses = submittedExpenses
        self.unvalidatedTimeEntries = unvalidatedTimeEntries
        self.pendingValidations = pendingValidations
        self.openTimeEntries = openTimeEntries
    }
}
