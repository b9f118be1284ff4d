/// The workflow state of a change request (SPEC §2 Change request, §4.4).
///
/// ```
/// draft ──quote──▶ quoted ──accept──▶ accepted
///                    │
///                    └────reject────▶ rejected
/// ```
/// Quoting freezes the content; the raw value is the wire and database name. The
/// client decides on what the agency put to them, so the words are accept/reject, as
/// for validations and milestones (approve/reject is a staff decision on team work).
public enum ChangeRequestStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// Being written; may still be edited or deleted.
    case draft
    /// Sent to the client with its price; frozen.
    case quoted
    /// Accepted by the client: its work gets a task and it changes the budget.
    case accepted
    /// Rejected by the client.
    case rejected

    /// Something that happens to a change request.
    public enum Event: Hashable, Sendable {
        /// The manager sends the quote to the client.
        case quote
        /// The client accepts.
        case accept
        /// The client rejects; the comment says why.
        case reject(comment: String)
    }

    /// The state after `event`, or an error leaving the change request unchanged.
    /// - Throws: ``DomainError/conflict(_:)`` for a transition the workflow does not
    ///   allow; ``DomainError/invalid(_:)`` on `comment` when a rejection has no text.
    public func transition(_ event: Event) throws(DomainError) -> ChangeRequestStatus {
        switch (self, event) {
        case (.draft, .quote):
            return .quoted
        case (.quoted, .accept):
            return .accepted
        case (.quoted, .reject(let comment)):
            guard !comment.allSatisfy(\.isWhitespace) else {
                throw .invalid(field: "comment", message: "Say why the change request is rejected.")
            }
            return .rejected
        default:
            throw .conflict(refusal(event))
        }
    }

    /// Whether its content may still change or it may be deleted: only as a draft.
    public var isEditable: Bool { self == .draft }

    private func refusal(_ event: Event) -> String {
        let this = "this one is \(rawValue)"
        switch event {
        case .quote:
            return self == .quoted
                ? "This change request was already quoted; its content is frozen."
                : "Only a draft change request can be quoted; \(this)."
        case .accept:
            return self == .draft
                ? "A draft change request must be quoted before the client can accept it."
                : self == .accepted ? "This change request was already accepted." : "Only a quoted change request can be accepted; \(this)."
        case .reject:
            return self == .draft
                ? "A draft change request must be quoted before the client can reject it."
                : self == .rejected ? "This change request was already rejected." : "Only a quoted change request can be rejected; \(this)."
        }
    }
}
