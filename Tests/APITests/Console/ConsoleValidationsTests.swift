import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// A project's validation requests for its lead (issue 19 item 3): asked, listed and
/// given a new link through the console's forms, each checked in the database; the
/// signed link is shown once, in the message after the form.
@Suite struct ConsoleValidationsTests {
    func requests(of project: ProjectID, pool: PostgresPool) async throws -> [(status: String, nonce: Data?)] {
        try await pool.query("SELECT status, link_nonce_hash FROM validations WHERE project_id = \(project) ORDER BY requested_at") {
            (try $0.decode("status", as: String.self), try $0.decode("link_nonce_hash", as: Data?.self))
        }
    }

    @Test func aLeadAsksTheClientToValidateAWeekAndSendsANewLink() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newValidationProject()
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let uri = "/app/projects/\(project)/validations"
            #expect(try await lead.page(uri).contains("No validation request yet."))
            #expect(try await lead.page("/app/projects/\(project)").contains(#"href="\#(uri)""#))

            try await lead.submit(uri, [("from", "2026-05-18"), ("to", "2026-05-24")], tokenFrom: uri)
            let message = try await lead.flash(at: uri)
            #expect(message.contains("/api/v1/validation-links/"))
            let first = try await requests(of: project, pool: fixture.pool)
            #expect(first.map(\.status) == ["pending"])
            let page = try await lead.page(uri)
            #expect(page.contains("2026-05-18 – 2026-05-24") && page.contains("waiting for the client"))
            // The link is shown once: the list never carries it.
            #expect(!page.contains("/api/v1/validation-links/"))

            // The same week again: nothing is left to validate (409), shown as the reason.
            try await lead.submit(uri, [("from", "2026-05-18"), ("to", "2026-05-24")], tokenFrom: uri)
            #expect(try await lead.flash(at: uri).contains("flash-error"))
            #expect(try await requests(of: project, pool: fixture.pool).count == 1)

            // A new link replaces the old one.
            let id: UUID = try await fixture.pool.queryOne("SELECT id FROM validations WHERE project_id = \(project)").decode("id")
            try await lead.submit("\(uri)/\(id.uuidString.lowercased())/link", [], tokenFrom: uri)
            #expect(try await lead.flash(at: uri).contains("/api/v1/validation-links/"))
            let second = try await requests(of: project, pool: fixture.pool)
            #expect(second.map(\.status) == ["pending"] && second.first?.nonce != first.first?.nonce)

            // Another project's request under this path: the 404 page, and its link stays.
            let other = try await fixture.newValidation().record
            let before: Data = try await fixture.pool.queryOne("SELECT link_nonce_hash FROM validations WHERE id = \(other.id)").decode("link_nonce_hash")
            let response = try await lead.request(.post, "\(uri)/\(other.id)/link", form: [("csrf", try await lead.csrf(uri))])
            #expect(response.status == .notFound)
            #expect(try await fixture.pool.queryOne("SELECT link_nonce_hash FROM validations WHERE id = \(other.id)").decode("link_nonce_hash", as: Data.self) == before)
        }
    }
}
