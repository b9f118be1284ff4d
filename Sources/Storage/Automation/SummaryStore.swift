public import Domain
import Foundation
public import Postgres

/// SQL of the client progress summaries (issue 14 item 6): the hours of a project.
public struct SummaryStore: Sendable {
    public init() {}

    /// Minutes of approved work (approved, validated by the client, or invoiced) of a
    /// project: in `from…to` and up to `to`, each in all and billable.
    public func hours(project: ProjectID, from: LocalDate, to: LocalDate, on db: some PostgresQueryable) async throws -> SummaryHours {
        let row = try await db.queryOne(
            """
            SELECT COALESCE(sum(minutes) FILTER (WHERE work_date >= \(from)), 0)::int AS period,
                   COALESCE(sum(minutes) FILTER (WHERE work_date >= \(from) AND billable), 0)::int AS period_billable,
                   COALESCE(sum(minutes), 0)::int AS to_date,
                   COALESCE(sum(minutes) FILTER (WHERE billable), 0)::int AS to_date_billable
            FROM time_entries
            WHERE project_id = \(project) AND work_date <= \(to) AND status IN ('approved', 'client_validated', 'invoiced')
            """)
        return SummaryHours(
            periodMinutes: try row.decode("period"), periodBillableMinutes: try row.decode("period_billable"),
            toDateMinutes: try row.decode("to_date"), toDateBillableMinutes: try row.decode("to_date_billable"))
    }
}
