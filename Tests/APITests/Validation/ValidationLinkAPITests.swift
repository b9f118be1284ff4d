import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ValidationLinkAPITests {
    @Test func thePageShowsTheFiguresOfTheExactContentAndIsLockedDown() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            try await world.pool.execute("UPDATE agency_settings SET legal_name = 'Studio Nord SARL'")
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let page = try await client.execute(uri: created.linkPath, method: .get)  // no Accept: still the page
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            let html = page.text
            for expected in [
                #"<html lang="en">"#, "Studio Nord SARL", "Website relaunch", "2026-05-18", "2026-05-24", "Design", "Internal meeting",
                "Mia Member", ">40.00<", ">1.00<", ">41.00<", #"<form method="post" id="decision-form">"#, #"<label for="name">"#, #"<label for="comment">"#,
                #"<textarea id="comment" name="comment""#, #"value="accept""#, #"value="reject""#, "<h1>", "<h2",
                try #require(created.body["content_digest"] as? String),
            ] {
                #expect(html.contains(expected), "the page lacks \(expected)")
            }
            // One vocabulary: the form posts accept or reject, never the old "dispute".
            #expect(html.contains("Reject these hours") && !html.contains(#"value="dispute""#))
            #expect(!html.lowercased().contains("<script"))
            // Showing the page does not use the link up.
            #expect(try await client.getPage(created.linkPath).status == .ok)
        }
    }

    @Test func namesAreHTMLEscapedOnThePage() async throws {
        try await withValidationApp { world, client in
            try await world.pool.execute(
                "UPDATE projects SET name = '<script>alert(1)</script>' WHERE id = \(world.projectID)")
            try await world.pool.execute(
                #"UPDATE tasks SET name = 'Design "&" <b>' WHERE id = \#(world.work.billableTaskID)"#)
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.admin))
            let html = try await client.getPage(created.linkPath).text
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Design &quot;&amp;&quot; &lt;b&gt;"))
        }
    }

    @Test func theFormDecidesOnceAndTheLinkIsThenGone() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            // A rejection without a comment shows the form again, with what was typed.
            let incomplete = try await client.postForm(created.linkPath, "decision=reject&name=Cleo%20Client&comment=")
            #expect(incomplete.status == .unprocessableContent)
            #expect(incomplete.text.contains(#"role="alert""#))
            #expect(incomplete.text.contains("Say why the client rejects the timesheet."))
            #expect(incomplete.text.contains(#"value="Cleo Client""#))
            #expect(try await world.work.entryState(entries[0]).status == "approved")

            let rejected = try await client.postForm(created.linkPath, "decision=reject&name=Cleo&comment=Wednesday%27s+meeting+%3C1h%3E")
            #expect(rejected.status == .ok)
            #expect(rejected.text.contains("Hours rejected") && !rejected.text.contains("disputed"))
            #expect(try await world.work.entryState(entries[0]).clientRejectionComment == "Wednesday's meeting <1h>")

            let reused = try await client.postForm(created.linkPath, "decision=accept&name=Cleo")
            #expect(reused.status == .gone)
            #expect(reused.headers[.contentType] == "text/html; charset=utf-8")
            #expect(reused.text.contains("already been used"))
            let reusedJSON = try await client.call(.post, created.linkPath, token: nil, body: #"{"decision":"accept","name":"Cleo"}"#)
            #expect(reusedJSON.status == .gone)
            #expect(reusedJSON.isProblem)
            #expect(try reusedJSON.object()["instance"] as? String == "/api/v1/validation-links/{token}")
            #expect(try await client.call(.get, created.linkPath, token: nil).status == .gone)
        }
    }

    @Test func aJSONDecisionThroughTheLinkAnswersJSON() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let nameless = try await client.call(.post, created.linkPath, token: nil, body: #"{"decision":"accept"}"#)
            expectProblem(nameless, .invalidInput)
            #expect(try nameless.errorFields() == ["name"])
            let bad = try await client.call(.post, created.linkPath, token: nil, body: #"{"decision":"maybe","name":"C"}"#)
            expectProblem(bad, .invalidInput)
            let text = try await client.execute(
                uri: created.linkPath, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "accept"))
            #expect(text.status == .unsupportedMediaType)
            #expect(text.isProblem)
            let response = try await client.call(.post, created.linkPath, token: nil, body: #"{"decision":"accept","name":"Cleo Client"}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try response.object()["decided_via"] as? String == "link")
        }
    }

    @Test func anExpiredLinkIsGone() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager), hours: 1)
            world.clock.advance(by: .seconds(3600))
            let json = try await client.call(.get, created.linkPath, token: nil)
            #expect(json.status == .gone)
            #expect(json.isProblem)
            #expect((try json.object()["detail"] as? String)?.contains("expired") == true)
            let page = try await client.getPage(created.linkPath)
            #expect(page.status == .gone)
            #expect(page.text.contains("This link no longer works"))
            #expect(try await client.postForm(created.linkPath, "decision=accept&name=Cleo").status == .gone)
            // The contact can still decide logged in: only the link expired.
            let decided = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: try await world.token(.client), body: #"{"decision":"accept"}"#)
            #expect(decided.status == .ok)
        }
    }

    @Test func aTamperedLinkIsNotFound() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            for offset in [0, 20, 60, -1] {
                let uri = "/api/v1/validation-links/\(tampered(created.token, at: offset))"
                let json = try await client.call(.get, uri, token: nil)
                #expect(json.status == .notFound, "offset \(offset)")
                #expect(json.isProblem)
                #expect(try await client.postForm(uri, "decision=accept&name=Mallory").status == .notFound)
            }
            let page = try await client.getPage("/api/v1/validation-links/\(tampered(created.token, at: 5))")
            #expect(page.status == .notFound)
            #expect(page.text.contains("This link is not valid"))
            for junk in ["x", String(repeating: "A", count: 107), "abc-_"] {
                #expect(try await client.call(.get, "/api/v1/validation-links/\(junk)", token: nil).status == .notFound)
            }
            // The genuine link still works.
            #expect(try await client.getPage(created.linkPath).status == .ok)
        }
    }
}
