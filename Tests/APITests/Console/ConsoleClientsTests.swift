import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The client pages of the console (issue 19 item 4), each action checked in the database.
@Suite struct ConsoleClientsTests {
    struct Row: Equatable {
        let name: String
        let currency: String
        let terms: Int32
        let vatID: String
        let version: Int32
    }

    func row(_ id: ClientID, pool: PostgresPool) async throws -> Row {
        let row = try await pool.queryOne("SELECT name, currency, payment_terms_days, vat_id, version FROM clients WHERE id = \(id)")
        return Row(
            name: try row.decode("name"), currency: try row.decode("currency"), terms: try row.decode("payment_terms_days"),
            vatID: try row.decode("vat_id"), version: try row.decode("version"))
    }

    @Test func theAdminCreatesAClientChangesItAtItsVersionAndAddsAContact() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let name = "Vega Foods \(fixture.unique())"
            let page = try await admin.submit(
                "/app/clients", [("name", name), ("currency", "usd"), ("payment_terms_days", "45"), ("vat_id", "")], tokenFrom: "/app/clients")
            let id = try #require(ClientID(uuidString: String(page.dropFirst("/app/clients/".count))))
            #expect(try await row(id, pool: fixture.pool) == Row(name: name, currency: "USD", terms: 45, vatID: "", version: 1))
            #expect(try await admin.page("/app/clients").contains(name))

            // Terms out of range: refused with the reason, nothing created.
            try await admin.submit("/app/clients", [("name", "Bad terms"), ("payment_terms_days", "999")], tokenFrom: "/app/clients")
            #expect(try await admin.flash(at: "/app/clients").contains("payment terms days"))
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM clients WHERE name = 'Bad terms'").decode("n", as: Int64.self) == 0)

            try await admin.submit(
                page, [("version", "1"), ("name", name), ("currency", "USD"), ("payment_terms_days", "30"), ("vat_id", "BE0879454161")], tokenFrom: page)
            #expect(try await row(id, pool: fixture.pool) == Row(name: name, currency: "USD", terms: 30, vatID: "BE0879454161", version: 2))
            // Stale: refused, unchanged.
            try await admin.submit(page, [("version", "1"), ("name", "Stale"), ("payment_terms_days", "10")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Not saved"))
            #expect(try await row(id, pool: fixture.pool).version == 2)
            // Forged token: refused, unchanged.
            let forged = try await admin.request(.post, page, form: [("csrf", "forged"), ("version", "2"), ("name", "Forged")])
            #expect(forged.status == .forbidden)
            #expect(try await row(id, pool: fixture.pool).name == name)

            try await admin.submit(
                "\(page)/contacts", [("name", "Iris Blom"), ("email", "iris@vega.test"), ("job_title", "CFO"), ("receives_invoices", "on")],
                tokenFrom: page)
            let contact = try await fixture.pool.queryOne("SELECT name, job_title FROM client_contacts WHERE client_id = \(id)")
            #expect(try contact.decode("name", as: String.self) == "Iris Blom" && contact.decode("job_title", as: String.self) == "CFO")
            let html = try await admin.page(page)
            #expect(html.contains("Iris Blom") && html.contains("iris@vega.test"))

            // A member reads the client, without the forms.
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let read = try await member.page(page)
            #expect(read.contains(name) && !read.contains(#"name="version""#))
        }
    }
}
