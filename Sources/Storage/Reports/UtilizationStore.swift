public import Domain
public import Postgres

/// The set-based SQL of the utilization report (issue 15 item 3), on the
/// `time_entries_user_date_id` index.
public struct UtilizationStore: Sendable {
    public init() {}

    /// Every minute logged (any status) by `users` from `range.from` through `range.to`,
    /// per user and ISO week.
    public func weeks(of users: [UserID], in range: ReportRange, on db: some PostgresQueryable) async throws -> [WeekMinutes] {
        guard !users.isEmpty else { return [] }
        return try await db.query(Self.weeksQuery(of: users, in: range)) { row in
            WeekMinutes(
                userID: try row.decode("user_id"), week: try row.decode("week"), billableMinutes: try row.decode("billable"),
                nonBillableMinutes: try row.decode("non_billable"))
        }
    }

    /// The statement of ``weeks(of:in:on:)`` (its plan is pinned by `ReportQueryPlanTests`).
    static func weeksQuery(of users: [UserID], in range: ReportRange) -> SQL {
        """
        SELECT w.user_id, date_trunc('week', w.work_date)::date AS week,
               COALESCE(sum(w.minutes) FILTER (WHERE w.billable), 0)::bigint AS billable,
               COALESCE(sum(w.minutes) FILTER (WHERE NOT w.billable), 0)::bigint AS non_billable
        FROM time_entries w
        WHERE w.user_id = ANY(\(users)::uuid[]) AND w.work_date BETWEEN \(range.from) AND \(range.to)
        GROUP BY 1, 2
        """
    }

    /// The weekly working-time target of each of `users` (their setting, 40 h unless changed).
    public func weeklyTargets(of users: [UserID], on db: some PostgresQueryable) async throws -> [UserID: Int] {
        guard !users.isEmpty else { return [:] }
        let rows = try await db.query("SELECT id, weekly_target_minutes FROM users WHERE id = ANY(\(users)::uuid[])") { row in
            (try row.decode("id", as: UserID.self), try row.decode("weekly_target_minutes", as: Int.self))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
