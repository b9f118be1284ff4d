import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The manager's project pages (issue 19 item 3), each action checked in the database.
@Suite struct ConsoleProjectsTests {
    func status(of milestone: MilestoneID, pool: PostgresPool) async throws -> String {
        try await pool.queryOne("SELECT status FROM milestones WHERE id = \(milestone)").decode("status")
    }

    func status(of change: ChangeRequestID, pool: PostgresPool) async throws -> String {
        try await pool.queryOne("SELECT status FROM change_requests WHERE id = \(change)").decode("status")
    }

    @Test func aLeadSeesTheBudgetBurnAndDeliversAMilestoneAndQuotesAChange() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let milestone = try await fixture.newMilestone()
            let project = try await fixture.project(ofMilestone: milestone)
            // Two approved hours on the project, against its 100 h budget.
            let task = TaskID.random()
            try await fixture.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            try await fixture.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(TimeEntryID.random()), \(fixture.world.member.id), \(project), \(task), '2026-11-02', 120, true, 'approved', 950000,
                        500000, 'EUR', \(fixture.world.manager.id), now())
                """)
            let changeService = ChangeRequestService(pool: fixture.pool, clock: SystemClock(), linkSecret: MatrixFixture.linkSecret)
            let change = try await changeService.create(
                NewChangeRequest(title: "Newsletter", estimate: .minutes(600), pricing: .fixed, amount: AmountInput(amountMinor: 120_000, currency: nil)),
                in: project, caller: fixture.admin)

            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let list = try await lead.page("/app/projects")
            #expect(list.contains("/app/projects/\(project)") && list.contains("Fixed price"))
            let page = try await lead.page("/app/projects/\(project)")
            // The budget burn: 2:00 of 100:00 consumed, in words, in the chart and in its table.
            #expect(page.contains("2:00 / 100:00 h (2%)"))
            #expect(page.contains(#"<svg viewBox="0 0 520"#) && page.contains(#"class="bar bar-consumed""#))
            #expect(page.contains("Design") && page.contains("3,000.00") && page.contains("Planned"))
            #expect(page.contains("CR-\(change.change.number)") && page.contains("Newsletter") && page.contains("10:00"))

            let back = try await lead.submit(
                "/app/projects/\(project)/milestones/\(milestone)/deliver", [], tokenFrom: "/app/projects/\(project)")
            #expect(back == "/app/projects/\(project)")
            #expect(try await status(of: milestone, pool: fixture.pool) == "delivered")
            let delivered = try await lead.flash(at: back)
            #expect(delivered.contains("Design delivered") && delivered.contains("/api/v1/validation-links/"))
            // Delivered once: the button is gone, and a second post is refused with the reason.
            let after = try await lead.page("/app/projects/\(project)")
            #expect(!after.contains("/milestones/\(milestone)/deliver"))
            #expect(after.contains("Delivered, awaiting the client"))
            _ = try await lead.submit("/app/projects/\(project)/milestones/\(milestone)/deliver", [], tokenFrom: "/app/projects/\(project)")
            #expect(try await lead.flash(at: back).contains("Not saved"))

            try await lead.submit(
                "/app/projects/\(project)/change-requests/\(change.change.id)/quote", [], tokenFrom: "/app/projects/\(project)")
            #expect(try await status(of: change.change.id, pool: fixture.pool) == "quoted")

            // A milestone under another project's path is not found, and stays as it is.
            let other = try await fixture.newMilestone()
            let token = try await lead.csrf()
            let refused = try await lead.request(.post, "/app/projects/\(project)/milestones/\(other)/deliver", form: [("csrf", token)])
            #expect(refused.status == .notFound)
            #expect(try await status(of: other, pool: fixture.pool) == "planned")
        }
    }

    @Test func aRetainerProjectShowsItsConsumptionPerPeriod() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newRetainerProject(withRetainer: true)
            let task = try await fixture.newTask(in: project)
            // 25 h approved in March (five days of 5 h) against 20 h included: 5 h over.
            for day in 9...13 {
                try await fixture.pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency, approved_by, approved_at)
                    VALUES (\(TimeEntryID.random()), \(fixture.world.member.id), \(project), \(task), \("2026-03-\(day)")::date, 300, true,
                            'approved', 950000, 500000, 'EUR', \(fixture.world.manager.id), now())
                    """)
            }
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let page = try await admin.page("/app/projects/\(project)")
            #expect(page.contains("Retainer consumption per period"))
            #expect(page.contains("<tr><th scope=\"row\">2026-03-01 – 2026-03-31</th><td class=\"num\">20:00</td><td class=\"num\">25:00</td>"))
            #expect(page.contains("5:00 <strong>over</strong>"))
            // The same figures as a chart beside the table: included, consumed and the
            // overage as its own named column, and the sentence that names the period.
            #expect(page.contains(#"<title id="chart-title-retainer-\#(project)">"#))
            #expect(page.contains(#"class="bar bar-included"><title>2026-03 Included: 20:00 h</title>"#))
            #expect(page.contains(#"class="bar bar-consumed"><title>2026-03 Consumed: 25:00 h</title>"#))
            #expect(page.contains(#"class="bar bar-overage"><title>2026-03 Overage: 5:00 h</title>"#))
            #expect(page.contains("Over: 2026-03-01 (5:00 h)."))
            #expect(page.range(of: #"1 of [0-9]+ periods went over their included hours\."#, options: .regularExpression) != nil)
            #expect(page.contains("legend-overage"))
        }
    }

    @Test func theMissingTimeListShowsWhoLoggedNothingOnWhichDay() async throws {
        try await ConsoleTestApp.with { fixture, client in
            _ = try await fixture.newTimeEntry(for: .member)  // Monday 2026-04-06 only.
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let page = try await lead.page("/app/missing-time?date=2026-04-08")
            #expect(page.contains("2026-04-06 – 2026-04-12"))
            #expect(page.contains("Mia Member"))
            #expect(page.contains("2026-04-07, 2026-04-08, 2026-04-09, 2026-04-10"))
            // A date that is not one is refused with the error page, as on the week.
            let refused = try await lead.page("/app/missing-time?date=someday", .unprocessableContent)
            #expect(refused.contains("<h1>"))
        }
    }
}
