import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The console's workflows through its pages and forms, checked in the database: a
/// week logged, edited and submitted; approved and sent back with a reason; an invoice
/// drafted, issued and paid; a timesheet validated in the portal; and the guards
/// (CSRF, 403 and 404 pages, languages).
@Suite struct ConsoleFlowTests {
    @Test func signingInSetsTheSessionCookieAndSigningOutRevokesIt() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var browser = ConsoleBrowser(client: client, session: nil)
            let login = try await browser.page("/app/login")
            let token = try #require(ConsoleBrowser.csrf(in: login))
            #expect(login.contains(#"<label for="email">"#))
            // A wrong password: back to the form with the reason, no session.
            var response = try await browser.request(
                .post, "/app/login", form: [("csrf", token), ("email", fixture.world.member.email), ("password", "wrong")])
            #expect(response.status == .seeOther && response.headers[.location] == "/app/login")
            #expect(browser.session == nil)
            #expect(try await browser.flash(at: "/app/login").contains("not right"))
            // Without the form's token (another site posting the form): refused.
            response = try await browser.request(
                .post, "/app/login", form: [("csrf", "forged"), ("email", fixture.world.member.email), ("password", RoleWorld.password)])
            #expect(response.status == .forbidden)
            let fresh = try #require(ConsoleBrowser.csrf(in: try await browser.page("/app/login")))
            response = try await browser.request(
                .post, "/app/login", form: [("csrf", fresh), ("email", fixture.world.member.email), ("password", RoleWorld.password)])
            #expect(response.status == .seeOther && response.headers[.location] == "/app/week")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("sheaf_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
            let session = try #require(browser.session)
            let week = try await browser.page("/app/week")
            #expect(week.contains("Mia Member"))
            try await browser.submit("/app/logout", [], tokenFrom: "/app/week")
            #expect(browser.session == nil)
            // The old cookie no longer works.
            var stale = ConsoleBrowser(client: client, session: session)
            let after = try await stale.request(.get, "/app/week")
            #expect(after.status == .seeOther && after.headers[.location] == "/app/login")
        }
    }

    @Test func pagesCarryAStrictPolicyAndNoScript() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var browser = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let response = try await browser.request(.get, "/app/week")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("style-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!response.text.contains("<script"))
            #expect(!response.text.contains("style=\""))
            let css = try await browser.request(.get, "/app/assets/console.css")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains(":focus-visible"))
        }
    }

    @Test func aFormWithoutItsTokenIsRefusedAndChangesNothing() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let created = try await fixture.newTimeEntry(for: .member)
            let task = try await fixture.task(of: created.project)
            var browser = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let cell = ("h.\(created.project).\(task).2026-04-08", "2:00")
            for form in [[("week", "2026-04-06"), cell], [("csrf", "forged"), ("week", "2026-04-06"), cell]] {
                let response = try await browser.request(.post, "/app/week", form: form)
                #expect(response.status == .forbidden)
                #expect(response.text.contains("<h1>Not allowed</h1>"))
            }
            // Another session's token does not work either.
            var other = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let foreign = try await other.csrf("/app/week")
            #expect(try await browser.request(.post, "/app/week", form: [("csrf", foreign), ("week", "2026-04-06"), cell]).status == .forbidden)
            let count: Int = try await fixture.pool.queryOne(
                "SELECT count(*)::int AS n FROM time_entries WHERE project_id = \(created.project)"
            ).decode("n")
            #expect(count == 1)
        }
    }

    @Test func aMemberGetsTheForbiddenPageOnAdminPagesAndAContactTheNotFoundPageForAnotherClient() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            for uri in ["/app/billable", "/app/approvals", "/app/invoices"] {
                let html = try await member.page(uri, .forbidden)
                #expect(html.contains("<h1>Not allowed</h1>"), "\(uri)")
                #expect(html.contains(">My week</a>"), "\(uri): the page keeps the member's navigation")
            }
            let other = try await fixture.newProject(client: fixture.world.otherClientID)
            var contact = try await ConsoleTestApp.browser(.client, fixture: fixture, client: client)
            #expect(try await contact.page("/portal/projects/\(other)", .notFound).contains("<h1>Page not found</h1>"))
            #expect(try await contact.page("/portal/projects/not-an-id", .notFound).contains("Page not found"))
            #expect(try await contact.page("/app/week", .forbidden).contains("Not allowed"))
            #expect(try await contact.page("/portal/nothing/here", .notFound).contains("Page not found"))
            var anonymous = ConsoleBrowser(client: client, session: nil)
            #expect(try await anonymous.page("/app/no-such-page", .notFound).contains("Page not found"))
        }
    }

    @Test func theLanguageIsThePersonsChoiceElseTheBrowsers() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var browser = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let french = try await browser.request(.get, "/app/week", headers: [.acceptLanguage: "fr-BE,fr;q=0.9,en;q=0.5"])
            #expect(french.text.contains(#"<html lang="fr">"#) && french.text.contains("Ma semaine"))
            try await browser.submit("/app/settings", [("language", "de")])
            let german = try await browser.request(.get, "/app/week", headers: [.acceptLanguage: "fr"])
            #expect(german.text.contains(#"<html lang="de">"#) && german.text.contains("Meine Woche"))
            // The choice holds on error pages too; without it, Dutch from the browser.
            let refused = try await browser.request(.get, "/app/billable", headers: [.acceptLanguage: "nl"])
            #expect(refused.status == .forbidden && refused.text.contains("Nicht erlaubt"))
            var other = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let dutch = try await other.request(.get, "/app/billable", headers: [.acceptLanguage: "nl"])
            #expect(dutch.text.contains(#"<html lang="nl">"#) && dutch.text.contains("Geen toegang"))
        }
    }
}
