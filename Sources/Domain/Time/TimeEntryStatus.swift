/// The workflow state of a time entry or an expense (SPEC §2, §4.1).
///
/// ```
/// open ──submit──▶ submitted ──approve──▶ approved ──clientValidate──▶ client_validated
///   ▲                │   ▲                   │  │                           │
///   └────reject──────┘   └──clientReject─────┘  └─invoice (no validation)─┐ │ invoice
///                                                                         ▼ ▼
///                        approved / client_validated ◀─releaseFromCreditNote─ invoiced
/// ```
/// The raw value is the wire and database name (`client_validated`).
public enum TimeEntryStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// Being logged; its author may still change it.
    case open
    /// Submitted for approval; read-only for its author.
    case submitted
    /// Approved; its rates are captured. Read-only for its author.
    case approved
    /// Approved and validated by the client.
    case clientValidated = "client_validated"
    /// Billed on an issued invoice; read-only for everyone.
    case invoiced

    /// Something that happens to an entry.
    public enum Event: Hashable, Sendable {
        /// Its author submits it (with the rest of the week).
        case submit
        /// An approver approves it.
        case approve
        /// An approver rejects it; it returns to open with the reason visible to its author.
        case reject(reason: String)
        /// The client validates the period it belongs to.
        case clientValidate
        /// The client rejects the validation of its period; it returns to the approver's
        /// queue with the client's comment.
        case clientReject(comment: String)
        /// An issued invoice bills it; `requiresValidation` is the project's setting.
        case invoice(requiresValidation: Bool)
        /// A credit note releases it back to unbilled; `wasValidated` says whether the
        /// client had validated it before it was invoiced.
        case releaseFromCreditNote(wasValidated: Bool)
    }

    /// The state after `event`, or an error leaving the entry unchanged.
    ///
    /// `noun` names the item in messages (`"entry"`, `"expense"`):
    /// "A submitted entry cannot be submitted again."
    /// - Throws: ``DomainError/conflict(_:)`` for a transition the workflow does not
    ///   allow; ``DomainError/invalid(_:)`` on `reason` / `comment` when a rejection
    ///   (by an approver or the client) has no text.
    public func transition(_ event: Event, noun: String = "entry") throws(DomainError) -> TimeEntryStatus {
        switch (self, event) {
        case (.open, .submit):
            return .submitted
        case (.submitted, .approve):
            return .approved
        case (.submitted, .reject(let reason)):
            try Self.requireText(reason, field: "reason", message: "Say why the \(noun) is rejected.")
            return .open
        case (.approved, .clientValidate):
            return .clientValidated
        case (.approved, .clientReject(let comment)):
            try Self.requireText(comment, field: "comment", message: "Say why the client rejects the validation.")
            return .submitted
        case (.approved, .invoice(requiresValidation: false)), (.clientValidated, .invoice):
            return .invoiced
        case (.invoiced, .releaseFromCreditNote(let wasValidated)):
            return wasValidated ? .clientValidated : .approved
        default:
            throw .conflict(refusal(event, noun: noun))
        }
    }

    /// Whether the author may still change or delete the item: only while open.
    public var isEditableByAuthor: Bool { self == .open }

    /// Whether nobody may change the item: once invoiced (until a credit note releases it).
    public var isLocked: Bool { self == .invoiced }

    /// The state as a human adjective: "open", "client-validated".
    public var adjective: String {
        switch self {
        case .open: "open"
        case .submitted: "submitted"
        case .approved: "approved"
        case .clientValidated: "client-validated"
        case .invoiced: "invoiced"
        }
    }

    /// "A submitted entry" / "An open entry".
    private func subject(_ noun: String) -> String {
        let article = adjective.first.map { "aeiou".contains($0) } == true ? "An" : "A"
        return "\(article) \(adjective) \(noun)"
    }

    private func refusal(_ event: Event, noun: String) -> String {
        let this = "this one is \(adjective)"
        switch event {
        case .submit:
            return "\(subject(noun)) cannot be submitted again."
        case .approve:
            return self == .open
                ? "\(subject(noun)) must be submitted before it can be approved."
                : "\(subject(noun)) cannot be approved again."
        case .reject:
            return "Only a submitted \(noun) can be rejected; \(this)."
        case .clientValidate:
            return self == .clientValidated
                ? "\(subject(noun)) cannot be validated again."
                : "Only an approved \(noun) can be validated by the client; \(this)."
        case .clientReject:
            return "Only an approved \(noun) can be rejected by the client; \(this)."
        case .invoice:
            switch self {
            case .approved: return "This \(noun) must be validated by the client before it can be invoiced."
            case .invoiced: return "\(subject(noun)) cannot be invoiced again."
            default: return "Only an approved \(noun) can be invoiced; \(this)."
            }
        case .releaseFromCreditNote:
            return "Only an invoiced \(noun) can be released by a credit note; \(this)."
        }
    }

    private static func requireText(_ text: String, field: String, message: String) throws(DomainError) {
        guard !text.allSatisfy(\.isWhitespace) else { throw .invalid(field: field, message: message) }
    }
}

/// Expenses follow the same workflow as time entries (issue 5 item 1).
public typealias ExpenseStatus = TimeEntryStatus
