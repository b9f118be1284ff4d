public import Domain
import Foundation
public import Postgres

extension RetainerStore {
    /// The statuses whose time a retainer consumes: approved by the agency, whether or
    /// not the client validated or it was invoiced since (open and submitted time is not).
    static let consumingStatuses = ["approved", "client_validated", "invoiced"]

    /// The approved billable minutes of each (project, period) pair, in the order
    /// given, aggregated in one statement however many periods there are.
    public func consumedMinutes(
        _ periods: [(project: ProjectID, period: RetainerPeriod)], on db: some PostgresQueryable
    ) async throws -> [Int] {
        guard !periods.isEmpty else { return [] }
        let projects = periods.map(\.project)
        let starts = periods.map(\.period.start)
        let ends = periods.map(\.period.endExclusive)
        let rows = try await db.query(
            """
            -- A sum per period (LATERAL): each one an index range scan on (project_id,
            -- work_date, id), planned well from the first call, where a join on the date
            -- range left the hash join nothing to hash on.
            SELECT p.idx, c.minutes
            FROM unnest(\(projects)::uuid[], \(starts)::date[], \(ends)::date[]) WITH ORDINALITY AS p(project_id, start_date, end_date, idx)
            CROSS JOIN LATERAL (
                SELECT COALESCE(sum(te.minutes), 0)::bigint AS minutes
                FROM time_entries te
                WHERE te.project_id = p.project_id AND te.work_date >= p.start_date AND te.work_date < p.end_date
                  AND te.billable AND te.status = ANY(\(Self.consumingStatuses)::text[])
                  -- Work on a change request's task is a scope change, billed per the change
                  -- request (its rate or its quoted amount), never out of the retainer's hours.
                  AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = te.task_id AND t.change_request_id IS NOT NULL)) c
            ORDER BY p.idx
            """
        ) { row -> Int in Int(clamping: try row.decode("minutes", as: Int64.self)) }
        guard rows.count == periods.count else {
            throw PostgresError(kind: .decoding, message: "retainer consumption returned \(rows.count) rows for \(periods.count) periods")
        }
        return rows
    }
}
