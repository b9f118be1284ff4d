import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The people pages of the console (issue 19 item 4), each action checked in the database.
@Suite struct ConsoleUsersTests {
    struct Account: Equatable {
        let name: String
        let role: String
        let active: Bool
        let version: Int32
    }

    func account(_ email: String, pool: PostgresPool) async throws -> Account? {
        try await pool.query("SELECT name, role, active, version FROM users WHERE email = \(email)") { row in
            Account(name: try row.decode("name"), role: try row.decode("role"), active: try row.decode("active"), version: try row.decode("version"))
        }.first
    }

    @Test func theAdminCreatesAnAccountAndChangesItAtItsVersion() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let email = "nora-\(fixture.unique())@agency.test"
            try await admin.submit(
                "/app/users", [("name", "Nora Vidal"), ("email", email), ("role", "manager"), ("client_id", ""), ("password", "long enough password")],
                tokenFrom: "/app/users")
            #expect(try await admin.flash(at: "/app/users").contains("Account of Nora Vidal created"))
            #expect(try await account(email, pool: fixture.pool) == Account(name: "Nora Vidal", role: "manager", active: true, version: 1))
            let id: UserID = try await fixture.pool.queryOne("SELECT id FROM users WHERE email = \(email)").decode("id")
            let page = "/app/users/\(id)"
            #expect(try await admin.page("/app/users").contains(page))

            // A short password is refused with the policy's reason; no account.
            let other = "short-\(fixture.unique())@agency.test"
            try await admin.submit(
                "/app/users", [("name", "Short"), ("email", other), ("role", "member"), ("password", "short")], tokenFrom: "/app/users")
            #expect(try await admin.flash(at: "/app/users").contains("Not saved"))
            #expect(try await account(other, pool: fixture.pool) == nil)

            // Deactivated and renamed at version 1.
            try await admin.submit(page, [("version", "1"), ("name", "Nora V."), ("email", email), ("role", "member")], tokenFrom: page)
            #expect(try await account(email, pool: fixture.pool) == Account(name: "Nora V.", role: "member", active: false, version: 2))
            // The same form again is stale: refused, nothing changes.
            try await admin.submit(page, [("version", "1"), ("name", "Stale"), ("email", email), ("role", "admin"), ("active", "on")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Not saved"))
            #expect(try await account(email, pool: fixture.pool)?.name == "Nora V.")
            // A forged token changes nothing.
            let forged = try await admin.request(
                .post, page, form: [("csrf", "forged"), ("version", "2"), ("name", "Forged"), ("email", email), ("role", "admin"), ("active", "on")])
            #expect(forged.status == .forbidden)
            #expect(try await account(email, pool: fixture.pool) == Account(name: "Nora V.", role: "member", active: false, version: 2))

            // Effective-dated rates: 95.00 billable and 1.234,50 cost (written in French) from 1 January.
            try await admin.submit("\(page)/rates", [("kind", "billable"), ("effective_from", "2026-01-01"), ("rate", "95")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Rate of €95.00 from 2026-01-01 added"))
            admin.cookies["sheaf_lang"] = "fr"
            try await admin.submit("\(page)/rates", [("kind", "cost"), ("effective_from", "2026-01-01"), ("rate", "1 234,50")], tokenFrom: page)
            admin.cookies = [:]
            let stored = try await fixture.pool.query("SELECT kind, rate_scaled FROM user_rates WHERE user_id = \(id) ORDER BY kind") {
                "\(try $0.decode("kind", as: String.self)) \(try $0.decode("rate_scaled", as: Int64.self))"
            }
            #expect(stored == ["billable 950000", "cost 12345000"])
            // A rate with no date is refused; nothing more is stored.
            try await admin.submit("\(page)/rates", [("kind", "cost"), ("effective_from", ""), ("rate", "10")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Not saved"))
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM user_rates WHERE user_id = \(id)").decode("n", as: Int64.self) == 2)

            // A member reads the directory, without the forms.
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let directory = try await member.page("/app/users")
            #expect(directory.contains("Nora V.") && !directory.contains(#"action="/app/users""#))
            #expect(!(try await member.page(page)).contains(#"name="version""#))
        }
    }
}
