/// A time entry with the names people read next to it (queue, CSV export).
public struct TimeEntryDetail: Sendable {
    public let entry: TimeEntry
    public let userName: String
    public let userEmail: String
    public let projectName: String
    public let projectCode: String
    public let clientName: String
    public let taskName: String
    /// The change request the entry's task was created for or linked to, if any.
    public let changeRequest: ApprovalFlag.ChangeRequestRef?
    /// Whether the client's latest rejection covering the entry named it among the disputed entries.
    public let disputedByClient: Bool

    /// Whether the entry has a cost rate: captured (approved and later), or in force on
    /// its work date (open and submitted).
    public let hasCostRate: Bool

    /// What the approver should know before approving the entry.
    public var approvalFlags: [ApprovalFlag] { ApprovalFlag.flags(forTimeOn: changeRequest, hasCostRate: hasCostRate) }

    public init(
        entry: TimeEntry, userName: String, userEmail: String, projectName: String, projectCode: String, clientName: String, taskName: String, changeRequest: ApprovalFlag.ChangeRequestRef?, hasCostRate: Bool = true,
        disputedByClient: Bool = false
    ) {
        self.entry = entry
        self.userName = userName
        self.userEmail = userEmail
        self.projectName = projectName
        self.projectCode = projectCode
        self.clientName = clientName
        self.taskName = taskName
        self.changeRequest = changeRequest
        self.disputedByClient = disputedByClient
        self.hasCostRate = hasCostRate
    }
}
