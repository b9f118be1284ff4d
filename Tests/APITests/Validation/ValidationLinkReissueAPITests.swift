import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// `POST /validations/{id}/link`: a delivered milestone whose link expired gets a new
/// one; the old link stops working; a decided request gets none.
@Suite struct ValidationLinkReissueAPITests {
    @Test func anExpiredLinkIsReplacedAndTheOldOneStopsWorking() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let id = try #require(try await client.createMilestone(project: project, token: manager, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let delivered = try await client.call(.post, "/api/v1/milestones/\(id)/deliver", token: manager, body: #"{"expires_in_hours":1}"#).object()
            let first = linkPath(try #require(delivered["link"] as? String))
            let validation = try #require((delivered["validation"] as? [String: Any])?["id"] as? String)
            world.clock.advance(by: .seconds(2 * 3600))
            #expect(try await client.getPage(first).status == .gone)
            // Sessions went idle meanwhile: sign in again.
            let lead = try await world.token(.manager)

            // Bad input changes nothing; members and contacts may not ask for a link.
            let uri = "/api/v1/validations/\(validation)/link"
            #expect(try await client.call(.post, uri, token: lead, body: #"{"expires_in_hours":0}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, uri, token: lead, body: #"{"hours":1}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, uri, token: try await world.token(.member)).status == .forbidden)
            #expect(try await client.call(.post, uri, token: try await world.token(.client)).status == .forbidden)

            let reissued = try await client.call(.post, uri, token: lead, body: #"{"expires_in_hours":48}"#)
            #expect(reissued.status == .ok, "\(reissued.text)")
            #expect(reissued.headers[.cacheControl] == "no-store")
            let second = linkPath(try #require(try reissued.object()["link"] as? String))
            #expect(second != first)
            // The old link is unknown now (404), the new one shows the page and works once.
            #expect(try await client.getPage(first).status == .notFound)
            #expect(try await client.getPage(second).status == .ok)
            let decided = try await client.postForm(second, "decision=accept&name=Cleo+Client")
            #expect(decided.status == .ok, "\(decided.text)")
            let milestone = try await client.call(.get, "/api/v1/milestones/\(id)", token: lead).object()
            #expect(milestone["status"] as? String == "accepted")

            // Decided: no new link.
            let late = try await client.call(.post, uri, token: lead)
            expectProblem(late, .conflict)
            let actions = try await world.pool.query(
                "SELECT action FROM audit_events WHERE subject_id = \(validation) ORDER BY id") { try $0.decode("action", as: String.self) }
            #expect(actions == ["validation.requested", "validation.link_reissued", "validation.accepted"])
        }
    }
}
