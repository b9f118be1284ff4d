public import Domain
public import Foundation
public import Postgres

/// SQL for `change_requests` and the links between a change request and its task.
public struct ChangeRequestStore: Sendable {
    public init() {}

    static let columns: SQL = """
        cr.id, cr.project_id, cr.number, cr.title, cr.description, cr.estimated_minutes, cr.pricing, cr.amount_minor,
        cr.hourly_rate_scaled, cr.currency, cr.status, cr.task_id, cr.quoted_at, cr.quoted_by, cr.decided_at, cr.decision_comment,
        cr.validation_id, cr.invoice_line_id, cr.version, cr.created_at
        """

    static func decode(_ row: PostgresRow) throws -> ChangeRequest {
        let currency: Currency = try row.decode("currency")
        return ChangeRequest(
            id: try row.decode("id"), projectID: try row.decode("project_id"), number: try row.decode("number"),
            title: try row.decode("title"), description: try row.decode("description"),
            estimatedMinutes: try row.decode("estimated_minutes"), pricing: try ValidationStore.choice(row, "pricing"),
            amount: try row.decode("amount_minor", as: Int64?.self).map { Money(amountMinor: $0, currency: currency) },
            hourlyRate: try row.decode("hourly_rate_scaled", as: Int64?.self).map { try HourlyRate.stored($0, currency: currency) },
            currency: currency, status: try ValidationStore.choice(row, "status"), taskID: try row.decode("task_id"),
            quotedAt: try row.decode("quoted_at"), quotedBy: try row.decode("quoted_by"), decidedAt: try row.decode("decided_at"),
            decisionComment: try row.decode("decision_comment"), validationID: try row.decode("validation_id"),
            invoiceLineID: try row.decode("invoice_line_id"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"))
    }

    static let known: [String: DomainError] = [
        "change_requests_task_key": .conflict("This task already belongs to another change request."),
        "tasks_change_request_key": .conflict("This change request already has a task."),
        "change_requests_number_key": .conflict("Another change request took this number meanwhile; try again."),
    ]

    /// The number after the project's last change request (call with the project locked).
    public func nextNumber(project: ProjectID, on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne("SELECT COALESCE(max(number), 0)::integer + 1 AS n FROM change_requests WHERE project_id = \(project)")
            .decode("n")
    }

    public func insert(_ change: ChangeRequest, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO change_requests (id, project_id, number, title, description, estimated_minutes, pricing, amount_minor,
                                             hourly_rate_scaled, currency, status, task_id, version, created_at)
                VALUES (\(change.id), \(change.projectID), \(change.number), \(change.title), \(change.description),
                        \(change.estimatedMinutes), \(change.pricing.rawValue), \(change.amount?.amountMinor),
                        \(change.hourlyRate?.scaled), \(change.currency), \(change.status.rawValue), \(change.taskID), \(change.version),
                        \(change.createdAt))
                """)
        }
    }

    public func find(_ id: ChangeRequestID, on db: some PostgresQueryable) async throws -> ChangeRequest? {
        try await db.queryOptional("SELECT \(Self.columns) FROM change_requests cr WHERE cr.id = \(id)").map(Self.decode)
    }

    public func findForUpdate(_ id: ChangeRequestID, on tx: PostgresTransaction) async throws -> ChangeRequest? {
        try await tx.queryOptional("SELECT \(Self.columns) FROM change_requests cr WHERE cr.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// One page of a project's change requests by number; fetches `limit + 1` rows.
    public func list(_ query: ChangeRequestQuery, on db: some PostgresQueryable) async throws -> [ChangeRequest] {
        var conditions: [SQL] = ["cr.project_id = \(query.projectID)"]
        if let status = query.status { conditions.append("cr.status = \(status.rawValue)") }
        if let after = query.afterNumber { conditions.append("cr.number > \(after)") }
        if query.excludesDrafts { conditions.append("cr.status <> \(ChangeRequestStatus.draft.rawValue)") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM change_requests cr WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY cr.number LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// The project's accepted change requests by number.
    public func accepted(project: ProjectID, on db: some PostgresQueryable) async throws -> [ChangeRequest] {
        try await db.query(
            "SELECT \(Self.columns) FROM change_requests cr WHERE cr.project_id = \(project) AND cr.status = 'accepted' ORDER BY cr.number",
            Self.decode)
    }

    /// Writes every mutable field if the version still matches; false when someone changed it first.
    public func update(_ change: ChangeRequest, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                UPDATE change_requests
                SET title = \(change.title), description = \(change.description), estimated_minutes = \(change.estimatedMinutes),
                    pricing = \(change.pricing.rawValue), amount_minor = \(change.amount?.amountMinor),
                    hourly_rate_scaled = \(change.hourlyRate?.scaled), status = \(change.status.rawValue), task_id = \(change.taskID),
                    quoted_at = \(change.quotedAt), quoted_by = \(change.quotedBy), decided_at = \(change.decidedAt),
                    decision_comment = \(change.decisionComment), validation_id = \(change.validationID), version = version + 1
                WHERE id = \(change.id) AND version = \(expectedVersion)
                """) == 1
        }
    }

