import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// A change request agreed to in the portal (issue 19 item 5): the page shows what the
/// signed link shows, the decision goes through the same `ClientValidationService`, and
/// the written proof (who, when, how, the comment) is kept and shown. Checked in the database.
@Suite struct ConsolePortalChangeTests {
    func state(of change: ChangeRequestID, pool: PostgresPool) async throws -> (change: String, validation: String, by: UUID?, via: String?, comment: String?) {
        let row = try await pool.queryOne(
            """
            SELECT cr.status AS change_status, v.status AS validation_status, v.decided_by, v.decided_via, v.comment
            FROM change_requests cr JOIN validations v ON v.id = cr.validation_id WHERE cr.id = \(change)
            """)
        return (
            try row.decode("change_status"), try row.decode("validation_status"), try row.decode("decided_by"), try row.decode("decided_via"),
            try row.decode("comment")
        )
    }

    @Test func theClientsContactAgreesToAQuotedChangeAndTheProofIsKept() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let change = try await fixture.newChangeRequest(quoted: true)
            let validation: UUID = try await fixture.pool.queryOne("SELECT validation_id FROM change_requests WHERE id = \(change)").decode("validation_id")
            let digest: String = try await fixture.pool.queryOne("SELECT content_digest FROM validations WHERE id = \(validation)").decode("content_digest")
            var contact = try await ConsoleTestApp.browser(.client, fixture: fixture, client: client)
            let home = try await contact.page("/portal")
            #expect(home.contains("/portal/validations/\(validation.uuidString.lowercased())") && home.contains("Change request"))
            let uri = "/portal/validations/\(validation.uuidString.lowercased())"
            let page = try await contact.page(uri)
            #expect(page.contains("CR-1 — Newsletter") && page.contains("€1,200.00") && page.contains("Fixed price") && page.contains(digest))
            #expect(!page.contains("Decision on record"))

            // Rejecting needs a reason: refused, nothing decided.
            try await contact.submit(uri, [("decision", "reject")], tokenFrom: uri)
            #expect(try await contact.flash(at: uri).contains("flash-error"))
            #expect(try await state(of: change, pool: fixture.pool).change == "quoted")

            try await contact.submit(uri, [("decision", "accept"), ("comment", "Fine for us")], tokenFrom: uri)
            let decided = try await state(of: change, pool: fixture.pool)
            #expect(decided.change == "accepted" && decided.validation == "accepted")
            #expect(decided.by == fixture.world.client.id.uuid && decided.via == "account" && decided.comment == "Fine for us")
            let proof = try await contact.page(uri)
            #expect(proof.contains("Decision on record") && proof.contains(fixture.world.client.name) && proof.contains("Fine for us"))
            #expect(!proof.contains(#"value="accept""#))

            // Decided once: a second decision is refused and changes nothing.
            let again = try await contact.request(.post, uri, form: [("csrf", try await contact.csrf(uri)), ("decision", "reject"), ("comment", "No")])
            #expect(again.status == .seeOther)
            #expect(try await state(of: change, pool: fixture.pool) == decided)
        }
    }
}
