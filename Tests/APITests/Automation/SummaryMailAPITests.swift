import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Postgres
import Services
import TestSupport
import Testing

/// The progress summary of a retainer project (issue 14 item 6): the retainer's period
/// (included, consumed, remaining, overage) and the pending validations with a fresh
/// signed link that opens, at the SMTP sink; the same content at GET …/summary with the
/// portal path instead of a link.
@Suite("Progress summaries: retainer and signed links")
struct SummaryMailAPITests {
    static let secret: [UInt8] = Array(repeating: 0x5e, count: 32)
    @Test func theWeeklySummaryCarriesTheRetainerFiguresAndAFreshLinkThatOpensTheValidation() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with(configure: { $0.configuration.linkSecret = Self.secret }) { world in
            let run = world.run
            try await world.pool.execute(
                """
                UPDATE projects SET billing_model = 'retainer', summary_frequency = 'weekly', requires_client_validation = true
                WHERE id = \(world.project)
                """)
            // 10 h included a month from 2026-12-01, overage at 95.00 an hour.
            try await run.expect(
                .created, .put, "/api/v1/projects/\(world.project)/retainer", as: world.admin,
                retainerJSON(fee: 200_000, includedMinutes: 600, rate: "95.00", start: "2026-12-01"))
            // 4 × 3 h = 12 h approved and billable: 2 h over, 2 × 95.00 = 190.00.
            let task = TaskID.random()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(world.project), 'Build', true)")
            for day in ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17"] {
                try await world.pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency, approved_by, approved_at)
                    VALUES (\(TimeEntryID.random()), \(world.people.member.id), \(world.project), \(task), \(LocalDate(iso: day)!), 180, true,
                            'approved', 950000, 500000, 'EUR', \(world.people.manager.id), now())
                    """)
            }
            let requested = try await run.expect(
                .created, .post, "/api/v1/projects/\(world.project)/validations", as: world.admin, #"{"from":"2026-12-14","to":"2026-12-20"}"#)
            let validationID = try #require(requested["id"] as? String)
            let firstLink = try #require(requested["link"] as? String ?? requested["url"] as? String)
            try await world.billingContact("Ada Payables", email: "ap@client.example", receivesInvoices: false)

            world.setDate("2026-12-21")
            let job = ProjectSummaryJob(linkSecret: Self.secret)
            try await job.run(JobContext(pool: world.pool, clock: world.clock, logger: AutomationWorld.logger, dueAt: world.clock.now(), startedAt: world.clock.now()))
            try await job.run(JobContext(pool: world.pool, clock: world.clock, logger: AutomationWorld.logger, dueAt: world.clock.now(), startedAt: world.clock.now()))
            try await world.dispatch(sink)
            let mails = try await sink.waitForMessages(1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try sink.received().count == 1)
            let text = try #require(mails.first?.parts.first?.text)
            for line in [
                "Retainer (2026-12-01 – 2026-12-31)", "Included: 10.00 h", "Consumed: 12.00 h", "Remaining: 0.00 h", "Overage: 2.00 h · 190.00 EUR",
            ] {
                #expect(text.contains(line), "\(line) in \(text)")
            }
            // The same figures as GET /projects/{id}/retainer/periods.
            let admin = try await world.freshAdmin()
            let periods = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/retainer/periods", as: admin)
            let current = try #require((periods["items"] as? [[String: Any]])?.last)
            #expect(current["consumed_hours"] as? String == "12.00")
            #expect(current["overage_hours"] as? String == "2.00")

            // The link in the e-mail opens the validation; the one handed out at the request no longer does.
            let match = try #require(text.firstMatch(of: /\/api\/v1\/validation-links\/([A-Za-z0-9_\-]+)/))
            let opened = try await run.client.execute(uri: String(match.output.0), method: .get, headers: [:], body: nil)
            #expect(opened.status == .ok, "\(opened.text)")
            #expect(opened.text.contains("Please validate the hours of Site"))
            let oldPath = try #require(firstLink.firstMatch(of: /\/api\/v1\/validation-links\/[A-Za-z0-9_\-]+/)).output
            #expect(try await run.client.execute(uri: String(oldPath), method: .get, headers: [:], body: nil).status == .notFound)
            #expect(
                try await world.pool.queryOne(
                    "SELECT count(*)::int AS n FROM audit_events WHERE action = 'validation.link_reissued' AND subject_id = \(validationID)"
                ).decode("n", as: Int.self) == 1)

            // In the account: the same retainer period, the portal path instead of a link.
            let client = try #require(try await world.people.token(.client))
            let summary = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/summary?period=week&date=2026-12-14", as: client)
            let retainer = try #require(summary["retainer"] as? [String: Any])
            #expect(retainer["included_minutes"] as? Int == 600)
            #expect(retainer["consumed_minutes"] as? Int == 720)
            #expect(retainer["remaining_minutes"] as? Int == 0)
            #expect(retainer["overage_minutes"] as? Int == 120)
            #expect((retainer["overage_amount"] as? [String: Any])?["amount_minor"] as? Int == 19_000)
            let pending = try #require((summary["pending_validations"] as? [[String: Any]])?.first)
            #expect(pending["portal_path"] as? String == "/portal/validations/\(validationID)")
            #expect(!summary.description.contains("validation-links"))
            let staff = try await run.expect(.ok, .get, "/api/v1/projects/\(world.project)/summary?period=week&date=2026-12-14", as: admin)
            #expect((staff["pending_validations"] as? [[String: Any]])?.first?["portal_path"] is NSNull)
        }
    }

    @Test func aProjectWithoutRetainerHasNone() async throws {
        try await AutomationWorld.with { world in
            let summary = try await world.run.expect(.ok, .get, "/api/v1/projects/\(world.project)/summary", as: world.admin)
            #expect(summary["retainer"] is NSNull)
        }
    }
}
