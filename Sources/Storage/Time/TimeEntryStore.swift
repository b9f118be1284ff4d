public import Domain
public import Foundation
public import Postgres

/// SQL for `time_entries`: one statement per function. The invoiced-read-only trigger
/// (`time_entries_invoiced_read_only`) and the one-external-id-per-user index become
/// `DomainError.conflict`. Listings live in `TimeEntryStore+Queries.swift`, the weekly
/// workflow in `TimeEntryStore+Workflow.swift`.
public struct TimeEntryStore: Sendable {
    public init() {}

    static let columns: SQL = """
        te.id, te.user_id, te.project_id, te.task_id, te.work_date, te.minutes, te.note, te.billable, te.status,
        te.rejection_reason, te.client_rejection_comment, te.billable_rate_scaled, te.cost_rate_scaled, te.rate_currency,
        te.approved_by, te.approved_at, te.external_id, te.validation_id, te.version, te.created_at, te.updated_at
        """

    static let invoicedReadOnly = DomainError.conflict("An invoiced entry is read-only for everyone.")
    static let readOnlyConstraint = ["time_entries_invoiced_read_only": invoicedReadOnly]
    static let keptAsProof = DomainError.conflict(
        "This entry is part of a client validation record, which is kept as proof; it cannot be deleted.")

