/// The workflow state of a change request (SPEC §2 Change request, §4.4).
///
/// ```
/// draft ──quote──▶ quoted ──approve──▶ approved
///                    │
///                    └────decline────▶ declined
/// ```
/// Quoting freezes the content; the raw value is the wire and database name.
public enum ChangeRequestStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// Being written; may still be edited or deleted.
    case draft
    /// Sent to the client with its price; frozen.
    case quoted
    /// Agreed by the client: its work gets a task and it changes the budget.
    case approved
    /// Declined by the client.
    case declined

    /// Something that happens to a change request.
    public enum Event: Hashable, Sendable {
        /// The manager sends the quote to the client.
        case quote
        /// The client agrees.
        case approve
        /// The client declines; the comment says why.
        case decline(comment: String)
    }

    /// The state after `event`, or an error leaving the change request unchanged.
    /// - Throws: ``DomainError/conflict(_:)`` for a transition the workflow does not
    ///   allow; ``DomainError/invalid(_:)`` on `comment` when a decline has no text.
    public func transition(_ event: Event) throws(DomainError) -> ChangeRequestStatus {
        switch (self, event) {
        case (.draft, .quote):
            return .quoted
        case (.quoted, .approve):
            return .approved
        case (.quoted, .decline(let comment)):
            guard !comment.allSatisfy(\.isWhitespace) else {
                throw .invalid(field: "comment", message: "Say why the change request is declined.")
            }
            return .declined
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
        case .approve:
            return self == .draft
                ? "A draft change request must be quoted before the client can approve it."
                : self == .approved ? "This change request was already approved." : "Only a quoted change request can be approved; \(this)."
        case .decline:
            return self == .draft
                ? "A draft change request must be quoted before the client can decline it."
                : self == .declined ? "This change request was already declined." : "Only a quoted change request can be declined; \(this)."
        }
    }
}
