public import Domain
public import Foundation
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

extension SummaryStore {
    /// Active projects (with their client) whose summaries go out at `frequency`.
    public func subscribed(_ frequency: SummaryFrequency, on db: some PostgresQueryable) async throws -> [(ProjectID, ClientID)] {
        try await db.query(
            """
            SELECT p.id, p.client_id FROM projects p
            WHERE p.summary_frequency = \(frequency.rawValue) AND p.status = 'active'
            ORDER BY p.id
            """
        ) { (try $0.decode("id"), try $0.decode("client_id")) }
    }

    /// Claims a project's summary of `period`: true when this call made it, false when
    /// another run (or instance) made it first.
    public func claim(
        project: ProjectID, period: SummaryPeriod, recipients: [String], eventID: UUID, at: Date, on tx: PostgresTransaction
    ) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO project_summaries (project_id, period_kind, period_from, period_to, recipients, event_id, created_at)
            VALUES (\(project), \(period.kind.rawValue), \(period.from), \(period.to), \(recipients), \(eventID), \(at))
            ON CONFLICT (project_id, period_kind, period_from) DO NOTHING
            """) == 1
    }
}
