import Domain
import Foundation
import Postgres
@testable import Storage
import TestSupport
import Testing

/// Issue 15 item 7: the two heaviest report statements never scan `time_entries`, on a
/// table large enough for the planner's choice to mean something (60 000 entries over
/// three years; a report of one month is about 3 % of them). Profitability's labour
/// and unbilled time read whole months from the monthly totals (migration 0029) and
/// only the days around them from the entries, through a date index; utilization reads
/// each person's days through (user_id, work_date, id); unbilled ageing reads the daily
/// totals of unbilled time (migration 0031) and retainer consumption the monthly totals.
@Suite struct ReportQueryPlanTests {
    static func plan(of query: SQL, on pool: PostgresPool) async throws -> String {
        try await pool.query(SQL(unsafeRaw: "EXPLAIN ") + query) { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
    }

    @Test func profitabilityAndUtilizationUseTheirIndexes() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            try await ReportFixture.seed(pool, entries: 60000)
            try await pool.execute("VACUUM ANALYZE time_entries")
            try await pool.execute("VACUUM ANALYZE time_entry_totals")
            try await pool.execute("VACUUM ANALYZE time_entry_unbilled_days")
            let month = try ReportRange(from: LocalDate(year: 2025, month: 3, day: 1)!, to: LocalDate(year: 2025, month: 3, day: 31)!)
            let year = try ReportRange(from: LocalDate(year: 2024, month: 1, day: 1)!, to: LocalDate(year: 2024, month: 12, day: 31)!)
            let ragged = try ReportRange(from: LocalDate(year: 2025, month: 3, day: 10)!, to: LocalDate(year: 2025, month: 5, day: 20)!)

            for grouping in ProfitabilityGrouping.allCases {
                // Whole months: the totals only, not one entry read.
                for range in [month, year] {
                    let plan = try await Self.plan(of: ProfitabilityStore.labourQuery(range, by: grouping), on: pool)
                    #expect(plan.contains("on time_entry_totals s"), "\(grouping):\n\(plan)")
                    #expect(!plan.contains("on time_entries "), "\(grouping):\n\(plan)")
                }
                // The days around whole months: an index range on work_date (the covering
                // partial index of 0020, or (work_date, id) of 0023, whichever the planner
                // prices lower), never a scan of every entry.
                let plan = try await Self.plan(of: ProfitabilityStore.labourQuery(ragged, by: grouping), on: pool)
                #expect(plan.contains("on time_entry_totals s"), "\(grouping):\n\(plan)")
                #expect(
                    plan.contains("time_entries_costing_by_date") || plan.contains("time_entries_date_id"),
                    "\(grouping):\n\(plan)")
                #expect(plan.contains("Index Cond: ((work_date >="), "\(grouping):\n\(plan)")
                #expect(!plan.contains("Seq Scan on time_entries"), "\(grouping):\n\(plan)")
            }
            // Unbilled time of a year by each grouping: the totals, and the entries only through
            // the drafts' lines (by primary key), never a scan of them.
            for grouping in ProfitabilityGrouping.allCases {
                let query = UnbilledStore.sumsQuery(
                    from: year.from, to: year.to, key: UnbilledStore.groupKey(grouping), expenseKey: UnbilledStore.expenseKey(grouping),
                    age: { _ in "0" })
                let plan = try await Self.plan(of: query, on: pool)
                #expect(plan.contains("on time_entry_totals s"), "\(grouping):\n\(plan)")
                #expect(!plan.contains("Seq Scan on time_entries"), "\(grouping):\n\(plan)")
            }

            // Unbilled ageing as of a day inside a month: the daily totals of unbilled time
            // (migration 0031); an entry is read only as a draft's line item, by primary key.
            let ageing = try await Self.plan(of: UnbilledStore.ageingQuery(upTo: LocalDate(year: 2025, month: 3, day: 17)!), on: pool)
            #expect(ageing.contains("on time_entry_unbilled_days s"), "\(ageing)")
            #expect(!ageing.contains("on time_entry_totals"), "\(ageing)")
            #expect(!ageing.contains("Seq Scan on time_entries"), "\(ageing)")
            for line in ageing.split(separator: "\n") where line.contains(" on time_entries ") {
                #expect(line.contains("time_entries_pkey"), "\(ageing)")
            }

            // Retainer consumption of a year of monthly periods and ragged ones on every
            // project: whole months on (project_id, month) of the totals, the other days
            // through an index on the entries' project and date.
            let projects = try await pool.query("SELECT id FROM projects ORDER BY code") { try $0.decode("id", as: ProjectID.self) }
            var periods: [(project: ProjectID, period: RetainerPeriod)] = []
            for project in projects {
                for month in 1...12 {
                    let start = LocalDate(year: 2024, month: month, day: 1)!
                    periods.append((project, RetainerPeriod(start: start, endExclusive: try start.adding(months: 1))))
                }
                periods.append((project, RetainerPeriod(start: LocalDate(year: 2024, month: 2, day: 15)!, endExclusive: LocalDate(year: 2024, month: 5, day: 15)!)))
            }
            let retainer = try await Self.plan(of: RetainerStore.consumedMinutesQuery(periods), on: pool)
            #expect(retainer.contains("time_entry_totals_project_month"), "\(retainer)")
            #expect(!retainer.contains("Seq Scan on time_entries"), "\(retainer)")
            #expect(!retainer.contains("Seq Scan on time_entry_totals"), "\(retainer)")

            let users = try await pool.query("SELECT id FROM users ORDER BY id LIMIT 5") { try $0.decode("id", as: UserID.self) }
            let plan = try await Self.plan(of: UtilizationStore.weeksQuery(of: users, in: month), on: pool)
            #expect(plan.contains("time_entries_user_date_id"), "\(plan)")
            #expect(!plan.contains("Seq Scan on time_entries"), "\(plan)")

            // The figures the statement aggregates are those of a plain scan of the entries
            // (every grouping, after every kind of write: TimeEntryTotalsTests).
            let lines = try await ProfitabilityStore().labour(month, by: .month, on: pool)
            let expected = try await pool.queryOne(
                """
                SELECT sum(minutes)::bigint AS minutes, sum(round(minutes::numeric * cost_rate_scaled / 6000))::bigint AS cost,
                       count(*) FILTER (WHERE cost_rate_scaled IS NULL)::bigint AS unknown
                FROM time_entries WHERE status IN ('approved', 'client_validated', 'invoiced') AND work_date BETWEEN '2025-03-01' AND '2025-03-31'
                """)
            #expect(lines.count == 1 && lines.first?.key == "2025-03")
            #expect(lines.first?.minutes == (try expected.decode("minutes", as: Int64.self)))
            #expect(lines.first?.labourCostMinor == (try expected.decode("cost", as: Int64.self)))
            #expect(lines.first?.unknownCostEntries == (try expected.decode("unknown", as: Int64.self)))
        }
    }
}
