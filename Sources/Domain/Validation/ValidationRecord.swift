public import Foundation

extension IDTag {
    /// Tags a ``ValidationID``.
    public enum Validation {}
}

/// Identifies a validation record (a request to the client and its decision).
public typealias ValidationID = ID<IDTag.Validation>

/// A request to the client to validate something, and the client's decision: the
/// validation record of SPEC §2 (who, what — the exact content with its SHA-256
/// digest —, decision, comment, time, client address).
///
/// The rules of a decision are pure functions here (``checkDecision(_:comment:channel:name:)``,
/// ``linkRefusal(now:)``); the service loads, locks and stores.
public struct ValidationRecord: Hashable, Sendable {
    /// Where the request stands.
    public enum Status: String, Hashable, Sendable, CaseIterable, Codable {
        /// Waiting for the client.
        case pending
        /// The client accepted the content.
        case accepted
        /// The client rejected the content; its entries went back to the approver.
        case rejected
        /// Replaced by a newer request after its link expired undecided.
        case superseded
    }

    /// What the client decided: accept or reject, the words of every client decision
    /// (milestones and change requests too); approve/reject is a staff decision.
    public enum Decision: String, Hashable, Sendable, CaseIterable, Codable {
        case accept
        case reject

        /// The record's status after this decision.
        public var resultingStatus: Status { self == .accept ? .accepted : .rejected }

        /// What happens to each entry of the validated period.
        public func entryEvent(comment: String?) -> TimeEntryStatus.Event {
            switch self {
            case .accept: .clientValidate
            case .reject: .clientReject(comment: comment ?? "")
            }
        }
    }

    /// How the decision reached the server.
    public enum Channel: String, Hashable, Sendable, CaseIterable, Codable {
        /// The client contact, logged in.
        case account
        /// The single-use signed link, without an account.
        case link
        /// The admin, recording the client's decision on their behalf (with a note).
        case onBehalf = "on_behalf"
    }

    /// Why a signed link no longer works (each is a 410 Gone).
    public enum LinkRefusal: Hashable, Sendable {
        /// The link was used once already.
        case used
        /// The link's time ran out.
        case expired
        /// The request was decided (or superseded) another way.
        case decided(Status)

        /// A sentence for the person holding the link.
        public var message: String {
            switch self {
            case .used: "This validation link has already been used. Each link works only once."
            case .expired: "This validation link has expired. Ask the agency to send a new one."
            case .decided(.superseded): "This validation request was replaced by a newer one. Use the most recent link you received."
            case .decided: "This validation request has already been decided."
            }
        }
    }

    /// The longest comment kept on a record.
    public static let maxCommentLength = 2000
    /// The longest name a link user may give.
    public static let maxNameLength = 200
    /// The longest period one timesheet request may cover, in days.
    public static let maxPeriodDays = 366
    /// How long a link works by default, and at most (hours).
    public static let defaultLinkHours = 168
    public static let maxLinkHours = 720

    public let id: ValidationID
    public let kind: ValidationContent.Kind
    public let projectID: ProjectID
    public let periodFrom: LocalDate?
    public let periodTo: LocalDate?
    /// The milestone or change request validated; nil for a timesheet.
    public let subjectID: UUID?
    /// The canonical JSON shown to the client, byte for byte.
    public let content: String
    /// SHA-256 of ``content``'s UTF-8 bytes, 64 lowercase hex digits.
    public let contentDigest: String
    public var status: Status
    public let requestedBy: UserID
    public let requestedAt: Date
    public var linkExpiresAt: Date?
    public var linkUsedAt: Date?
    public var decidedBy: UserID?
    public var decidedByName: String?
    public var decidedVia: Channel?
    public var decidedAt: Date?
    public var decision: Decision?
    public var comment: String?
    public var clientAddress: String?
    /// The time entries the request covers, sorted.
    public let entryIDs: [TimeEntryID]
    /// The rechargeable expenses a timesheet request covers, sorted.
    public let expenseIDs: [ExpenseID]
    /// The disputed entries: those a rejection names as the ones it is about, sorted
    /// (empty when the client rejected the period as a whole, or accepted it).
    public var disputedEntryIDs: [TimeEntryID]

    public init(
        id: ValidationID, kind: ValidationContent.Kind, projectID: ProjectID, periodFrom: LocalDate?, periodTo: LocalDate?,
        content: String, contentDigest: String, status: Status, requestedBy: UserID, requestedAt: Date, linkExpiresAt: Date?,
        linkUsedAt: Date? = nil, decidedBy: UserID? = nil, decidedByName: String? = nil, decidedVia: Channel? = nil,
        decidedAt: Date? = nil, decision: Decision? = nil, comment: String? = nil, clientAddress: String? = nil,
        entryIDs: [TimeEntryID], expenseIDs: [ExpenseID] = [], subjectID: UUID? = nil, disputedEntryIDs: [TimeEntryID] = []
    ) {
        self.id = id
        self.kind = kind
        self.projectID = projectID
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.content = content
        self.contentDigest = contentDigest
        self.status = status
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.linkExpiresAt = linkExpiresAt
        self.linkUsedAt = linkUsedAt
        self.decidedBy = decidedBy
        self.decidedByName = decidedByName
        self.decidedVia = decidedVia
        self.decidedAt = decidedAt
        self.decision = decision
        self.comment = comment
        self.clientAddress = clientAddress
        self.entryIDs = entryIDs
        self.expenseIDs = expenseIDs
        self.subjectID = subjectID
        self.disputedEntryIDs = disputedEntryIDs
    }

