public import Domain
public import Foundation
public import Postgres

/// SQL for `period_locks`: closed months per client.
public struct PeriodLockStore: Sendable {
    public init() {}

    /// Closes the month; false when it already was.
    public func close(client: ClientID, month: LocalDate, by user: UserID, at now: Date, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO period_locks (client_id, month, closed_at, closed_by) VALUES (\(client), \(month), \(now), \(user))
            ON CONFLICT (client_id, month) DO NOTHING
            """) == 1
    }

    /// Reopens the month; false when it was not closed.
    public func reopen(client: ClientID, month: LocalDate, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute("DELETE FROM period_locks WHERE client_id = \(client) AND month = \(month)") == 1
    }

    /// The closed months, newest first, then by client name; at most `limit`.
    public func closed(limit: Int, on db: some PostgresQueryable) async throws -> [PeriodLock] {
        try await db.query(
            """
            SELECT l.client_id, c.name AS client_name, l.month, l.closed_at, u.name AS closed_by
            FROM period_locks l JOIN clients c ON c.id = l.client_id LEFT JOIN users u ON u.id = l.closed_by
            ORDER BY l.month DESC, c.name, l.client_id
            LIMIT \(limit)
            """
        ) { row in
            PeriodLock(
                clientID: try row.decode("client_id"), clientName: try row.decode("client_name"), month: try row.decode("month"),
                closedAt: try row.decode("closed_at"), closedBy: try row.decode("closed_by", as: String?.self))
        }
    }

    public func pending(client: ClientID, from: LocalDate, until endExclusive: LocalDate, on db: some PostgresQueryable) async throws -> PendingWork {
        let row = try await db.queryOne(
            """
            SELECT
              (SELECT count(*) FROM time_entries e JOIN projects p ON p.id = e.project_id
                WHERE p.client_id = \(client) AND e.work_date >= \(from) AND e.work_date < \(endExclusive) AND e.status = 'submitted') AS submitted_time,
              (SELECT count(*) FROM time_entries e JOIN projects p ON p.id = e.project_id
                WHERE p.client_id = \(client) AND e.work_date >= \(from) AND e.work_date < \(endExclusive) AND e.status = 'open') AS open_time,
              (SELECT count(*) FROM expenses x JOIN projects p ON p.id = x.project_id
                WHERE p.client_id = \(client) AND x.expense_date >= \(from) AND x.expense_date < \(endExclusive) AND x.status = 'submitted') AS submitted_expenses,
              (SELECT count(*) FROM time_entries e JOIN projects p ON p.id = e.project_id
                WHERE p.client_id = \(client) AND e.work_date >= \(from) AND e.work_date < \(endExclusive) AND e.status = 'approved'
                  AND p.requires_client_validation AND e.billable) AS unvalidated_time,
              (SELECT count(*) FROM validations v JOIN projects p ON p.id = v.project_id
                WHERE p.client_id = \(client) AND v.status = 'pending' AND v.period_from < \(endExclusive) AND v.period_to >= \(from)) AS pending_validations
            """)
        return PendingWork(
            submittedTimeEntries: Int(try row.decode("submitted_time", as: Int64.self)),
            submittedExpenses: Int(try row.decode("submitted_expenses", as: Int64.self)),
            unvalidatedTimeEntries: Int(try row.decode("unvalidated_time", as: Int64.self)),
            pendingValidations: Int(try row.decode("pending_validations", as: Int64.self)),
            openTimeEntries: Int(try row.decode("open_time", as: Int64.self)))
    }
}
