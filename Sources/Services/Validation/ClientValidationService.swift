public import Domain
import Foundation
public import Postgres
import Storage

/// A new validation request and its signed link's token (shown once, never stored).
public struct IssuedValidation: Sendable {
    public let record: ValidationRecord
    public let token: String
}

/// A signed link that worked once but no longer does: 410 Gone, with whom to ask for
/// a new one — the agency (`agency_settings.legal_name`) and the person who asked the
/// client (the request's `requested_by`) — when known.
public struct ValidationLinkGone: Error, Sendable, Equatable {
    public let refusal: ValidationRecord.LinkRefusal
    /// The agency's legal name ("" when not set).
    public var agencyName = ""
    /// The name and e-mail address of the person who asked the client.
    public var contactName = ""
    public var contactEmail = ""
    public var message: String { refusal.message }

    public init(refusal: ValidationRecord.LinkRefusal, agencyName: String = "", contactName: String = "", contactEmail: String = "") {
        self.refusal = refusal
        self.agencyName = agencyName
        self.contactName = contactName
        self.contactEmail = contactEmail
    }

    /// Two refusals are the same whoever is to be asked.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.refusal == rhs.refusal }
}

/// Client validation of timesheets (SPEC §4.1, issue 4 item 6): the admin or the
/// project's team lead asks the client to validate a period's approved time; the
/// client contact accepts or rejects it, logged in or through a single-use signed
/// link; the admin may record the decision on the client's behalf, with a note.
/// Decisions live in `ClientValidationService+Decision.swift`.
public struct ClientValidationService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let signer: ValidationLinkSigner
    let validations = ValidationStore()
    let scopes = ProjectScopeStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, linkSecret: [UInt8]) {
        self.pool = pool
        self.clock = clock
        self.signer = ValidationLinkSigner(secret: linkSecret)
    }

    /// Asks the client to validate the project's approved time and rechargeable
    /// expenses of `from…to` that no pending or accepted request covers yet. Entries held by a pending request whose
    /// link expired undecided move to the new request, which supersedes the old one.
    /// - Throws: 404 for an unknown project (or one the caller may not know of), 403
    ///   for a caller who may not ask, 422 for a bad period or link lifetime, 409 when
    ///   the project does not require client validation or nothing is left to validate.
    public func request(
        project projectID: ProjectID, from: LocalDate, to: LocalDate, expiresInHours: Int, caller: Caller
    ) async throws -> IssuedValidation {
        try await scopes.authorized(projectID, .requestClientValidation, caller: caller, on: pool)
        try ValidationRecord.checkRequest(from: from, to: to, linkHours: expiresInHours)

        return try await pool.withTransaction { tx in
            guard let project = try await validations.project(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            guard project.requiresClientValidation else {
                throw DomainError.conflict("This project does not require client validation; its approved time can be invoiced as it is.")
            }
            let agency = try await settings.get(on: tx)
            let now = clock.now()
            let candidates = try await validations.candidates(project: projectID, from: from, to: to, now: now, on: tx)
            let expenseCandidates = try await validations.expenseCandidates(project: projectID, from: from, to: to, now: now, on: tx)
            let subject = try TimesheetValidationSubject(
                agencyName: agency.legalName, projectName: project.name, projectCode: project.code, periodFrom: from, periodTo: to,
                entries: candidates.map(\.entry), expenses: expenseCandidates.map(\.expense))
            let content = ValidationContent(timesheet: subject)
            let id = ValidationID.random()
            let link = signer.issue(for: id)
            let record = ValidationRecord(
                id: id, kind: .timesheet, projectID: projectID, periodFrom: from, periodTo: to, content: content.canonicalJSON,
                contentDigest: content.digestHex, status: .pending, requestedBy: caller.user.id, requestedAt: now,
                linkExpiresAt: now.addingTimeInterval(TimeInterval(expiresInHours) * 3600), entryIDs: subject.entries.map(\.id),
                expenseIDs: subject.expenses.map(\.id))

            let stale = Array(Set(candidates.compactMap(\.heldBy) + expenseCandidates.compactMap(\.heldBy)))
                .sorted { $0.description < $1.description }
            try await validations.releaseExpenses(of: stale, on: tx)
            for supersededID in try await validations.supersede(stale, on: tx) {
                try await audit.append(
                    AuditEntry(
                        action: .validationSuperseded, subjectType: .validation, subjectID: supersededID.description,
                        after: try AuditJSON.encode(["status": "superseded", "superseded_by": id.description])),
                    actor: caller.user.id, origin: caller.origin, on: tx)
            }
            try await validations.insert(record, linkNonceHash: link.nonceHash, on: tx)
            try await validations.cover(expenses: subject.expenses.map(\.id), by: id, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .validationRequested, subjectType: .validation, subjectID: id.description,
                    after: try AuditJSON.validation(record)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            try await OutboxStore().append(try OutboxEvents.validation(.validationRequested, record, at: now), on: tx)
            return IssuedValidation(record: record, token: link.token)
        }
    }

    /// One request with its exact content: for staff who may see the project and for
    /// the contacts of its client (anyone else gets 404).
    public func get(_ id: ValidationID, caller: Caller) async throws -> ValidationRecord {
        guard let record = try await validations.find(id, on: pool),
            let scope = try await scopes.scope(record.projectID, on: pool)
        else { throw DomainError.notFound(entity: "validation") }
        try Policy.require(caller.actor, .read, .project(scope), entity: "validation")
        guard record.isReadable(by: caller.actor, in: scope) else { throw DomainError.notFound(entity: "validation") }
        return record
    }

    /// One page of a project's requests (`limit + 1` fetched), for staff who may see the
    /// project and the contacts of its client; those who see budgets in hours only get
    /// only the requests that show no money (timesheets without expenses).
    public func list(project projectID: ProjectID, _ query: ValidationQuery, caller: Caller) async throws -> [ValidationRecord] {
        guard let scope = try await scopes.scope(projectID, on: pool) else { throw DomainError.notFound(entity: "project") }
        try Policy.require(caller.actor, .read, .project(scope), entity: "project")
        return try await validations.list(project: projectID, query, includingMoney: Policy.seesMoney(caller.actor, scope), on: pool)
    }

    /// The request a signed link names, when the link is authentic and still usable.
    /// - Throws: 404 (``DomainError/notFound(entity:)``) for a malformed, altered or
    ///   unknown token; ``ValidationLinkGone`` when it was used, expired, or the
    ///   request was decided another way.
    public func openLink(_ token: String) async throws -> ValidationRecord {
        let opened = try open(token)
        guard let found = try await validations.findWithLinkHash(opened.validationID, on: pool),
            Self.matches(found.linkNonceHash, opened)
        else { throw Self.unknownLink }
        if let refusal = found.record.linkRefusal(now: clock.now()) { throw try await gone(refusal, of: found.record.id, on: pool) }
        return found.record
    }

    /// The 410 for `refusal`, naming the agency and whom to ask for a new link.
    func gone(_ refusal: ValidationRecord.LinkRefusal, of id: ValidationID, on db: some PostgresQueryable) async throws -> ValidationLinkGone {
        let agency = try await settings.get(on: db)
        let requester = try await validations.requester(of: id, on: db)
        return ValidationLinkGone(
            refusal: refusal, agencyName: agency.legalName, contactName: requester?.name ?? "", contactEmail: requester?.email ?? "")
    }

    static let unknownLink = DomainError.notFound(entity: "validation link")

    /// The authentic content of a token, or 404 — checked before the database is asked.
    func open(_ token: String) throws -> ValidationLinkSigner.OpenedLink {
        guard let opened = signer.open(token) else { throw Self.unknownLink }
        return opened
    }

    static func matches(_ stored: Data?, _ opened: ValidationLinkSigner.OpenedLink) -> Bool {
        guard let stored else { return false }
        return ValidationLinkSigner.constantTimeEquals(stored, opened.nonceHash)
    }
}

extension AuditJSON {
    /// A validation record, never its link's token or nonce; its period is `from`/`to`
    /// as in the API (events written before migration 0010 say `period_from`/`period_to`).
    struct ValidationSnapshot: Encodable, Sendable {
        let id: ValidationID
        let projectId: ProjectID
        let from: LocalDate?
        let to: LocalDate?
        let status: String
        let contentDigest: String
        let entryIds: [TimeEntryID]
        let expenseIds: [ExpenseID]
        let decision: String?
        let decidedVia: String?
        let decidedByName: String?
        let comment: String?
        let clientAddress: String?

        init(_ record: ValidationRecord) {
            id = record.id
            projectId = record.projectID
            from = record.periodFrom
            to = record.periodTo
            status = record.status.rawValue
            contentDigest = record.contentDigest
            entryIds = record.entryIDs
            expenseIds = record.expenseIDs
            decision = record.decision?.rawValue
            decidedVia = record.decidedVia?.rawValue
            decidedByName = record.decidedByName
            comment = record.comment
            clientAddress = record.clientAddress
        }
    }

    static func validation(_ record: ValidationRecord) throws -> String {
        try encode(ValidationSnapshot(record))
    }
}
