public import Domain
public import Foundation
public import Postgres

/// The facts a timesheet validation needs about its project.
public struct ValidationProject: Sendable, Hashable {
    public let name: String
    public let code: String
    public let requiresClientValidation: Bool
}

/// An approved entry that a new request may cover, and the expired, undecided request
/// that holds it now (if any), which the new one supersedes.
public struct ValidationCandidate: Sendable, Hashable {
    public let entry: TimesheetValidationSubject.Entry
    public let heldBy: ValidationID?
}

/// SQL for `validations` and `validation_entries`, and the time-entry changes a
/// decision makes. Every value is bound.
public struct ValidationStore: Sendable {
    public init() {}

    static let columns: SQL = """
        v.id, v.kind, v.project_id, v.period_from, v.period_to, v.content, v.content_digest, v.status, v.requested_by,
        v.requested_at, v.link_expires_at, v.link_used_at, v.decided_by, v.decided_by_name, v.decided_via, v.decided_at,
        v.decision, v.comment, v.client_address, v.link_nonce_hash, v.subject_id,
        COALESCE((SELECT array_agg(ve.time_entry_id ORDER BY ve.time_entry_id) FROM validation_entries ve
                  WHERE ve.validation_id = v.id), '{}') AS entry_ids,
        COALESCE((SELECT array_agg(vx.expense_id ORDER BY vx.expense_id) FROM validation_expenses vx
                  WHERE vx.validation_id = v.id), '{}') AS expense_ids,
        COALESCE((SELECT array_agg(vd.time_entry_id ORDER BY vd.time_entry_id) FROM validation_disputed_entries vd
                  WHERE vd.validation_id = v.id), '{}') AS disputed_entry_ids
        """

    static func decode(_ row: PostgresRow) throws -> ValidationRecord {
        ValidationRecord(
            id: try row.decode("id"), kind: try choice(row, "kind"), projectID: try row.decode("project_id"),
            periodFrom: try row.decode("period_from"), periodTo: try row.decode("period_to"), content: try row.decode("content"),
            contentDigest: try row.decode("content_digest"), status: try choice(row, "status"), requestedBy: try row.decode("requested_by"),
            requestedAt: try row.decode("requested_at"), linkExpiresAt: try row.decode("link_expires_at"),
            linkUsedAt: try row.decode("link_used_at"), decidedBy: try row.decode("decided_by"),
            decidedByName: try row.decode("decided_by_name"), decidedVia: try optionalChoice(row, "decided_via"),
            decidedAt: try row.decode("decided_at"), decision: try optionalChoice(row, "decision"), comment: try row.decode("comment"),
            clientAddress: try row.decode("client_address"),
            entryIDs: try row.decode("entry_ids"), expenseIDs: try row.decode("expense_ids"), subjectID: try row.decode("subject_id"),
            disputedEntryIDs: try row.decode("disputed_entry_ids"))
    }

