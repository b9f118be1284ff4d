/// Why an approver should look twice at a submitted item before approving it.
///
/// SPEC §4.4: "Time logged on an unapproved change-request task is flagged" (a change
/// request is now *accepted* by the client, see the glossary). Work on a change
/// request's task may start before the client agrees (the task can be linked while
/// the request is a draft); until the request is accepted, that time has no
/// agreed price and may never be billable, so the approver is told — approving it
/// stays possible (the work was done), which is why this is a flag and not a refusal.
public struct ApprovalFlag: Hashable, Sendable {
    /// A stable machine-readable name.
    public let code: String
    /// A sentence for the approver.
    public let message: String

    /// The change request a task was created for or linked to, as the approver sees it.
    public struct ChangeRequestRef: Hashable, Sendable {
        public let id: ChangeRequestID
        /// "CR-3".
        public let reference: String
        public let status: ChangeRequestStatus

        public init(id: ChangeRequestID, reference: String, status: ChangeRequestStatus) {
            self.id = id
            self.reference = reference
            self.status = status
        }
    }

    /// The author had no cost rate in force on the work date: approving captures the
    /// cost as unknown, and margins count it as unknown until the admin sets a rate and
    /// re-rates the entry.
    public static let noCostRate = ApprovalFlag(
        code: "no_cost_rate",
        message: "The author has no cost rate in force on the work date: the cost of this time will be unknown (not 0.00) until the admin sets one.")

    /// The flags of an entry: for its change request (see ``flags(forTimeOn:)``) and a
    /// missing cost rate.
    public static func flags(forTimeOn changeRequest: ChangeRequestRef?, hasCostRate: Bool) -> [ApprovalFlag] {
        flags(forTimeOn: changeRequest) + (hasCostRate ? [] : [noCostRate])
    }

    /// The flags of a time entry logged on a task of `changeRequest` (nil: an ordinary task).
    public static func flags(forTimeOn changeRequest: ChangeRequestRef?) -> [ApprovalFlag] {
        guard let changeRequest, changeRequest.status != .accepted else { return [] }
        let state: String =
            switch changeRequest.status {
            case .draft: "still a draft: it has not been quoted to the client"
            case .quoted: "quoted but not yet accepted by the client"
            case .rejected: "rejected by the client"
            case .accepted: "accepted"
            }
        return [
            ApprovalFlag(
                code: "unaccepted_change_request",
                message: "Logged on the task of \(changeRequest.reference), which is \(state); this time has no agreed price yet.")
        ]
    }
}
