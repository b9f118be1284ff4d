public import Domain
public import Foundation
public import Postgres

extension TimeEntryStore {
    /// `user`'s entries in `status` from `from` through `to`, locked, by id.
    public func entriesForUpdate(
        of user: UserID, status: TimeEntryStatus, from: LocalDate, to: LocalDate, on db: PostgresTransaction
    ) async throws -> [TimeEntry] {
        try await db.query(
            """
            SELECT \(Self.columns) FROM time_entries te
            WHERE te.user_id = \(user) AND te.status = \(status.rawValue) AND te.work_date BETWEEN \(from) AND \(to)
            ORDER BY te.id FOR UPDATE
            """, Self.decode)
    }

    /// Marks open entries submitted and clears their rejection reasons (the author has
    /// acted on them); returns how many changed.
    public func markSubmitted(_ ids: [TimeEntryID], at now: Date, on db: some PostgresQueryable) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await db.execute(
            """
            UPDATE time_entries
            SET status = \(TimeEntryStatus.submitted.rawValue), rejection_reason = NULL, version = version + 1, updated_at = \(now)
            WHERE id = ANY(\(ids)) AND status = \(TimeEntryStatus.open.rawValue)
            """)
    }

    /// How many of `user`'s entries from `from` through `to` are in each state (absent: none).
    public func statusCounts(of user: UserID, from: LocalDate, to: LocalDate, on db: some PostgresQueryable) async throws
        -> [TimeEntryStatus: Int]
    {
        let rows = try await db.query(
            """
            SELECT status, count(*) AS n FROM time_entries
            WHERE user_id = \(user) AND work_date BETWEEN \(from) AND \(to)
            GROUP BY status
            """
        ) { row in (try row.decode("status", as: String.self), try row.decode("n", as: Int.self)) }
        var counts: [TimeEntryStatus: Int] = [:]
        for (status, count) in rows {
            if let status = TimeEntryStatus(rawValue: status) { counts[status] = count }
        }
        return counts
    }
}