    /// Whether the content shows amounts — a milestone's, a change request's price, or
    /// recharged expenses — which only those who see a project's money may read
    /// (SPEC §3: members see budgets in hours only).
    /// A timesheet shows money when it recharges expenses or was stored in the priced
    /// layout (``ValidationContent/pricedTimesheetFormat``, with the amounts billed).
    public var showsMoney: Bool {
        kind != .timesheet || !expenseIDs.isEmpty
            || content.contains(#""format":"\#(ValidationContent.pricedTimesheetFormat)""#)
    }

    /// Whether `actor` may read this record's content, given they may see the project.
    public func isReadable(by actor: Policy.Actor, in project: ProjectScope) -> Bool {
        !showsMoney || Policy.seesMoney(actor, project)
    }

    /// Whether the stored content still hashes to the stored digest.
    public var contentMatchesDigest: Bool {
        ValidationContent.matches(storedJSON: content, digestHex: contentDigest)
    }

    /// Why the signed link cannot be used at `now`, or nil when it can.
    public func linkRefusal(now: Date) -> LinkRefusal? {
        if linkUsedAt != nil { return .used }
        if status != .pending { return .decided(status) }
        guard let linkExpiresAt, now < linkExpiresAt else { return .expired }
        return nil
    }

    /// Refuses a decision on a request that is no longer pending (409).
    public func requirePending() throws(DomainError) {
        switch status {
        case .pending: return
        case .superseded: throw .conflict("This validation request was replaced by a newer one and can no longer be decided.")
        case .accepted, .rejected: throw .conflict("This validation request was already \(status.rawValue).")
        }
    }

    /// Checks the comment and name of a decision and returns them trimmed (an empty
    /// comment becomes nil). A rejection needs a comment (what is wrong), as does a
    /// decision recorded on the client's behalf (how the client decided); a decision
    /// through the link needs the name of the person deciding.
    public static func checkDecision(
        _ decision: Decision, comment rawComment: String?, channel: Channel, name rawName: String?,
        kind: ValidationContent.Kind = .timesheet
    ) throws(DomainError) -> (comment: String?, name: String?) {
        var validation = Validation()
        let comment = rawComment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = rawName?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hasComment = !(comment ?? "").isEmpty
        validation.require(
            (comment ?? "").count <= maxCommentLength, field: "comment", message: "must be at most \(maxCommentLength) characters")
        if decision == .reject {
            let message =
                switch kind {
                case .timesheet: "Say why the client rejects the timesheet."
                case .milestone: "Say why the milestone is rejected."
                case .changeRequest: "Say why the change request is rejected."
                }
            validation.require(hasComment, field: "comment", message: message)
        } else if channel == .onBehalf {
            validation.require(hasComment, field: "comment", message: "Say how the client gave this decision (a note is required on their behalf).")
        }
        if channel == .link {
            let count = (name ?? "").count
            validation.require((1...maxNameLength).contains(count), field: "name", message: "Enter your name (1 to \(maxNameLength) characters).")
        }
        try validation.throwIfInvalid()
        return (hasComment ? comment : nil, channel == .link ? name : nil)
    }

    /// The disputed entries a rejection names, sorted and without repeats: only a
    /// timesheet rejection may name entries, and only entries this request covers.
    /// - Throws: ``DomainError/invalid(_:)`` on `entry_ids`.
    public func checkDisputedEntries(_ ids: [TimeEntryID], decision: Decision) throws(DomainError) -> [TimeEntryID] {
        guard !ids.isEmpty else { return [] }
        guard kind == .timesheet, decision == .reject else {
            throw .invalid(field: "entry_ids", message: "Entries can only be named when rejecting a timesheet.")
        }
        let covered = Set(entryIDs)
        if let stranger = ids.first(where: { !covered.contains($0) }) {
            throw .invalid(field: "entry_ids", message: "The entry \(stranger) is not part of this validation request.")
        }
        return Array(Set(ids)).sorted { $0.description < $1.description }
    }

    /// Checks a signed link's lifetime in hours (1…``maxLinkHours``).
    /// - Throws: ``DomainError/invalid(_:)`` on `expires_in_hours`.
    public static func checkLinkHours(_ hours: Int) throws(DomainError) {
        guard (1...maxLinkHours).contains(hours) else {
            throw .invalid(field: "expires_in_hours", message: "must be a whole number from 1 to \(maxLinkHours)")
        }
    }

    /// Checks the period and link lifetime of a timesheet request.
    public static func checkRequest(from: LocalDate, to: LocalDate, linkHours: Int) throws(DomainError) {
        var validation = Validation()
        validation.require(from <= to, field: "to", message: "must be on or after from")
        if from <= to {
            validation.require(
                from.days(until: to) < maxPeriodDays, field: "to", message: "The period may cover at most \(maxPeriodDays) days.")
        }
        validation.require(
            (1...maxLinkHours).contains(linkHours), field: "expires_in_hours", message: "must be a whole number from 1 to \(maxLinkHours)")
        try validation.throwIfInvalid()
    }
}
