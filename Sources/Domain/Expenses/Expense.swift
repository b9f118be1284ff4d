public import Foundation

/// Money a collaborator spent on a project (SPEC §2 Expense): excluding VAT, in the
/// project's currency, with the VAT rate, whether the client is billed for it and
/// with what markup, and the receipts that prove it.
///
/// Its workflow is the time entries' (``ExpenseStatus``): submitted by its author,
/// approved or rejected by an approver, validated by the client where the project
/// requires it, invoiced. Approved expenses are read-only.
public struct Expense: Hashable, Sendable {
    /// The longest note, in Unicode scalars.
    public static let maximumNoteLength = 2000
    /// The highest markup: 1000 % (basis points).
    public static let maximumMarkupBasisPoints = 100_000
    /// The highest VAT rate: 100 % (basis points).
    public static let maximumVATRateBasisPoints = 10_000

    public let id: ExpenseID
    /// The collaborator who spent it (the expense's author).
    public let userID: UserID
    public var projectID: ProjectID
    public var date: LocalDate
    public var category: ExpenseCategory
    /// Excluding VAT; more than zero; in the project's currency.
    public var amount: Money
    /// 2000 = 20 %.
    public var vatRateBasisPoints: Int
    /// Whether the client is billed for it.
    public var rechargeable: Bool

    /// Whether the client's contacts may see it at all (with the workflow-status rule of
    /// ``TimeEntryVisibility``): only what is recharged to them — the agency's own costs
    /// are internal.
    public var isShownToClient: Bool { rechargeable }

    /// Client contacts never get receipts: a receipt shows what the agency paid, which
    /// the markup on a recharged expense deliberately does not.
    public static let clientsSeeReceipts = false
    /// 1000 = 10 % on top of the amount when rechargeable.
    public var markupBasisPoints: Int
    public var note: String
    public var status: ExpenseStatus
    public var submittedAt: Date?
    public var approvedBy: UserID?
    public var approvedAt: Date?
    /// Why an approver sent it back; visible to its author until it is submitted again.
    public var rejectionReason: String?
    /// What the client said when they rejected the validation that sent it back to the approver.
    public var clientRejectionComment: String?
    /// The client validation that covered it.
    public var validationID: ValidationID?
    /// The invoice line that billed it.
    public var invoiceLineID: UUID?
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: ExpenseID, userID: UserID, projectID: ProjectID, date: LocalDate, category: ExpenseCategory, amount: Money,
        vatRateBasisPoints: Int, rechargeable: Bool, markupBasisPoints: Int, note: String, status: ExpenseStatus = .open,
        submittedAt: Date? = nil, approvedBy: UserID? = nil, approvedAt: Date? = nil, rejectionReason: String? = nil,
        clientRejectionComment: String? = nil, validationID: ValidationID? = nil, invoiceLineID: UUID? = nil, version: Int = 1,
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.projectID = projectID
        self.date = date
        self.category = category
        self.amount = amount
        self.vatRateBasisPoints = vatRateBasisPoints
        self.rechargeable = rechargeable
        self.markupBasisPoints = markupBasisPoints
        self.note = note
        self.status = status
        self.submittedAt = submittedAt
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.rejectionReason = rejectionReason
        self.clientRejectionComment = clientRejectionComment
        self.validationID = validationID
        self.invoiceLineID = invoiceLineID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// What the client is billed for it and the VAT on that.
    /// - Throws: ``DomainError/invalid(_:)`` on overflow (amounts near `Int64.max`).
    public func charge() throws(DomainError) -> ExpenseCharge {
        try ExpenseCharge(
            amount: amount, rechargeable: rechargeable, markupBasisPoints: markupBasisPoints, vatRateBasisPoints: vatRateBasisPoints)
    }

    // MARK: - Workflow