    static func choice<Choice: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Choice where Choice.RawValue == String {
        guard let value = Choice(rawValue: try row.decode(column, as: String.self)) else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" holds an unknown value")
        }
        return value
    }

    static func optionalChoice<Choice: RawRepresentable>(_ row: PostgresRow, _ column: String) throws -> Choice?
    where Choice.RawValue == String {
        guard try row.decode(column, as: String?.self) != nil else { return nil }
        return try choice(row, column)
    }

    // MARK: - Reading

    /// The project's name, code and whether its time needs the client's validation.
    public func project(_ id: ProjectID, on db: some PostgresQueryable) async throws -> ValidationProject? {
        try await db.queryOptional("SELECT name, code, requires_client_validation FROM projects WHERE id = \(id)").map { row in
            ValidationProject(
                name: try row.decode("name"), code: try row.decode("code"),
                requiresClientValidation: try row.decode("requires_client_validation"))
        }
    }

    public func find(_ id: ValidationID, on db: some PostgresQueryable) async throws -> ValidationRecord? {
        try await db.queryOptional("SELECT \(Self.columns) FROM validations v WHERE v.id = \(id)").map(Self.decode)
    }

    /// The record, locked for this transaction, with the SHA-256 of its link's nonce.
    public func findForUpdate(_ id: ValidationID, on tx: PostgresTransaction) async throws -> (record: ValidationRecord, linkNonceHash: Data?)? {
        try await tx.queryOptional("SELECT \(Self.columns) FROM validations v WHERE v.id = \(id) FOR UPDATE").map { row in
            (try Self.decode(row), try row.decode("link_nonce_hash", as: Data?.self))
        }
    }

    /// The record with the SHA-256 of its link's nonce (for showing the link's page).
    public func findWithLinkHash(_ id: ValidationID, on db: some PostgresQueryable) async throws -> (record: ValidationRecord, linkNonceHash: Data?)? {
        try await db.queryOptional("SELECT \(Self.columns) FROM validations v WHERE v.id = \(id)").map { row in
            (try Self.decode(row), try row.decode("link_nonce_hash", as: Data?.self))
        }
    }

    /// One page of `project`'s requests, newest first (`limit + 1` rows); without
    /// `includingMoney`, only timesheets without expenses or amounts (the requests that show no money).
    public func list(
        project: ProjectID, _ query: ValidationQuery, includingMoney: Bool, on db: some PostgresQueryable
    ) async throws -> [ValidationRecord] {
        var conditions: [SQL] = ["v.project_id = \(project)"]
        if let status = query.status { conditions.append("v.status = \(status.rawValue)") }
        if let kind = query.kind { conditions.append("v.kind = \(kind.rawValue)") }
        if let from = query.from { conditions.append("COALESCE(v.period_to, v.requested_at::date) >= \(from)") }
        if let to = query.to { conditions.append("COALESCE(v.period_from, v.requested_at::date) <= \(to)") }
        if !includingMoney {
            conditions.append("v.kind = 'timesheet' AND NOT EXISTS (SELECT 1 FROM validation_expenses vx WHERE vx.validation_id = v.id)")
            // Priced timesheets show amounts too (ValidationRecord.showsMoney).
            let priced = #""format":"\#(ValidationContent.pricedTimesheetFormat)""#
            conditions.append("strpos(v.content, \(priced)) = 0")
        }
        if let after = query.after {
            conditions.append("(v.requested_at, v.id) < (SELECT a.requested_at, a.id FROM validations a WHERE a.id = \(after))")
        }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM validations v
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY v.requested_at DESC, v.id DESC LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    // MARK: - Requesting

    /// The project's approved entries of `from…to` that no pending or accepted request
    /// covers, locked; entries held by a pending request whose link expired before
    /// `now` are included (with that request in `heldBy`).
    public func candidates(
        project: ProjectID, from: LocalDate, to: LocalDate, now: Date, on tx: PostgresTransaction
    ) async throws -> [ValidationCandidate] {
        try await tx.query(
            """
            SELECT te.id, te.work_date, te.task_id, t.name AS task_name, te.user_id, u.name AS person_name, te.minutes, te.validation_id,
                   te.note, te.billable, te.billable_rate_scaled, te.rate_currency
            FROM time_entries te
            JOIN tasks t ON t.id = te.task_id
            JOIN users u ON u.id = te.user_id
            WHERE te.project_id = \(project) AND te.status = 'approved' AND te.work_date BETWEEN \(from) AND \(to)
              AND (te.validation_id IS NULL
                   OR te.validation_id IN (SELECT v.id FROM validations v WHERE v.status = 'pending' AND v.link_expires_at <= \(now)))
            ORDER BY te.id
            FOR UPDATE OF te
            """
        ) { row in
            var rate: HourlyRate? = nil
            if let scaled = try row.decode("billable_rate_scaled", as: Int64?.self),
                let currency = try row.decode("rate_currency", as: Currency?.self)
            {
                do {
                    rate = try HourlyRate(scaled: scaled, currency: currency)
                } catch {
                    throw PostgresError(kind: .decoding, message: "column \"billable_rate_scaled\" holds a negative rate")
                }
            }
            return ValidationCandidate(
                entry: TimesheetValidationSubject.Entry(
                    id: try row.decode("id"), workDate: try row.decode("work_date"), taskID: try row.decode("task_id"),
                    taskName: try row.decode("task_name"), userID: try row.decode("user_id"),
                    personName: try row.decode("person_name"), minutes: try row.decode("minutes"), note: try row.decode("note"),
                    billable: try row.decode("billable"), billableRate: rate),
                heldBy: try row.decode("validation_id"))
        }
    }

    /// Marks expired, undecided requests as superseded and releases the entries they
    /// still hold. Returns the ids actually superseded.
    public func supersede(_ ids: [ValidationID], on tx: PostgresTransaction) async throws -> [ValidationID] {
        guard !ids.isEmpty else { return [] }
        let superseded = try await tx.query(
            "UPDATE validations SET status = 'superseded' WHERE id = ANY(\(ids)) AND status = 'pending' RETURNING id"
        ) { try $0.decode("id", as: ValidationID.self) }
        try await tx.execute("UPDATE time_entries SET validation_id = NULL WHERE validation_id = ANY(\(ids)) AND status = 'approved'")
        return superseded
    }

    /// Stores a new request with its link's nonce digest and covers its entries (none
    /// for a milestone or change request, whose subject is `subject_id`).
    public func insert(_ record: ValidationRecord, linkNonceHash: Data, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            INSERT INTO validations (id, kind, project_id, period_from, period_to, subject_id, content, content_digest, status,
                                     requested_by, requested_at, link_nonce_hash, link_expires_at)
            VALUES (\(record.id), \(record.kind.rawValue), \(record.projectID), \(record.periodFrom), \(record.periodTo),
                    \(record.subjectID), \(record.content), \(record.contentDigest), \(record.status.rawValue), \(record.requestedBy),
                    \(record.requestedAt), \(linkNonceHash), \(record.linkExpiresAt))
            """)
        try await tx.execute(
            """
            INSERT INTO validation_entries (validation_id, time_entry_id)
            SELECT \(record.id), entry_id FROM unnest(\(record.entryIDs)::uuid[]) AS entry_id
            """)
        try await tx.execute("UPDATE time_entries SET validation_id = \(record.id) WHERE id = ANY(\(record.entryIDs))")
    }

    // MARK: - Deciding

    /// The entries a request covers with their current status, locked.
    public func entriesForUpdate(of id: ValidationID, on tx: PostgresTransaction) async throws -> [(TimeEntryID, TimeEntryStatus)] {
        try await tx.query(
            """
            SELECT te.id, te.status FROM time_entries te
            JOIN validation_entries ve ON ve.time_entry_id = te.id
            WHERE ve.validation_id = \(id)
            ORDER BY te.id
            FOR UPDATE OF te
            """
        ) { row in (try row.decode("id", as: TimeEntryID.self), try Self.choice(row, "status")) }
    }

    /// Writes the decision, with the disputed entries a rejection names, if the request is still
    /// pending; false otherwise.
    public func recordDecision(_ record: ValidationRecord, on tx: PostgresTransaction) async throws -> Bool {
        let recorded = try await tx.execute(
            """
            UPDATE validations
            SET status = \(record.status.rawValue), decision = \(record.decision?.rawValue), decided_via = \(record.decidedVia?.rawValue),
                decided_by = \(record.decidedBy), decided_by_name = \(record.decidedByName), decided_at = \(record.decidedAt),
                comment = \(record.comment), client_address = \(record.clientAddress), link_used_at = \(record.linkUsedAt)
            WHERE id = \(record.id) AND status = 'pending'
            """) == 1
        guard recorded, !record.disputedEntryIDs.isEmpty else { return recorded }
        try await tx.execute(
            """
            INSERT INTO validation_disputed_entries (validation_id, time_entry_id)
            SELECT \(record.id), entry_id FROM unnest(\(record.disputedEntryIDs)::uuid[]) AS entry_id
            """)
        return true
    }

    /// Accepted: the entries become client-validated.
    public func markClientValidated(_ ids: [TimeEntryID], at now: Date, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            UPDATE time_entries SET status = \(TimeEntryStatus.clientValidated.rawValue), version = version + 1, updated_at = \(now)
            WHERE id = ANY(\(ids)) AND status = 'approved'
            """)
    }

    /// Rejected by the client: the entries go back to the approver's queue with the client's comment,
    /// no longer approved (their captured rates and approval are cleared, and captured
    /// again at the next approval) and free to be covered by a later request.
    public func returnToApprover(_ ids: [TimeEntryID], comment: String, at now: Date, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            UPDATE time_entries
            SET status = \(TimeEntryStatus.submitted.rawValue), client_rejection_comment = \(comment), validation_id = NULL,
                billable_rate_scaled = NULL, cost_rate_scaled = NULL, rate_currency = NULL, approved_by = NULL, approved_at = NULL,
                version = version + 1, updated_at = \(now)
            WHERE id = ANY(\(ids)) AND status = 'approved'
            """)
    }
}
