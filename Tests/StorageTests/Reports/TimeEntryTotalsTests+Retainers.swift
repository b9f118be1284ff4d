import Domain
import Foundation
import Postgres
@testable import Storage
import TestSupport
import Testing

extension TimeEntryTotalsTests {
    /// Retainer periods of every shape: a whole month, months with days on both sides,
    /// three years less a day, days inside one month, one day.
    static let retainerPeriods: [(String, String)] = [
        ("2024-01-01", "2024-02-01"), ("2024-02-15", "2024-05-15"), ("2023-01-01", "2025-12-31"),
        ("2024-06-10", "2024-06-20"), ("2024-03-31", "2024-04-01"),
    ]

    /// The consumption the retainer statement computed before the totals: every approved
    /// billable minute of the project in the period, off change requests' tasks.
    static func consumedFromEntries(_ project: ProjectID, _ period: RetainerPeriod, on pool: PostgresPool) async throws -> Int {
        let row = try await pool.queryOne(
            """
            SELECT COALESCE(sum(te.minutes), 0)::bigint AS minutes
            FROM time_entries te
            WHERE te.project_id = \(project) AND te.work_date >= \(period.start) AND te.work_date < \(period.endExclusive)
              AND te.billable AND te.status IN ('approved', 'client_validated', 'invoiced')
              AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = te.task_id AND t.change_request_id IS NOT NULL)
            """)
        return Int(try row.decode("minutes", as: Int64.self))
    }

    /// Retainer consumption (whole months from the monthly totals, the other days from
    /// the entries) equals the entries' for three projects and every shape of period.
    static func expectRetainerConsumptionAgrees(after step: String, on pool: PostgresPool) async throws {
        let projects = try await pool.query("SELECT id FROM projects ORDER BY code LIMIT 3") { try $0.decode("id", as: ProjectID.self) }
        var pairs: [(project: ProjectID, period: RetainerPeriod)] = []
        for project in projects {
            for (start, end) in retainerPeriods {
                pairs.append((project, RetainerPeriod(start: LocalDate(iso: start)!, endExclusive: LocalDate(iso: end)!)))
            }
        }
        let consumed = try await RetainerStore().consumedMinutes(pairs, on: pool)
        var expected: [Int] = []
        for pair in pairs { expected.append(try await consumedFromEntries(pair.project, pair.period, on: pool)) }
        #expect(consumed == expected, "\(step): retainer consumption")
        #expect(expected.contains { $0 > 0 }, "\(step): no retainer consumption compared")
    }

    /// Eight writers at once add approved time to the same unbilled days; every other one
    /// takes all of it out again in the same transaction (reopened), so a day's row goes
    /// to zero and is deleted while others wait to add to it: no update is lost, no empty
    /// row stays, nobody deadlocks or retries.
    @Test func unbilledDaysSurviveConcurrentZeroing() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8, leaseTimeout: .seconds(30))
            try await ReportFixture.seed(pool, entries: 0)
            let writers = 8
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await pool.withTransaction(maxAttempts: 1) { tx in
                            let ids = (0..<12).map { _ in UUID() }
                            try await tx.execute(
                                """
                                WITH t AS (SELECT id, project_id FROM tasks ORDER BY id LIMIT 1),
                                     u AS (SELECT id FROM users ORDER BY id LIMIT 1)
                                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                                          billable_rate_scaled, cost_rate_scaled, rate_currency)
                                SELECT x.id, u.id, t.project_id, t.id, DATE '2024-01-01' + (x.n % 3)::int, 30 + x.n::int, true, 'approved',
                                       1000000 + x.n, 500000, 'EUR'
                                FROM unnest(\(ids)::uuid[]) WITH ORDINALITY AS x(id, n) CROSS JOIN t CROSS JOIN u
                                """)
                            try await tx.execute("SELECT pg_sleep(0.05)")
                            if writer % 2 == 1 {
                                try await tx.execute(
                                    """
                                    UPDATE time_entries SET status = 'open', billable_rate_scaled = NULL, cost_rate_scaled = NULL,
                                           rate_currency = NULL
                                    WHERE id = ANY(\(ids)::uuid[])
                                    """)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let days = try await pool.queryOne(
                "SELECT COALESCE(sum(items), 0)::bigint AS n, count(*) FILTER (WHERE items = 0) AS empty FROM time_entry_unbilled_days")
            #expect(try days.decode("n", as: Int64.self) == Int64(writers / 2 * 12))
            #expect(try days.decode("empty", as: Int64.self) == 0)
            #expect(try await Self.mismatches(on: pool) == 0)
        }
    }
}
