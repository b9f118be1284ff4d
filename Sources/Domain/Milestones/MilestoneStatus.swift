/// The workflow state of a milestone (SPEC §2 Milestone, §4.2).
///
/// ```
/// planned ──deliver──▶ delivered ──accept──▶ accepted ──invoice──▶ invoiced
///                       ▲     │                 ▲                     │
///                       │   reject              └─releaseFromCreditNote┘
///                       │     ▼
///                       └─deliver── rejected   (delivered again after rework)
/// ```
/// The raw value is the wire and database name.
public enum MilestoneStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// Defined from the quote; may still be edited or deleted.
    case planned
    /// Marked delivered by the manager; waiting for the client's decision.
    case delivered
    /// Accepted by the client: billable at once.
    case accepted
    /// Rejected by the client with a comment; to be reworked and delivered again.
    case rejected
    /// Billed on an issued invoice.
    case invoiced

    /// Something that happens to a milestone.
    public enum Event: Hashable, Sendable {
        /// The manager marks it delivered (again, after a rejection).
        case deliver
        /// The client accepts the deliverable.
        case accept
        /// The client rejects the deliverable; the comment says why.
        case reject(comment: String)
        /// An issued invoice bills it.
        case invoice
        /// A credit note releases it back to unbilled.
        case releaseFromCreditNote
    }

    /// The state after `event`, or an error leaving the milestone unchanged.
    /// - Throws: ``DomainError/conflict(_:)`` for a transition the workflow does not
    ///   allow; ``DomainError/invalid(_:)`` on `comment` when a rejection has no text.
    public func transition(_ event: Event) throws(DomainError) -> MilestoneStatus {
        switch (self, event) {
        case (.planned, .deliver), (.rejected, .deliver):
            return .delivered
        case (.delivered, .accept):
            return .accepted
        case (.delivered, .reject(let comment)):
            guard !comment.allSatisfy(\.isWhitespace) else {
                throw .invalid(field: "comment", message: "Say why the milestone is rejected.")
            }
            return .rejected
        case (.accepted, .invoice):
            return .invoiced
        case (.invoiced, .releaseFromCreditNote):
            return .accepted
        default:
            throw .conflict(refusal(event))
        }
    }

    /// Whether its definition may still change (name, amount, criteria…) or it may be deleted.
    public var isEditable: Bool { self == .planned }

    /// Whether it is billable and not billed yet: accepted by the client.
    public var isBillable: Bool { self == .accepted }

    private var article: String { self == .accepted || self == .invoiced ? "an" : "a" }

    private func refusal(_ event: Event) -> String {
        let this = "this one is \(rawValue)"
        switch event {
        case .deliver:
            return self == .delivered
                ? "This milestone was already delivered and waits for the client's decision."
                : "Only a planned or rejected milestone can be delivered; \(this)."
        case .accept:
            return self == .accepted || self == .invoiced
                ? "This milestone was already accepted."
                : "Only a delivered milestone can be accepted; \(this)."
        case .reject:
            return "Only a delivered milestone can be rejected; \(this)."
        case .invoice:
            return self == .invoiced
                ? "This milestone was already invoiced."
                : "Only an accepted milestone can be invoiced; \(this)."
        case .releaseFromCreditNote:
            return "Only an invoiced milestone can be released by a credit note; \(this)."
        }
    }
}
