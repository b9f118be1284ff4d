import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// `sheaf demo` (issue 18 item 1): a whole agency in a few statements, invoiced through
/// the real services, the same rows from the same plan, loaded once per seed.
@Suite struct DemoServiceTests {
    static let plan = try! DemoPlan(scale: 1, seed: 7, lastDay: LocalDate(year: 2026, month: 3, day: 13)!)
    static let clock = TestClock(ISO8601DateFormatter().date(from: "2026-03-16T09:00:00Z")!)

    /// A digest of what the demo wrote, independent of the order rows were stored in.
    static func digest(_ pool: PostgresPool) async throws -> String {
        try await pool.queryOne(
            """
            SELECT md5(concat_ws('|',
                (SELECT string_agg(concat_ws(',', id, user_id, project_id, task_id, work_date, minutes, note, billable, status,
                                             billable_rate_scaled, cost_rate_scaled, approved_by), ';' ORDER BY id) FROM time_entries),
                (SELECT string_agg(concat_ws(',', id, project_id, expense_date, category, amount_minor, rechargeable, status), ';' ORDER BY id) FROM expenses),
                (SELECT string_agg(concat_ws(',', id, name, billing_model, team_id, client_id), ';' ORDER BY id) FROM projects),
                (SELECT string_agg(concat_ws(',', id, email, role), ';' ORDER BY id) FROM users))) AS digest
            """
        ).decode("digest")
    }

    @Test func aScaleUnitIsATeamWithAYearOfWorkAndInvoicesIssuedThroughTheServices() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let summary = try await DemoService(pool: pool, clock: Self.clock)
                .load(Self.plan, passwordHash: "x") { _ in }
            #expect(summary.people == 12 + 1 + 1)
            #expect(summary.projects == 4)
            // 52 weeks × 5 days × 12 people × 2–4 entries: about 3.2 a day.
            #expect((9_000...11_000).contains(summary.timeEntries), "\(summary.timeEntries) entries")
            #expect(summary.expenses == 12 * 12)
            let row = try await pool.queryOne(
                """
                SELECT (SELECT count(*) FROM time_entries)::int AS entries,
                       (SELECT count(DISTINCT billing_model) FROM projects)::int AS models,
                       (SELECT count(*) FROM invoices WHERE status = 'issued')::int AS issued,
                       (SELECT count(*) FROM payments)::int AS payments,
                       (SELECT count(*) FROM time_entries WHERE status = 'invoiced')::int AS invoiced,
                       (SELECT count(*) FROM audit_events WHERE action = 'invoice.issued')::int AS issue_events,
                       (SELECT max(day_total) FROM (SELECT sum(minutes) AS day_total FROM time_entries GROUP BY user_id, work_date) d)::int AS busiest_day,
                       (SELECT count(*) FROM time_entries WHERE status = 'approved' AND approved_by = user_id)::int AS self_approved
                """)
            #expect(try row.decode("entries", as: Int.self) == summary.timeEntries)
            #expect(try row.decode("models", as: Int.self) == 3)
            // Two time-and-materials projects at scale 1, each invoiced for two months, the first one paid.
            #expect(summary.invoicesIssued == 4 && summary.invoicesPaid == 2)
            #expect(try row.decode("issued", as: Int.self) == 4)
            #expect(try row.decode("payments", as: Int.self) == 2)
            #expect(try row.decode("invoiced", as: Int.self) > 0)
            #expect(try row.decode("issue_events", as: Int.self) == 4)
            #expect(try row.decode("busiest_day", as: Int.self) <= DailyLimit.minutesPerDay)
            #expect(try row.decode("self_approved", as: Int.self) == 0)

            // One seed loads once.
            await #expect(throws: DomainError.self) {
                _ = try await DemoService(pool: pool, clock: Self.clock).load(Self.plan, passwordHash: "x") { _ in }
            }
        }
    }

    @Test func theSamePlanLoadsTheSameRows() async throws {
        var digests: [String] = []
        for _ in 0..<2 {
            try await TestDatabase.withFresh { database in
                let pool = await database.makePool()
                _ = try await DemoService(pool: pool, clock: Self.clock).load(Self.plan, passwordHash: "x") { _ in }
                digests.append(try await Self.digest(pool))
            }
        }
        #expect(digests[0] == digests[1])
    }
}
