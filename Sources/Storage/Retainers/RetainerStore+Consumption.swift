public import Domain
import Foundation
public import Postgres

extension RetainerStore {
    /// The statuses whose time a retainer consumes: approved by the agency, whether or
    /// not the client validated or it was invoiced since (open and submitted time is not).
    static let consumingStatuses = ["approved", "client_validated", "invoiced"]

    /// The approved billable minutes of each (project, period) pair, in the order
    /// given, aggregated in one statement however many periods there are: the whole
    /// months of a period from the monthly totals (migration 0029), the days around them
    /// from the entries.
    public func consumedMinutes(
        _ periods: [(project: ProjectID, period: RetainerPeriod)], on db: some PostgresQueryable
    ) async throws -> [Int] {
        guard !periods.isEmpty else { return [] }
        let rows = try await db.query(Self.consumedMinutesQuery(periods)) { row -> Int in
            Int(clamping: try row.decode("minutes", as: Int64.self))
        }
        guard rows.count == periods.count else {
            throw PostgresError(kind: .decoding, message: "retainer consumption returned \(rows.count) rows for \(periods.count) periods")
        }
        return rows
    }

    /// The statement of ``consumedMinutes(_:on:)`` (its plan is pinned by `ReportQueryPlanTests`).
    static func consumedMinutesQuery(_ periods: [(project: ProjectID, period: RetainerPeriod)]) -> SQL {
        var months: (index: [Int], project: [ProjectID], first: [LocalDate], last: [LocalDate]) = ([], [], [], [])
        var days: (index: [Int], project: [ProjectID], first: [LocalDate], last: [LocalDate]) = ([], [], [], [])
        for (index, item) in periods.enumerated() {
            let split = MonthSplit(from: item.period.start, to: item.period.lastDay)
            for run in split.months {
                months.index.append(index + 1)
                months.project.append(item.project)
                months.first.append(run.lowerBound)
                months.last.append(run.upperBound)
            }
            for run in split.days {
                days.index.append(index + 1)
                days.project.append(item.project)
                days.first.append(run.lowerBound)
                days.last.append(run.upperBound)
            }
        }
        return """
            -- A sum per run (LATERAL): each one an index range scan, on (project_id, month)
            -- of the totals or (project_id, work_date) of the entries. Work on a change
            -- request's task is a scope change, billed per the change request (its rate or
            -- its quoted amount), never out of the retainer's hours.
            SELECT p.idx, COALESCE(sum(c.minutes), 0)::bigint AS minutes
            FROM generate_series(1, \(periods.count)) AS p(idx)
            LEFT JOIN (
                SELECT m.idx, x.minutes
                FROM unnest(\(months.index)::int[], \(months.project)::uuid[], \(months.first)::date[], \(months.last)::date[])
                     AS m(idx, project_id, first_month, last_month)
                CROSS JOIN LATERAL (
                    SELECT COALESCE(sum(s.minutes), 0)::bigint AS minutes
                    FROM time_entry_totals s
                    WHERE s.project_id = m.project_id AND s.month BETWEEN m.first_month AND m.last_month
                      AND s.billable AND s.status = ANY(\(Self.consumingStatuses)::text[])
                      AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = s.task_id AND t.change_request_id IS NOT NULL)) x
                UNION ALL
                SELECT d.idx, x.minutes
                FROM unnest(\(days.index)::int[], \(days.project)::uuid[], \(days.first)::date[], \(days.last)::date[])
                     AS d(idx, project_id, first_day, last_day)
                CROSS JOIN LATERAL (
                    SELECT COALESCE(sum(te.minutes), 0)::bigint AS minutes
                    FROM time_entries te
                    WHERE te.project_id = d.project_id AND te.work_date BETWEEN d.first_day AND d.last_day
                      AND te.billable AND te.status = ANY(\(Self.consumingStatuses)::text[])
                      AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = te.task_id AND t.change_request_id IS NOT NULL)) x
            ) c ON c.idx = p.idx
            GROUP BY p.idx
            ORDER BY p.idx
            """
    }
}
