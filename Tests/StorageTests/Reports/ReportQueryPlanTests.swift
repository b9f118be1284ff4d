import Domain
import Foundation
import Postgres
@testable import Storage
import TestSupport
import Testing

/// Issue 15 item 7: the two heaviest report statements read `time_entries` through the
/// index meant for them, never by a sequential scan, on a table large enough for the
/// planner's choice to mean something (60 000 entries over three years; a report of
/// one month reads about 3 % of them).
@Suite struct ReportQueryPlanTests {
    static func plan(of query: SQL, on pool: PostgresPool) async throws -> String {
        try await pool.query(SQL(unsafeRaw: "EXPLAIN ") + query) { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
    }

    @Test func profitabilityAndUtilizationUseTheirIndexes() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            let team = UUID()
            let client = UUID()
            try await pool.execute("INSERT INTO teams (id, name) VALUES (\(team), 'Studio')")
            try await pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(client), 'Acme', 'EUR')")
            try await pool.execute(
                """
                INSERT INTO users (id, email, name, role, password_hash)
                SELECT gen_random_uuid(), 'user' || n || '@example.com', 'User ' || n, 'member', 'x' FROM generate_series(1, 40) n
                """)
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                SELECT gen_random_uuid(), \(client), \(team), 'Project ' || n, 'P' || n, 'time_and_materials', 'EUR' FROM generate_series(1, 20) n
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name) SELECT gen_random_uuid(), id, 'Work' FROM projects")
            try await pool.execute(
                """
                WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users),
                     t AS (SELECT id, project_id, row_number() OVER (ORDER BY id) - 1 AS k FROM tasks)
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency)
                SELECT gen_random_uuid(), u.id, t.project_id, t.id, DATE '2023-01-01' + (n % 1095), 30 + n % 400, n % 3 <> 0,
                       CASE WHEN n % 10 = 0 THEN 'submitted' ELSE 'approved' END,
                       CASE WHEN n % 10 = 0 THEN NULL ELSE 1000000 END, CASE WHEN n % 10 IN (0, 7) THEN NULL ELSE 500000 END,
                       CASE WHEN n % 10 = 0 THEN NULL ELSE 'EUR' END
                FROM generate_series(1, 60000) n JOIN u ON u.k = n % 40 JOIN t ON t.k = n % 20
                """)
            try await pool.execute("VACUUM ANALYZE time_entries")
            let month = try ReportRange(from: LocalDate(year: 2025, month: 3, day: 1)!, to: LocalDate(year: 2025, month: 3, day: 31)!)

            for grouping in ProfitabilityGrouping.allCases {
                let plan = try await Self.plan(of: ProfitabilityStore.labourQuery(month, by: grouping), on: pool)
                // Either date index serves the range (the covering partial index of 0020, or
                // (work_date, id) of 0023, whichever the planner prices lower): what matters is
                // an index range on work_date, never a scan of every entry.
                #expect(
                    plan.contains("time_entries_costing_by_date") || plan.contains("time_entries_date_id"),
                    "\(grouping):\n\(plan)")
                #expect(plan.contains("Index Cond: ((work_date >="), "\(grouping):\n\(plan)")
                #expect(!plan.contains("Seq Scan on time_entries"), "\(grouping):\n\(plan)")
            }
            let users = try await pool.query("SELECT id FROM users ORDER BY id LIMIT 5") { try $0.decode("id", as: UserID.self) }
            let plan = try await Self.plan(of: UtilizationStore.weeksQuery(of: users, in: month), on: pool)
            #expect(plan.contains("time_entries_user_date_id"), "\(plan)")
            #expect(!plan.contains("Seq Scan on time_entries"), "\(plan)")

            // The figures the indexed statement aggregates are those of a plain scan.
            let lines = try await ProfitabilityStore().labour(month, by: .month, on: pool)
            let expected = try await pool.queryOne(
                """
                SELECT sum(minutes)::bigint AS minutes, sum(round(minutes::numeric * cost_rate_scaled / 6000))::bigint AS cost,
                       count(*) FILTER (WHERE cost_rate_scaled IS NULL)::bigint AS unknown
                FROM time_entries WHERE status = 'approved' AND work_date BETWEEN '2025-03-01' AND '2025-03-31'
                """)
            #expect(lines.count == 1 && lines.first?.key == "2025-03")
            #expect(lines.first?.minutes == (try expected.decode("minutes", as: Int64.self)))
            #expect(lines.first?.labourCostMinor == (try expected.decode("cost", as: Int64.self)))
            #expect(lines.first?.unknownCostEntries == (try expected.decode("unknown", as: Int64.self)))
        }
    }
}
