import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The invoicing settings (issue 12 items 2, 6, 8, 11): number formats of both series,
/// the retainer invoice day, a task's own VAT rate, a retainer's `auto_issue`.
@Suite struct InvoiceSettingsAPITests {
    @Test func numberFormatsAndTheRetainerDayAreSettingsCheckedOnWrite() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            try await pool.execute("UPDATE agency_settings SET default_vat_rate_bp = 2100")
            try await InvoicingParties.completeInDatabase(pool: pool, client: people.clientID)
            let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool)
            try await app.test(.router) { client in
                let run = InvoicingCalls(client: client)
                let admin = try #require(try await people.token(.admin))
                var settings = try await run.expect(.ok, .get, "/api/v1/settings", as: admin)
                #expect(settings["credit_note_number_format"] as? String == "{YYYY}-CN-{NNNN}")
                #expect(settings["retainer_invoice_day"] as? Int == 1)
                let refused = try await run.send(
                    .patch, "/api/v1/settings", as: admin,
                    #"{"invoice_number_format":"2026","credit_note_number_format":"{YYYY}-{NNNN}","retainer_invoice_day":16}"#,
                    ifMatch: "\"\(settings["version"] as? Int ?? 0)\"")
                #expect(refused.status == .unprocessableContent)
                for field in ["invoice_number_format", "retainer_invoice_day"] { #expect(refused.text.contains(field), "\(refused.text)") }
                settings = try await run.expect(
                    .ok, .patch, "/api/v1/settings", as: admin,
                    #"{"invoice_number_format":"F{YY}-{NNNNN}","credit_note_number_format":"AV/{YY}/{NNN}","retainer_invoice_day":5}"#,
                    ifMatch: "\"\(settings["version"] as? Int ?? 0)\"")
                #expect(settings["retainer_invoice_day"] as? Int == 5)

                // A task at 6 %: its time is billed at 6 %; the numbers follow the new formats.
                let project = ProjectID.random()
                let task = TaskID.random()
                try await pool.execute(
                    """
                    INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                    VALUES (\(project), \(people.clientID), \(people.teamID), 'Books', 'BOOKS', 'time_and_materials', 'EUR')
                    """)
                try await pool.execute("INSERT INTO tasks (id, project_id, name, billable, vat_rate_bp) VALUES (\(task), \(project), 'Editing', true, 600)")
                try await pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency)
                    VALUES (\(UUID()), \(people.member.id), \(project), \(task), '2026-11-03', 120, true, 'approved', 500000, 300000, 'EUR')
                    """)
                let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(people.clientID)"}"#)
                #expect((draft.objects("lines").first?["vat"] as? [String: Any])?["rate_bp"] as? Int == 600)
                let invoice = try await run.issue(draft, as: admin)
                let year = String(LocalDate.of(Date()).year % 100)
                #expect(invoice["number"] as? String == "F\(year)-00001")
                let note = try await run.expect(
                    .created, .post, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/credit-notes", as: admin, #"{"reason":"Cancelled"}"#)
                #expect(note["number"] as? String == "AV/\(year)/001")
                #expect(note["credited_invoice_id"] as? String == invoice["id"] as? String)
                let credited = try await run.expect(.ok, .get, "/api/v1/invoices/\(invoice["id"] as? String ?? "")", as: admin)
                #expect(credited["status"] as? String == "credited" && credited.minor("balance") == 0)
            }
        }
    }
}
