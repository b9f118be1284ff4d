import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import Storage
import TestSupport
import Testing

@Suite struct ValidationAPITests {
    @Test func theLeadAsksTheClientAcceptsThroughTheLinkAndTheEntriesAreClientValidated() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let manager = try await world.token(.manager)
            let created = try await client.requestValidation(world, token: manager)
            #expect(created.link.hasPrefix("/api/v1/validation-links/"))
            #expect(created.body["status"] as? String == "pending")
            #expect(Set(created.body["entry_ids"] as? [String] ?? []) == Set(entries.map(\.description)))
            // The period is from/to (both days included) like every date range (issue 10 item 16).
            #expect(created.body["from"] as? String == "2026-05-18" && created.body["to"] as? String == "2026-05-24")
            #expect(created.body["period_from"] == nil && created.body["period_to"] == nil)

            let page = try await client.getPage(created.linkPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("40.00") && page.text.contains("41.00"))  // Design, and the total with the meeting

            let decided = try await client.postForm(created.linkPath, "decision=accept&name=Cleo+Client&comment=All+good")
            #expect(decided.status == .ok)
            #expect(decided.headers[.contentType] == "text/html; charset=utf-8")
            #expect(decided.text.contains("Hours accepted"))

            for entry in entries {
                #expect(try await world.work.entryState(entry).status == "client_validated")
            }
            let record = try await client.call(.get, "/api/v1/validations/\(created.id)", token: try await world.token(.client)).object()
            #expect(record["status"] as? String == "accepted")
            #expect(record["decision"] as? String == "accept")
            #expect(record["decided_via"] as? String == "link")
            #expect(record["decided_by_name"] as? String == "Cleo Client")
            #expect(record["comment"] as? String == "All good")
            #expect(record["decided_by"] is NSNull)
            #expect((record["client_address"] as? String)?.isEmpty == false)
            #expect(record["link_used_at"] is String)
            #expect(record["link"] == nil)  // the link is shown only once
        }
    }

    @Test func theFetchedContentHashesToItsDigest() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.admin))
            // The content shows what the hours are billed: members, who see no money, cannot read it.
            let path = "/api/v1/validations/\(created.id)"
            #expect(try await client.call(.get, path, token: try await world.token(.member)).status == .notFound)
            let fetched = try await client.call(.get, path, token: try await world.token(.manager)).object()
            let content = try #require(fetched["content"] as? String)
            let digest = try #require(fetched["content_digest"] as? String)
            #expect(SHA256Digest(hashing: Data(content.utf8)).hexString == digest)
            #expect(digest == created.body["content_digest"] as? String)
            // The content is the canonical document of the period, as shown on the page.
            let document = try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any])
            #expect(document["format"] as? String == "sheaf.validation/2")
            #expect((document["total"] as? [String: Any])?["hours"] as? String == "41.00")
            #expect((document["people"] as? [[String: Any]])?.first?["name"] as? String == "Mia Member")
            #expect((document["tasks"] as? [[String: Any]])?.count == 2)
            #expect((document["entries"] as? [[String: Any]])?.count == 6)
            #expect((document["period"] as? [String: Any])?["from"] as? String == "2026-05-18")
        }
    }

    @Test func theClientRejectsLoggedInAndTheEntriesReturnToTheApproversQueue() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let contact = try await world.token(.client)
            let missing = try await client.call(.post, "/api/v1/validations/\(created.id)/decision", token: contact, body: #"{"decision":"reject"}"#)
            expectProblem(missing, .invalidInput)
            #expect(try missing.errorFields() == ["comment"])
            let response = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: contact,
                body: #"{"decision":"reject","comment":"Friday was a holiday"}"#)
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(body["status"] as? String == "rejected")
            #expect(body["decided_via"] as? String == "account")
            #expect(body["decided_by"] as? String == world.work.roles.client.id.description)
            for entry in entries {
                let state = try await world.work.entryState(entry)
                #expect(state.status == "submitted" && state.clientRejectionComment == "Friday was a holiday" && state.validationID == nil)
            }
            let again = try await client.call(.post, "/api/v1/validations/\(created.id)/decision", token: contact, body: #"{"decision":"accept"}"#)
            expectProblem(again, .conflict)
            // The link of a decided request is gone.
            #expect(try await client.call(.get, created.linkPath, token: nil).status == .gone)
        }
    }

    @Test func theAdminRecordsADecisionOnTheClientsBehalfOnlyWithANote() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let admin = try await world.token(.admin)
            let created = try await client.requestValidation(world, token: admin)
            let uri = "/api/v1/validations/\(created.id)/decision"
            let bare = try await client.call(.post, uri, token: admin, body: #"{"decision":"accept"}"#)
            expectProblem(bare, .invalidInput)
            #expect(try bare.errorFields() == ["comment"])
            let noted = try await client.call(.post, uri, token: admin, body: #"{"decision":"accept","comment":"Accepted by phone, 2026-05-26"}"#)
            #expect(noted.status == .ok)
            #expect(try noted.object()["decided_via"] as? String == "on_behalf")
            #expect(try noted.object()["decided_by"] as? String == world.work.roles.admin.id.description)
        }
    }

    @Test func whoMayDoWhatOnValidations() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let create = "/api/v1/projects/\(world.projectID)/validations"
            let week = #"{"from":"2026-05-18","to":"2026-05-24"}"#
            #expect(try await client.call(.post, create, token: try await world.token(.member), body: week).status == .forbidden)
            #expect(try await client.call(.post, create, token: try await world.token(.client), body: week).status == .forbidden)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let decision = "/api/v1/validations/\(created.id)/decision"
            let accept = #"{"decision":"accept","comment":"ok"}"#
            #expect(try await client.call(.post, decision, token: try await world.token(.manager), body: accept).status == .forbidden)
            #expect(try await client.call(.post, decision, token: try await world.token(.member), body: accept).status == .forbidden)

            // A contact of another client learns nothing: 404 everywhere.
            let stranger = try await UserService(pool: world.pool, clock: world.clock, hasher: TestApp.hasher).create(
                NewUser(
                    email: "contact@other.test", name: "Otto Other", role: .client, password: RoleWorld.password,
                    clientID: world.work.roles.otherClientID),
                caller: Caller(user: world.work.roles.admin, sessionID: nil, origin: .commandLine))
            let login = try await AuthService(
                pool: world.pool, clock: world.clock, hasher: TestApp.hasher,
                lifetime: SessionLifetime(idleTimeout: .seconds(3600), absoluteLifetime: .seconds(86_400))
            ).login(email: stranger.email, password: RoleWorld.password, origin: .commandLine, userAgent: "tests")
            #expect(try await client.call(.get, "/api/v1/validations/\(created.id)", token: login.token).status == .notFound)
            #expect(try await client.call(.post, decision, token: login.token, body: accept).status == .notFound)
            #expect(try await client.call(.post, create, token: login.token, body: week).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/validations/\(UUID())", token: try await world.token(.admin)).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/validations/not-a-uuid", token: try await world.token(.admin)).status == .notFound)
        }
    }

    @Test func badRequestsAreRefusedWithClearProblemsAndCreateNothing() async throws {
        try await withValidationApp { world, client in
            let admin = try await world.token(.admin)
            let create = "/api/v1/projects/\(world.projectID)/validations"
            let empty = try await client.call(.post, create, token: admin, body: #"{"from":"2026-05-18","to":"2026-05-24"}"#)
            #expect(empty.status == .conflict)  // nothing approved yet
            try await world.insertApprovedWeek()
            let cases: [(String, [String])] = [
                (#"{"from":"2026-05-24","to":"2026-05-18"}"#, ["to"]),
                (#"{"from":"2026-02-30","to":"2026-05-18"}"#, ["from"]),
                (#"{"to":"2026-05-18"}"#, ["from"]),
                (#"{"from":"2026-05-18","to":"2026-05-24","expires_in_hours":0}"#, ["expires_in_hours"]),
                (#"{"from":"2026-05-18","to":"2026-05-24","expires_in_hours":721}"#, ["expires_in_hours"]),
                (#"{"from":"2026-05-18","to":"2026-05-24","expires_in_hours":1.5}"#, ["expires_in_hours"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, create, token: admin, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await client.call(.post, create, token: admin, body: "{").status == .badRequest)
            #expect(try await client.call(.post, "/api/v1/projects/\(UUID())/validations", token: admin, body: #"{"from":"2026-05-18","to":"2026-05-24"}"#).status == .notFound)
            try await world.pool.execute("UPDATE projects SET requires_client_validation = false WHERE id = \(world.projectID)")
            #expect(try await client.call(.post, create, token: admin, body: #"{"from":"2026-05-18","to":"2026-05-24"}"#).status == .conflict)
            #expect(try await world.pool.queryOne("SELECT count(*) AS n FROM validations").decode("n", as: Int.self) == 0)
        }
    }

    @Test func linksStartWithThePublicURLAndTheAnswerIsNotCached() async throws {
        try await withValidationApp(configure: { $0.publicURL = "https://sheaf.example.com" }) { world, client in
            try await world.insertApprovedWeek()
            let response = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.admin),
                body: #"{"from":"2026-05-18","to":"2026-05-24","expires_in_hours":2}"#)
            #expect(response.status == .created)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try response.object()
            #expect((body["link"] as? String)?.hasPrefix("https://sheaf.example.com/api/v1/validation-links/") == true)
            #expect(response.headers[.location] == "/api/v1/validations/\(body["id"] as? String ?? "")")
            let expires = try #require((body["link_expires_at"] as? String).flatMap(Timestamp.parse))
            #expect(expires == world.clock.now().addingTimeInterval(7200))
        }
    }
}
