import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// Drafting a change request from the console's project page (issue 19 item 3), each
/// attempt checked in the database.
@Suite struct ConsoleChangeDraftTests {
    func changes(of project: ProjectID, pool: PostgresPool) async throws -> [PostgresRow] {
        try await pool.query(
            """
            SELECT number, title, description, status, pricing, estimated_minutes, amount_minor, hourly_rate_scaled, currency
            FROM change_requests WHERE project_id = \(project) ORDER BY number
            """)
    }

    @Test func aLeadDraftsAChangeRequestThenQuotesIt() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newFixedPriceProject()
            let page = "/app/projects/\(project)"
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let form = try await lead.page(page)
            #expect(form.contains(#"action="/app/projects/\#(project)/change-requests""#) && form.contains("Draft a change request"))

            let back = try await lead.submit(
                "\(page)/change-requests",
                [("title", "  Newsletter  "), ("description", "A monthly mailing"), ("estimated_hours", "12.5"), ("pricing", "fixed"),
                 ("amount", "1,500.50"), ("hourly_rate", "")],
                tokenFrom: page)
            #expect(back == page)
            let rows = try await changes(of: project, pool: fixture.pool)
            try #require(rows.count == 1)
            #expect(try rows[0].decode("title", as: String.self) == "Newsletter")
            #expect(try rows[0].decode("description", as: String.self) == "A monthly mailing")
            #expect(try rows[0].decode("status", as: String.self) == "draft")
            #expect(try rows[0].decode("pricing", as: String.self) == "fixed")
            #expect(try rows[0].decode("estimated_minutes", as: Int.self) == 750)
            #expect(try rows[0].decode("amount_minor", as: Int64.self) == 150_050)
            #expect(try rows[0].decode("hourly_rate_scaled", as: Int64?.self) == nil)
            let number = try rows[0].decode("number", as: Int.self)
            #expect(try await lead.flash(at: page).contains("CR-\(number) drafted"))
            let shown = try await lead.page(page)
            #expect(shown.contains("Newsletter") && shown.contains("12:30") && shown.contains("1,500.50"))

            // An hourly one takes its rate, not an amount.
            try await lead.submit(
                "\(page)/change-requests", [("title", "Support"), ("pricing", "hourly"), ("amount", "99"), ("hourly_rate", "95.5")], tokenFrom: page)
            let both = try await changes(of: project, pool: fixture.pool)
            try #require(both.count == 2)
            #expect(try both[1].decode("hourly_rate_scaled", as: Int64.self) == 955_000)
            #expect(try both[1].decode("amount_minor", as: Int64?.self) == nil)

            // The draft, quoted from the same page.
            let id: ChangeRequestID = try await fixture.pool.queryOne(
                "SELECT id FROM change_requests WHERE project_id = \(project) AND number = \(number)"
            ).decode("id")
            try await lead.submit("\(page)/change-requests/\(id)/quote", [], tokenFrom: page)
            let status: String = try await fixture.pool.queryOne("SELECT status FROM change_requests WHERE id = \(id)").decode("status")
            #expect(status == "quoted")
        }
    }

    @Test func badInputAndForgedFormsStoreNothing() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newFixedPriceProject()
            let page = "/app/projects/\(project)"
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let refused: [[(String, String)]] = [
                [("title", ""), ("pricing", "fixed")],
                [("title", "Blog"), ("pricing", "barter")],
                [("title", "Blog"), ("pricing", "fixed"), ("amount", "lots")],
                [("title", "Blog"), ("pricing", "fixed"), ("amount", "-10")],
                [("title", "Blog"), ("pricing", "hourly"), ("hourly_rate", "1.23456")],
                [("title", "Blog"), ("pricing", "fixed"), ("estimated_hours", "-2")],
                [("title", String(repeating: "x", count: 5000)), ("pricing", "fixed")],
            ]
            for form in refused {
                let back = try await lead.submit("\(page)/change-requests", form, tokenFrom: page)
                #expect(back == page)
                #expect(try await lead.flash(at: page).contains("Not saved"), "\(form)")
            }
            #expect(try await changes(of: project, pool: fixture.pool).isEmpty)

            // A forged or missing token: the 403 page, nothing stored.
            let forged = try await lead.request(.post, "\(page)/change-requests", form: [("csrf", "forged"), ("title", "Blog"), ("pricing", "fixed")])
            #expect(forged.status == .forbidden)
            let missing = try await lead.request(.post, "\(page)/change-requests", form: [("title", "Blog"), ("pricing", "fixed")])
            #expect(missing.status == .forbidden)
            // A member of the project may not draft one: the 403 page, nothing stored.
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            #expect(!(try await member.page(page)).contains("Draft a change request"))
            let token = try await member.csrf()
            let denied = try await member.request(.post, "\(page)/change-requests", form: [("csrf", token), ("title", "Blog"), ("pricing", "fixed")])
            #expect(denied.status == .forbidden)
            #expect(try await changes(of: project, pool: fixture.pool).isEmpty)
        }
    }
}
