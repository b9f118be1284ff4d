public import Domain
public import Postgres

extension BudgetStore {
    /// The approved minutes of a project per ISO week (its Monday), the weeks with time
    /// only: the same entries as ``consumed(project:currency:through:on:)`` counts.
    public func consumedPerWeek(project: ProjectID, on db: some PostgresQueryable) async throws -> [(week: LocalDate, minutes: Int)] {
        try await db.query(
            """
            SELECT date_trunc('week', w.work_date)::date AS week, sum(w.minutes)::bigint AS minutes
            FROM time_entries w
            WHERE w.project_id = \(project) AND w.status IN \(ReportSQL.approvedStatuses)
            GROUP BY 1 ORDER BY 1
            """
        ) { row in (week: try row.decode("week", as: LocalDate.self), minutes: Int(try row.decode("minutes", as: Int64.self))) }
    }
}