    /// Deletes a draft at `expectedVersion` (its task link first); false otherwise.
    public func delete(_ id: ChangeRequestID, expectedVersion: Int, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute("UPDATE tasks SET change_request_id = NULL WHERE change_request_id = \(id)")
        return try await tx.execute(
            "DELETE FROM change_requests WHERE id = \(id) AND version = \(expectedVersion) AND status = 'draft'") == 1
    }

    // MARK: - The change request's task

    /// Marks `task` as the work of `change` (and no other task), or clears the link when nil.
    public func linkTask(_ task: TaskID?, to change: ChangeRequestID, on tx: PostgresTransaction) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await tx.execute(
                "UPDATE tasks SET change_request_id = NULL WHERE change_request_id = \(change) AND (\(task)::uuid IS NULL OR id <> \(task))")
            if let task {
                try await tx.execute("UPDATE tasks SET change_request_id = \(change), version = version + 1 WHERE id = \(task)")
            }
        }
    }

    /// The change request a task was made for, if any.
    public func changeRequest(ofTask task: TaskID, on db: some PostgresQueryable) async throws -> ChangeRequestID? {
        try await db.queryOptional("SELECT change_request_id FROM tasks WHERE id = \(task)")
            .flatMap { try $0.decode("change_request_id", as: ChangeRequestID?.self) }
    }

    /// Whether `task` already has rates of its own, and whether time on it was approved
    /// (and so priced) already: such a task is not fresh work a change request may adopt.
    public func pricedHistory(ofTask task: TaskID, on db: some PostgresQueryable) async throws -> (hasRates: Bool, hasApprovedTime: Bool) {
        let row = try await db.queryOne(
            """
            SELECT EXISTS (SELECT 1 FROM task_rates WHERE task_id = \(task)) AS has_rates,
                   EXISTS (SELECT 1 FROM time_entries WHERE task_id = \(task)
                           AND status IN ('approved', 'client_validated', 'invoiced')) AS has_approved_time
            """)
        return (try row.decode("has_rates"), try row.decode("has_approved_time"))
    }

    /// Sets whether a task's work is billable (an accepted change decides it).
    public func setTaskBillable(_ task: TaskID, billable: Bool, on tx: PostgresTransaction) async throws {
        try await tx.execute("UPDATE tasks SET billable = \(billable), version = version + 1 WHERE id = \(task) AND billable <> \(billable)")
    }

    /// Makes the not-yet-invoiced time on `task` non-billable (a fixed change bills its
    /// quoted amount, never its hours too). Returns the entries changed.
    public func makeTimeNonBillable(task: TaskID, at now: Date, on tx: PostgresTransaction) async throws -> [TimeEntryID] {
        try await tx.query(
            """
            UPDATE time_entries SET billable = false, version = version + 1, updated_at = \(now)
            WHERE task_id = \(task) AND billable AND status <> 'invoiced'
            RETURNING id
            """
        ) { try $0.decode("id", as: TimeEntryID.self) }
    }

    /// Sets the task's rate from `effectiveFrom` on (replacing a rate of that same day).
    public func setTaskRate(
        _ task: TaskID, rate: HourlyRate, effectiveFrom: LocalDate, id: UUID, on tx: PostgresTransaction
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO task_rates (id, task_id, effective_from, rate_scaled) VALUES (\(id), \(task), \(effectiveFrom), \(rate.scaled))
            ON CONFLICT (task_id, effective_from) DO UPDATE SET rate_scaled = EXCLUDED.rate_scaled
            """)
    }
}