    static func decode(_ row: PostgresRow) throws -> TimeEntry {
        let statusText: String = try row.decode("status")
        guard let status = TimeEntryStatus(rawValue: statusText) else {
            throw PostgresError(kind: .decoding, message: "column \"status\" holds an unknown time entry status")
        }
        let currency: Currency? = try row.decode("rate_currency")
        func rate(_ column: String) throws -> HourlyRate? {
            guard let scaled: Int64 = try row.decode(column), let currency else { return nil }
            do {
                return try HourlyRate(scaled: scaled, currency: currency)
            } catch {
                throw PostgresError(kind: .decoding, message: "column \"\(column)\" holds a negative rate")
            }
        }
        return TimeEntry(
            id: try row.decode("id"), userID: try row.decode("user_id"), projectID: try row.decode("project_id"),
            taskID: try row.decode("task_id"), workDate: try row.decode("work_date"), minutes: try row.decode("minutes"),
            note: try row.decode("note"), billable: try row.decode("billable"), status: status,
            rejectionReason: try row.decode("rejection_reason"), clientRejectionComment: try row.decode("client_rejection_comment"),
            billableRate: try rate("billable_rate_scaled"), costRate: try rate("cost_rate_scaled"),
            approvedBy: try row.decode("approved_by"), approvedAt: try row.decode("approved_at"),
            externalID: try row.decode("external_id"), validationID: try row.decode("validation_id"), version: try row.decode("version"), createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"))
    }

    public func insert(_ entry: TimeEntry, on db: some PostgresQueryable) async throws {
        let duplicate = DomainError.conflict(
            "This collaborator already has a time entry imported with the external id \(entry.externalID ?? "").")
        try await ConstraintErrors.mapping(["time_entries_external": duplicate], others: .rethrown) {
            try await db.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status, external_id,
                                          version, created_at, updated_at)
                VALUES (\(entry.id), \(entry.userID), \(entry.projectID), \(entry.taskID), \(entry.workDate), \(entry.minutes),
                        \(entry.note), \(entry.billable), \(entry.status.rawValue), \(entry.externalID), \(entry.version),
                        \(entry.createdAt), \(entry.updatedAt))
                """)
        }
    }

    public func find(_ id: TimeEntryID, on db: some PostgresQueryable) async throws -> TimeEntry? {
        try await db.queryOptional("SELECT \(Self.columns) FROM time_entries te WHERE te.id = \(id)").map(Self.decode)
    }

    /// The entry, locked for an update in the current transaction.
    public func findForUpdate(_ id: TimeEntryID, on db: PostgresTransaction) async throws -> TimeEntry? {
        try await db.queryOptional("SELECT \(Self.columns) FROM time_entries te WHERE te.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// The entries among `ids` that exist, locked in id order (so concurrent callers
    /// cannot deadlock).
    public func findForUpdate(_ ids: [TimeEntryID], on db: PostgresTransaction) async throws -> [TimeEntry] {
        try await db.query(
            "SELECT \(Self.columns) FROM time_entries te WHERE te.id = ANY(\(ids)) ORDER BY te.id FOR UPDATE", Self.decode)
    }

    /// Writes every mutable field in one statement if the version still matches;
    /// returns false when someone changed the row first.
    public func update(_ entry: TimeEntry, expectedVersion: Int, at now: Date, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.readOnlyConstraint, others: .rethrown) {
            try await db.execute(
                """
                UPDATE time_entries
                SET project_id = \(entry.projectID), task_id = \(entry.taskID), work_date = \(entry.workDate),
                    minutes = \(entry.minutes), note = \(entry.note), billable = \(entry.billable), status = \(entry.status.rawValue),
                    rejection_reason = \(entry.rejectionReason), billable_rate_scaled = \(entry.billableRate?.scaled),
                    cost_rate_scaled = \(entry.costRate?.scaled), rate_currency = \(entry.billableRate?.currency),
                    approved_by = \(entry.approvedBy), approved_at = \(entry.approvedAt), version = version + 1, updated_at = \(now)
                WHERE id = \(entry.id) AND version = \(expectedVersion)
                """) == 1
        }
    }

    /// Deletes the entry if the version still matches (any version when nil); false otherwise.
    public func delete(_ id: TimeEntryID, expectedVersion: Int?, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(
            Self.readOnlyConstraint, sqlStates: [SQLState.foreignKeyViolation: Self.keptAsProof], others: .rethrown
        ) {
            try await db.execute(
                "DELETE FROM time_entries WHERE id = \(id) AND (\(expectedVersion)::integer IS NULL OR version = \(expectedVersion))") == 1
        }
    }

    /// Serializes every write of `user`'s time on each of `dates` until the transaction
    /// ends (transaction-scoped advisory locks, taken in a fixed order so concurrent
    /// callers cannot deadlock), so the daily total is checked against committed data.
    public func lockDays(_ days: [(user: UserID, date: LocalDate)], on db: PostgresTransaction) async throws {
        let keys = Set(days.map { "sheaf.time_day:\($0.user):\($0.date)" }).sorted()
        guard !keys.isEmpty else { return }
        // unnest returns the array in order, and each row's lock is taken as it is produced.
        try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(\(keys)::text[]) AS k")
    }

    /// The minutes `user` logged on `date`, leaving out the entry `excluding`.
    public func minutesLogged(user: UserID, on date: LocalDate, excluding: TimeEntryID?, on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne(
            """
            SELECT COALESCE(sum(minutes), 0)::integer AS n FROM time_entries
            WHERE user_id = \(user) AND work_date = \(date) AND (\(excluding)::uuid IS NULL OR id <> \(excluding))
            """
        ).decode("n")
    }

    /// Every entry of `users` from `from` through `to`.
    public func entries(of users: [UserID], from: LocalDate, to: LocalDate, on db: some PostgresQueryable) async throws -> [TimeEntry] {
        guard !users.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM time_entries te
            WHERE te.user_id = ANY(\(users)) AND te.work_date BETWEEN \(from) AND \(to)
            """, Self.decode)
    }

    /// Entries whose id (as lowercase text) or external id is one of `references`.
    public func entries(referencedBy references: [String], on db: some PostgresQueryable) async throws -> [TimeEntry] {
        guard !references.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM time_entries te
            WHERE te.id::text = ANY(\(references.map { $0.lowercased() })) OR te.external_id = ANY(\(references))
            """, Self.decode)
    }
}