    /// Checks that the author may still change or delete it (or its receipts): only while open.
    /// - Throws: ``DomainError/conflict(_:)`` naming the state.
    public func requireEditableByAuthor() throws(DomainError) {
        switch status {
        case .open:
            return
        case .invoiced:
            throw .conflict("An invoiced expense is read-only for everyone.")
        case .submitted:
            throw .conflict("A submitted expense is read-only for its author; an approver can reject it to reopen it.")
        case .approved:
            throw .conflict("An approved expense is read-only.")
        case .clientValidated:
            throw .conflict("A client-validated expense is read-only.")
        }
    }

    /// Its author submits it for approval; a former rejection reason is cleared.
    /// - Throws: ``DomainError/conflict(_:)`` unless it is open (nothing changes).
    public mutating func submit(at now: Date) throws(DomainError) {
        status = try status.transition(.submit, noun: "expense")
        submittedAt = now
        rejectionReason = nil
    }

    /// An approver approves it.
    /// - Throws: ``DomainError/conflict(_:)`` unless it is submitted (nothing changes).
    public mutating func approve(by approver: UserID, at now: Date) throws(DomainError) {
        status = try status.transition(.approve, noun: "expense")
        approvedBy = approver
        approvedAt = now
        rejectionReason = nil
    }

    /// An approver rejects it: it returns to open with `reason` visible to its author.
    /// - Throws: ``DomainError/conflict(_:)`` unless it is submitted (nothing changes);
    ///   ``DomainError/invalid(_:)`` on `reason` when blank or too long.
    public mutating func reject(reason: String) throws(DomainError) {
        let next = try status.transition(.reject(reason: reason), noun: "expense")
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.count <= TimeEntry.maximumReasonLength else {
            throw .invalid(field: "reason", message: "must be at most \(TimeEntry.maximumReasonLength) characters")
        }
        status = next
        rejectionReason = trimmed
        approvedBy = nil
        approvedAt = nil
    }

    // MARK: - Field rules

    /// A positive amount in `projectCurrency`.
    /// - Throws: ``DomainError/invalid(_:)`` on `amount.amount_minor` (not positive) or
    ///   `amount.currency` (another currency, naming the project's).
    public static func validAmount(_ amount: Money, projectCurrency: Currency, projectName: String) throws(DomainError) -> Money {
        var validation = Validation()
        validation.require(
            amount.amountMinor > 0, field: "amount.amount_minor",
            message: "must be more than zero (the amount excluding VAT, in minor units)")
        validation.require(
            amount.currency == projectCurrency, field: "amount.currency",
            message: "The project \(projectName) is in \(projectCurrency.code); record the expense in \(projectCurrency.code), "
                + "not \(amount.currency.code).")
        try validation.throwIfInvalid()
        return amount
    }

    /// 0…10000 basis points.
    /// - Throws: ``DomainError/invalid(_:)`` on `vat_rate_bp`.
    public static func validVATRate(_ basisPoints: Int) throws(DomainError) -> Int {
        guard (0...maximumVATRateBasisPoints).contains(basisPoints) else {
            throw .invalid(field: "vat_rate_bp", message: "must be from 0 to \(maximumVATRateBasisPoints) (basis points: 2000 = 20 %)")
        }
        return basisPoints
    }

    /// 0…100000 basis points.
    /// - Throws: ``DomainError/invalid(_:)`` on `markup_bp`.
    public static func validMarkup(_ basisPoints: Int) throws(DomainError) -> Int {
        guard (0...maximumMarkupBasisPoints).contains(basisPoints) else {
            throw .invalid(field: "markup_bp", message: "must be from 0 to \(maximumMarkupBasisPoints) (basis points: 1000 = 10 %)")
        }
        return basisPoints
    }

    /// A note as stored: trimmed, at most ``maximumNoteLength`` characters.
    /// - Throws: ``DomainError/invalid(_:)`` on `note`.
    public static func validNote(_ raw: String) throws(DomainError) -> String {
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.unicodeScalars.count <= maximumNoteLength else {
            throw .invalid(field: "note", message: "must be at most \(maximumNoteLength) characters")
        }
        return note
    }
}

/// Who sees which expenses: exactly the time entries' rule (SPEC §3 rows 1 and 3; a
/// client contact sees the signed-off expenses of their own client's projects).
public typealias ExpenseVisibility = TimeEntryVisibility
