import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Period close (issue 12 item 10): the admin closes a client's month in one action.
@Suite struct PeriodCloseAPITests {
    @Test func closingAMonthListsWhatIsPendingLocksItAndDraftsWhatIsBillable() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            try await pool.execute("UPDATE agency_settings SET default_vat_rate_bp = 2100")
            let project = ProjectID.random()
            let task = TaskID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(project), \(people.clientID), \(people.teamID), 'Site', 'SITE-PC', 'time_and_materials', 'EUR')
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(people.member.id))")
            try await pool.execute(
                "INSERT INTO project_rates (id, project_id, user_id, effective_from, rate_scaled) VALUES (\(UUID()), \(project), NULL, '2025-01-01', 950000)")
            func entry(_ date: String, _ status: String) async throws -> TimeEntryID {
                let id = TimeEntryID.random()
                let captured = status != "open" && status != "submitted"
                try await pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency)
                    VALUES (\(id), \(people.member.id), \(project), \(task), \(date)::date, 120, true, \(status),
                            \(captured ? 950000 : nil), \(captured ? 500000 : nil), \(captured ? "EUR" : nil))
                    """)
                return id
            }
            let approvedNovember = try await entry("2026-11-10", "approved")
            let submittedNovember = try await entry("2026-11-12", "submitted")
            let openNovember = try await entry("2026-11-13", "open")
            _ = try await entry("2026-12-01", "approved")
            let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool)
            try await app.test(.router) { client in
                let run = InvoicingCalls(client: client)
                let admin = try #require(try await people.token(.admin))
                let member = try #require(try await people.token(.member))
                let lead = try #require(try await people.token(.manager))
                let body = #"{"client_id":"\#(people.clientID)","month":"2026-11"}"#

                try await run.expect(.forbidden, .post, "/api/v1/periods/close", as: lead, body)
                let closed = try await run.expect(.ok, .post, "/api/v1/periods/close", as: admin, body)
                let pending = try #require(closed["pending"] as? [String: Any])
                #expect(pending["submitted_time_entries"] as? Int == 1 && pending["open_time_entries"] as? Int == 1)
                let draft = try #require(closed["draft"] as? [String: Any])
                let items = draft.objects("lines").flatMap { $0.objects("items") }.compactMap { $0["id"] as? String }
                #expect(items == [approvedNovember.description])
                #expect((draft["period"] as? [String: String]) == ["from": "2026-11-01", "to": "2026-11-30"])

                // The month takes no new, changed or deleted time; the error names it.
                let added = try await run.send(
                    .post, "/api/v1/time-entries", as: member,
                    #"{"project_id":"\#(project)","task_id":"\#(task)","work_date":"2026-11-20","minutes":60}"#)
                #expect(added.status == .conflict && added.text.contains("2026-11"), "\(added.text)")
                let version = try await pool.queryOne("SELECT version FROM time_entries WHERE id = \(openNovember)").decode("version", as: Int.self)
                let changed = try await run.send(
                    .patch, "/api/v1/time-entries/\(openNovember)", as: member, #"{"minutes":90}"#, ifMatch: "\"\(version)\"")
                #expect(changed.status == .conflict && changed.text.contains("2026-11"), "\(changed.text)")
                // Moving December work into the closed month is refused as well; December stays open.
                try await run.expect(
                    .created, .post, "/api/v1/time-entries", as: member,
                    #"{"project_id":"\#(project)","task_id":"\#(task)","work_date":"2026-12-02","minutes":60}"#)
                // Pending work still moves through the workflow: the submitted entry can be approved.
                try await run.expect(
                    .ok, .post, "/api/v1/approvals", as: lead, #"{"time_entry_ids":["\#(submittedNovember)"],"decision":"approve"}"#)

                // Closing twice is a conflict; reopening needs a reason, is audited, and unlocks.
                try await run.expect(.conflict, .post, "/api/v1/periods/close", as: admin, body)
                try await run.expect(.unprocessableContent, .post, "/api/v1/periods/reopen", as: admin, body)
                try await run.expect(
                    .noContent, .post, "/api/v1/periods/reopen", as: admin,
                    #"{"client_id":"\#(people.clientID)","month":"2026-11","reason":"Late timesheet from Ana"}"#)
                try await run.expect(
                    .created, .post, "/api/v1/time-entries", as: member,
                    #"{"project_id":"\#(project)","task_id":"\#(task)","work_date":"2026-11-20","minutes":60}"#)
                try await run.expect(
                    .unprocessableContent, .post, "/api/v1/periods/close", as: admin, #"{"client_id":"\#(people.clientID)","month":"2026-13"}"#)
            }
            let actions = try await pool.query("SELECT action FROM audit_events WHERE subject_type = 'period' ORDER BY id") {
                try $0.decode("action", as: String.self)
            }
            #expect(actions == ["period.closed", "period.reopened"])
        }
    }
}
