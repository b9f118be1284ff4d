import Domain
import Foundation
import HTTPTypes
import Logging
import Postgres
import Services
import TestSupport
import Testing

@Suite("Weekly summaries and Monday nudges")
struct DigestJobsAPITests {
    func runJob(_ job: some ScheduledJob, _ world: AutomationWorld) async throws {
        try await job.run(JobContext(pool: world.pool, clock: world.clock, logger: AutomationWorld.logger, dueAt: world.clock.now(), startedAt: world.clock.now()))
    }

    @Test func theWeeklySummaryArrivesOnMondayWithTheBudgetFiguresOfTheBudgetRoute() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            let run = world.run
            try await world.pool.execute(
                "UPDATE projects SET budget_minutes = 6000, summary_frequency = 'weekly' WHERE id = \(world.project)")
            let task = TaskID.random()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.project), \("Build \(task)"), true)")
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(TimeEntryID.random()), \(world.people.member.id), \(world.project), \(task), '2026-12-16', 150, true, 'approved',
                        950000, 500000, 'EUR', \(world.people.manager.id), now())
                """)
            try await world.billingContact("Ada Payables", email: "ap@client.example", receivesInvoices: false)
            let job = ProjectSummaryJob(linkSecret: Array(repeating: 7, count: 32))
            // Sunday 2026-12-20: nothing is due.
            try await runJob(job, world)
            #expect(try await world.dispatch(sink) == 0)
            world.setDate("2026-12-21")
            try await runJob(job, world)
            try await runJob(job, world)
            try await world.dispatch(sink)
            let mails = try await sink.waitForMessages(1)
            #expect(mails.count == 1)
            let text = try #require(mails.first?.parts.first?.text)
            #expect(mails.first?.recipients == ["ap@client.example"])
            #expect(text.contains("2026-12-14 – 2026-12-20"))
            #expect(text.contains("Hours this period: 2.50 h"))
            // The figures the client sees at GET /projects/{id}/budget.
            let client = try #require(try await world.people.token(.client))
            let budget = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/budget", as: client)
            for (label, key) in [("Budgeted", "current"), ("Consumed", "consumed"), ("Remaining", "remaining")] {
                let figure = try #require(budget[key] as? [String: Any])
                var expected = "\(figure["hours"] as? String ?? "?") h"
                if let amount = figure["amount"] as? [String: Any], let minor = amount["amount_minor"] as? Int {
                    expected += " · \(Money(amountMinor: Int64(minor), currency: .eur).decimalString) EUR"
                }
                #expect(text.contains("\(label): \(expected)"), "\(label) in \(text)")
            }
            #expect(try await world.count("project_summaries") == 1)
        }
    }

    @Test func mondayNudgesGoToWhoMissedTimeAndToLeadsWithAQueueUnlessTheyOptedOut() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            let run = world.run
            let task = TaskID.random()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.project), \("Build \(task)"), true)")
            // The member logged Monday to Thursday of the week of 2026-12-14 and submitted them.
            for day in ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17"] {
                try await world.pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
                    VALUES (\(TimeEntryID.random()), \(world.people.member.id), \(world.project), \(task), \(LocalDate(iso: day)!), 480, true, 'submitted')
                    """)
            }
            // The admin opts out.
            let off = try await run.expect(.ok, .put, "/api/v1/me/notifications", as: world.admin, #"{"weekly_nudges":false}"#)
            #expect(off["weekly_nudges"] as? Bool == false)
            world.setDate("2026-12-21")
            try await runJob(TeamNudgeJob(), world)
            try await runJob(TeamNudgeJob(), world)
            try await world.dispatch(sink)
            let mails = try await sink.waitForMessages(2)
            try await Task.sleep(for: .milliseconds(300))
            let byRecipient = Dictionary(grouping: try sink.received(), by: { $0.recipients.first ?? "" })
            #expect(byRecipient[world.people.admin.email.lowercased()] == nil)
            let member = try #require(byRecipient[world.people.member.email.lowercased()]?.first)
            #expect(member.parts[0].text.contains("- 2026-12-18"))
            #expect(!member.parts[0].text.contains("2026-12-17"))
            let lead = try #require(byRecipient[world.people.manager.email.lowercased()]?.first)
            #expect(lead.parts[0].text.contains("Waiting for your approval: 4 time entries"))
            #expect(mails.count >= 2)
            #expect(try await world.count("team_nudges") == (try sink.received().count))
        }
    }
}
