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

    /// A staff user with a weekly target, in a time zone (password login not needed).
    func staff(_ world: AutomationWorld, _ email: String, targetMinutes: Int, timeZone: String = "UTC") async throws -> UserID {
        let id = UserID.random()
        try await world.pool.execute(
            """
            INSERT INTO users (id, email, name, role, password_hash, time_zone, weekly_target_minutes)
            VALUES (\(id), \(email), \(email), 'member', 'x', \(timeZone), \(targetMinutes))
            """)
        return id
    }

    func log(_ world: AutomationWorld, _ user: UserID, task: TaskID, _ days: [String], minutes: Int, status: String = "open") async throws {
        for day in days {
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
                VALUES (\(TimeEntryID.random()), \(user), \(world.project), \(task), \(LocalDate(iso: day)!), \(minutes), true, \(status))
                """)
        }
    }

    @Test func mondayNudgesGoToWhoLoggedLessThanTheirTargetAndToLeadsWithAQueueUnlessTheyOptedOut() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            let run = world.run
            let task = TaskID.random()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.project), \("Build \(task)"), true)")
            let week = ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17"]
            // The member (target 38 h) logged 4 × 7.5 h = 30 h, submitted: nudged, and the lead has a queue.
            try await world.pool.execute("UPDATE users SET weekly_target_minutes = 2280 WHERE id = \(world.people.member.id)")
            try await log(world, world.people.member.id, task: task, week, minutes: 450, status: "submitted")
            // Target 38 h, logged 4 × 9.5 h = 38 h on four days: not nudged (hours count, not days).
            let full = try await staff(world, "full@agency.test", targetMinutes: 2280)
            try await log(world, full, task: task, week, minutes: 570)
            // Target 40 h, logged 38 h: nudged.
            let short = try await staff(world, "short@agency.test", targetMinutes: 2400)
            try await log(world, short, task: task, week, minutes: 570)
            // Last week's time only: 40 h logged the week before does not count.
            try await log(world, short, task: task, ["2026-12-07", "2026-12-08"], minutes: 600)
            // The admin opts out.
            let off = try await run.expect(.ok, .put, "/api/v1/me/notifications", as: world.admin, #"{"weekly_nudges":false}"#)
            #expect(off["weekly_nudges"] as? Bool == false)
            // The manager logged nothing, but their Monday is in Auckland (UTC+13): Sunday
            // 2026-12-20 13:00 UTC is already their Monday, not the others'.
            try await world.pool.execute("UPDATE users SET time_zone = 'Pacific/Auckland' WHERE id = \(world.people.manager.id)")
            world.clock.advance(by: .seconds(4 * 3600))
            try await runJob(TeamNudgeJob(), world)
            try await world.dispatch(sink)
            let early = try await sink.waitForMessages(1)
            #expect(early.map(\.recipients) == [[world.people.manager.email.lowercased()]])
            let lead = try #require(early.first)
            #expect(lead.parts[0].text.contains("Last week (2026-12-14 – 2026-12-20) you logged 0.00 h of your expected 40.00 h."))
            #expect(lead.parts[0].text.contains("Waiting for your approval: 4 time entries"))

            world.setDate("2026-12-21")
            try await runJob(TeamNudgeJob(), world)
            try await runJob(TeamNudgeJob(), world)
            try await world.dispatch(sink)
            _ = try await sink.waitForMessages(3)
            try await Task.sleep(for: .milliseconds(300))
            let byRecipient = Dictionary(grouping: try sink.received(), by: { $0.recipients.first ?? "" })
            #expect(byRecipient[world.people.admin.email.lowercased()] == nil)
            #expect(byRecipient["full@agency.test"] == nil)
            #expect(byRecipient[world.people.manager.email.lowercased()]?.count == 1)
            let member = try #require(byRecipient[world.people.member.email.lowercased()]?.first)
            #expect(member.parts[0].text.contains("you logged 30.00 h of your expected 38.00 h."))
            #expect(member.parts[0].text.contains("Missing: 8.00 h."))
            let shortMail = try #require(byRecipient["short@agency.test"]?.first)
            #expect(shortMail.parts[0].text.contains("you logged 38.00 h of your expected 40.00 h."))
            #expect(try sink.received().count == 3)
            #expect(try await world.count("team_nudges") == 3)
        }
    }
}
