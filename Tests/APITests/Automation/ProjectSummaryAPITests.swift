import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport
import Testing

@Suite("Client progress summaries over HTTP")
struct ProjectSummaryAPITests {
    /// Approved entries of the member on the world's project: `minutes` on each day.
    func approved(_ world: AutomationWorld, days: [String], minutes: Int, billable: Bool = true) async throws {
        let task = TaskID.random()
        try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.project), \("Build \(task)"), true)")
        for day in days {
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(TimeEntryID.random()), \(world.people.member.id), \(world.project), \(task), \(LocalDate(iso: day)!), \(minutes),
                        \(billable), 'approved', 950000, 500000, 'EUR', \(world.people.manager.id), now())
                """)
        }
    }

    @Test func theSummaryCarriesHoursAndExactlyTheBudgetOfTheBudgetRoute() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            try await world.pool.execute("UPDATE projects SET budget_minutes = 6000 WHERE id = \(world.project)")
            try await approved(world, days: ["2026-11-30", "2026-12-01", "2026-12-02"], minutes: 90)
            try await approved(world, days: ["2026-12-03"], minutes: 60, billable: false)
            try await approved(world, days: ["2026-12-08"], minutes: 30)
            let client = try #require(try await world.people.token(.client))
            for token in [world.admin, client] {
                let summary = try await run.expect(
                    .ok, .get, "/api/v1/projects/\(world.project)/summary?period=week&date=2026-12-02", as: token)
                let period = summary["period"] as? [String: Any]
                #expect(period?["from"] as? String == "2026-11-30")
                #expect(period?["to"] as? String == "2026-12-06")
                let hours = summary["hours_this_period"] as? [String: Any]
                #expect(hours?["minutes"] as? Int == 330)
                #expect(hours?["billable_minutes"] as? Int == 270)
                #expect(hours?["hours"] as? String == "5.50")
                // To the end of the period: the 2026-12-08 entry is not counted yet.
                #expect((summary["hours_to_date"] as? [String: Any])?["minutes"] as? Int == 330)
                let budget = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/budget", as: token)
                #expect(NSDictionary(dictionary: summary["budget"] as? [String: Any] ?? [:]).isEqual(to: budget))
            }
            let monthly = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/summary?period=month&date=2026-12-15", as: client)
            #expect((monthly["hours_this_period"] as? [String: Any])?["minutes"] as? Int == 270)
            #expect(monthly["unpaid_invoices"] is [Any])
        }
    }

    @Test func badQueriesAndOtherPeopleAreRefused() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            try await run.expect(.unprocessableContent, .get, "/api/v1/projects/\(world.project)/summary?period=year", as: world.admin)
            try await run.expect(.unprocessableContent, .get, "/api/v1/projects/\(world.project)/summary?date=soon", as: world.admin)
            try await run.expect(.notFound, .get, "/api/v1/projects/\(UUID())/summary", as: world.admin)
            // A member of the team who is not on the project sees no budget, hence no summary.
            let member = try #require(try await world.people.token(.member))
            try await run.expect(.forbidden, .get, "/api/v1/projects/\(world.project)/summary", as: member)
        }
    }
}
