import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct MilestoneAPITests {
    @Test func percentagesOf30_40_30FitAndAFourthIsRefusedWithTheCurrentSum() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            var ids: [String] = []
            for (name, percent) in [("Design", "30"), ("Build", "40"), ("Launch", "30")] {
                let body = try await client.createMilestone(project: project, token: manager, #"{"name":"\#(name)","percentage":"\#(percent)"}"#)
                ids.append(try #require(body["id"] as? String))
            }
            let first = try await client.call(.get, "/api/v1/milestones/\(ids[0])", token: manager).object()
            #expect(first.money("amount")?.amountMinor == 300_000)
            #expect(first["percentage"] as? String == "30.00")

            let fourth = try await client.call(
                .post, "/api/v1/projects/\(project)/milestones", token: manager, body: #"{"name":"Extra","percentage":"10"}"#)
            expectProblem(fourth, .invalidInput)
            #expect(fourth.text.contains("already total 100.00 %"))
            #expect(try await world.pool.queryOne("SELECT count(*)::integer AS n FROM milestones WHERE project_id = \(project)").decode("n", as: Int.self) == 3)

            // On update, the edited milestone is left out of the sum.
            let grown = try await client.call(.patch, "/api/v1/milestones/\(ids[1])", token: manager, body: #"{"percentage":"50"}"#, ifMatch: "\"1\"")
            expectProblem(grown, .invalidInput)
            #expect(grown.text.contains("already total 60.00 %; adding 50.00 % would exceed 100 %"))
            let same = try await client.call(.patch, "/api/v1/milestones/\(ids[1])", token: manager, body: #"{"percentage":"40","name":"Build it"}"#, ifMatch: "\"1\"")
            #expect(same.status == .ok, "\(same.text)")
        }
    }

    @Test func aPercentageNeedsTheContractAmountAndAFixedAmountDoesNot() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject(contractMinor: nil)
            let admin = try await world.token(.admin)
            let refused = try await client.call(.post, "/api/v1/projects/\(project)/milestones", token: admin, body: #"{"name":"Design","percentage":"30"}"#)
            expectProblem(refused, .invalidInput)
            #expect(try refused.errorFields() == ["percentage"])
            let both = try await client.call(
                .post, "/api/v1/projects/\(project)/milestones", token: admin,
                body: #"{"name":"Design","percentage":"30","amount":{"amount_minor":100}}"#)
            expectProblem(both, .invalidInput)
            let fixed = try await client.createMilestone(project: project, token: admin, #"{"name":"Design","amount":{"amount_minor":250000,"currency":"EUR"},"due_date":"2026-07-01","acceptance_criteria":"Mock-ups signed off"}"#)
            #expect(fixed.money("amount")?.amountMinor == 250_000)
            #expect(fixed["percentage"] is NSNull)
            #expect(fixed["status"] as? String == "planned")
            #expect(fixed["billable"] as? Bool == false)
        }
    }

    @Test func patchNeedsIfMatchAndTheCurrentVersion() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let id = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let missing = try await client.call(.patch, "/api/v1/milestones/\(id)", token: admin, body: #"{"name":"X"}"#)
            #expect(missing.status == .preconditionRequired)
            let stale = try await client.call(.patch, "/api/v1/milestones/\(id)", token: admin, body: #"{"name":"X"}"#, ifMatch: "\"7\"")
            expectProblem(stale, .versionMismatch)
            #expect(try await client.milestoneState(id, pool: world.pool).version == 1)
            let ok = try await client.call(.patch, "/api/v1/milestones/\(id)", token: admin, body: #"{"name":"Design system"}"#, ifMatch: "\"1\"")
            #expect(ok.status == .ok)
            #expect(ok.headers[.eTag] == "\"2\"")
            let deleted = try await client.call(.delete, "/api/v1/milestones/\(id)", token: admin, ifMatch: "\"2\"")
            #expect(deleted.status == .noContent)
        }
    }

    @Test func aRetriedCreateWithTheSameIdempotencyKeyCreatesOneMilestone() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            var ids: [String] = []
            for _ in 0..<2 {
                let response = try await client.execute(
                    uri: "/api/v1/projects/\(project)/milestones", method: .post,
                    headers: [.authorization: "Bearer \(admin)", .contentType: "application/json", HTTPField.Name("Idempotency-Key")!: "ms-create-1"],
                    body: ByteBuffer(string: #"{"name":"Design","percentage":"30"}"#))
                #expect(response.status == .created)
                ids.append(try #require(try response.object()["id"] as? String))
            }
            #expect(ids[0] == ids[1])
            #expect(try await world.pool.queryOne("SELECT count(*)::integer AS n FROM milestones WHERE project_id = \(project)").decode("n", as: Int.self) == 1)
        }
    }

    @Test func theLeadDeliversAndTheClientAcceptsLoggedInWithADigestOfTheContent() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let id = try #require(try await client.createMilestone(project: project, token: manager, #"{"name":"Design","percentage":"30","acceptance_criteria":"Mock-ups for 5 pages"}"#)["id"] as? String)
            let delivered = try await client.deliverMilestone(id, token: manager)
            #expect(delivered["status"] as? String == "delivered")
            let link = try #require(delivered["link"] as? String)
            #expect(link.hasPrefix("/api/v1/validation-links/"))
            let validation = try #require(delivered["validation"] as? [String: Any])
            #expect(validation["kind"] as? String == "milestone")
            let content = try #require(validation["content"] as? String)
            #expect(SHA256Digest(hashing: Data(content.utf8)).hexString == validation["content_digest"] as? String)
            #expect(content.contains("Mock-ups for 5 pages") && content.contains("3000.00"))

            let contact = try await world.token(.client)
            let accepted = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: contact)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let body = try accepted.object()
            #expect(body["status"] as? String == "accepted")
            #expect(body["billable"] as? Bool == true)
            let record = try #require(body["validation"] as? [String: Any])
            #expect(record["status"] as? String == "accepted")
            #expect(record["decided_via"] as? String == "account")
            #expect(record["decided_by"] as? String == world.work.roles.client.id.description)
            #expect((record["client_address"] as? String)?.isEmpty == false)

            let fetched = try await client.call(.get, "/api/v1/validations/\(try #require(validation["id"] as? String))", token: contact).object()
            #expect(fetched["decision"] as? String == "accept")
            let billable = try await client.call(.get, "/api/v1/projects/\(project)/milestones?status=accepted", token: manager).items()
            #expect(billable.map { $0["id"] as? String } == [id])
            #expect(billable.first?.money("amount")?.amountMinor == 300_000)
            let actions = try await world.pool.query(
                "SELECT action FROM audit_events WHERE subject_id = \(id) ORDER BY id") { try $0.decode("action", as: String.self) }
            #expect(actions == ["milestone.created", "milestone.delivered", "milestone.accepted"])
        }
    }

    @Test func theClientAcceptsThroughTheSignedLinkOnceAndTheLinkThenIsGone() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let id = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let path = linkPath(try #require(try await client.deliverMilestone(id, token: admin)["link"] as? String))
            let page = try await client.getPage(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Accept this milestone") && page.text.contains("Reject it") && page.text.contains("€3,000.00")
                && page.text.contains("Amount (excl. VAT)") && page.text.contains("Prices exclude VAT"))
            let decided = try await client.postForm(path, "decision=accept&name=Cleo+Client")
            #expect(decided.status == .ok)
            #expect(decided.text.contains("Milestone accepted"))
            #expect(try await client.milestoneState(id, pool: world.pool).status == "accepted")
            let again = try await client.postForm(path, "decision=accept&name=Cleo+Client")
            #expect(again.status == .gone)
            let record = try await world.pool.queryOne(
                "SELECT v.decided_via, v.content, v.content_digest FROM validations v JOIN milestones m ON m.validation_id = v.id WHERE m.id = \(UUID(uuidString: id)!)")
            #expect(try record.decode("decided_via", as: String.self) == "link")
            #expect(SHA256Digest(hashing: Data(try record.decode("content", as: String.self).utf8)).hexString == (try record.decode("content_digest", as: String.self)))
        }
    }

    /// One vocabulary (issue 10 item 16): the page's reject button posts `decision=reject`
    /// (it posted `dispute`), and the old word is refused like any unknown decision.
    @Test func theMilestonePageRejectsWithDecisionRejectAndRefusesTheOldWord() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let id = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let path = linkPath(try #require(try await client.deliverMilestone(id, token: admin)["link"] as? String))
            let page = try await client.getPage(path)
            #expect(page.text.contains(#"<button type="submit" name="decision" value="reject">Reject it</button>"#))
            #expect(!page.text.contains("dispute"))
            let old = try await client.postForm(path, "decision=dispute&name=Cleo+Client&comment=Pages+missing")
            #expect(old.status == .unprocessableContent)
            #expect(old.text.contains("Choose Accept or Reject."))
            #expect(try await client.milestoneState(id, pool: world.pool).status == "delivered")
            let rejected = try await client.postForm(path, "decision=reject&name=Cleo+Client&comment=Pages+missing")
            #expect(rejected.status == .ok, "\(rejected.text)")
            #expect(rejected.text.contains("Milestone rejected"))
            #expect(try await client.milestoneState(id, pool: world.pool).status == "rejected")
            let record = try await world.pool.queryOne(
                "SELECT v.status, v.decision FROM validations v JOIN milestones m ON m.validation_id = v.id WHERE m.id = \(UUID(uuidString: id)!)")
            #expect(try record.decode("status", as: String.self) == "rejected")
            #expect(try record.decode("decision", as: String.self) == "reject")
        }
    }

    @Test func aRejectionNeedsACommentAndTheMilestoneCanBeDeliveredAgain() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let contact = try await world.token(.client)
            let id = try #require(try await client.createMilestone(project: project, token: manager, #"{"name":"Build","percentage":"40"}"#)["id"] as? String)
            let firstValidation = try #require((try await client.deliverMilestone(id, token: manager)["validation"] as? [String: Any])?["id"] as? String)
            let bare = try await client.call(.post, "/api/v1/milestones/\(id)/reject", token: contact)
            expectProblem(bare, .invalidInput)
            #expect(try bare.errorFields() == ["comment"])
            #expect(try await client.milestoneState(id, pool: world.pool).status == "delivered")
            let rejected = try await client.call(.post, "/api/v1/milestones/\(id)/reject", token: contact, body: #"{"comment":"The checkout is missing"}"#)
            #expect(rejected.status == .ok)
            #expect(try rejected.object()["status"] as? String == "rejected")
            #expect(try rejected.object()["decision_comment"] as? String == "The checkout is missing")

            let again = try await client.deliverMilestone(id, token: manager)
            #expect(again["status"] as? String == "delivered")
            #expect((again["validation"] as? [String: Any])?["id"] as? String != firstValidation)
            let accepted = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: contact)
            #expect(try accepted.object()["status"] as? String == "accepted")
        }
    }

    @Test func theAdminDecidesOnlyOnBehalfWithAComment() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let id = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Launch","percentage":"30"}"#)["id"] as? String)
            _ = try await client.deliverMilestone(id, token: admin)
            let bare = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: admin)
            expectProblem(bare, .invalidInput)
            #expect(try bare.errorFields() == ["comment"])
            let manager = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: try await world.token(.manager), body: #"{"comment":"ok"}"#)
            #expect(manager.status == .forbidden)
            let onBehalf = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: admin, body: #"{"comment":"Accepted by phone"}"#)
            #expect(onBehalf.status == .ok)
            #expect((try onBehalf.object()["validation"] as? [String: Any])?["decided_via"] as? String == "on_behalf")
        }
    }

    @Test func everyIllegalTransitionIsA409AndChangesNothing() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let contact = try await world.token(.client)
            let id = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            func expectConflict(_ method: HTTPRequest.Method, _ action: String, token: String, body: String? = nil, ifMatch: String? = nil) async throws {
                let before = try await client.milestoneState(id, pool: world.pool)
                let response = try await client.call(method, "/api/v1/milestones/\(id)\(action)", token: token, body: body, ifMatch: ifMatch)
                expectProblem(response, .conflict, "\(method) \(action) in \(before.status): \(response.text)")
                #expect(try await client.milestoneState(id, pool: world.pool) == before)
            }
            // planned
            try await expectConflict(.post, "/accept", token: contact)
            try await expectConflict(.post, "/reject", token: contact, body: #"{"comment":"no"}"#)
            // delivered
            _ = try await client.deliverMilestone(id, token: admin)
            try await expectConflict(.post, "/deliver", token: admin)
            try await expectConflict(.patch, "", token: admin, body: #"{"name":"X"}"#, ifMatch: "\"2\"")
            try await expectConflict(.delete, "", token: admin, ifMatch: "\"2\"")
            // accepted
            _ = try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: contact)
            #expect(try await client.milestoneState(id, pool: world.pool).status == "accepted")
            try await expectConflict(.post, "/deliver", token: admin)
            try await expectConflict(.post, "/accept", token: contact)
            try await expectConflict(.post, "/reject", token: contact, body: #"{"comment":"no"}"#)
            try await expectConflict(.patch, "", token: admin, body: #"{"name":"X"}"#, ifMatch: "\"3\"")
            try await expectConflict(.delete, "", token: admin, ifMatch: "\"3\"")
            // rejected
            let second = try #require(try await client.createMilestone(project: project, token: admin, #"{"name":"Build","percentage":"40"}"#)["id"] as? String)
            _ = try await client.deliverMilestone(second, token: admin)
            _ = try await client.call(.post, "/api/v1/milestones/\(second)/reject", token: contact, body: #"{"comment":"Broken"}"#)
            for (action, body) in [("/accept", nil), ("/reject", #"{"comment":"again"}"#)] as [(String, String?)] {
                let response = try await client.call(.post, "/api/v1/milestones/\(second)\(action)", token: contact, body: body)
                expectProblem(response, .conflict)
            }
            #expect(try await client.milestoneState(second, pool: world.pool).status == "rejected")
        }
    }

    @Test func anotherClientsContactAndAnotherTeamsManagerCannotSeeIt() async throws {
        try await withValidationApp { world, client in
            let admin = try await world.token(.admin)
            let foreign = try await world.newFixedPriceProject(client: world.work.roles.otherClientID)
            let id = try #require(try await client.createMilestone(project: foreign, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            _ = try await client.deliverMilestone(id, token: admin)
            let contact = try await world.token(.client)
            #expect(try await client.call(.get, "/api/v1/milestones/\(id)", token: contact).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: contact).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/projects/\(foreign)/milestones", token: contact).status == .notFound)

            let outsider = try await world.outsiderManagerToken()
            #expect(try await client.call(.get, "/api/v1/milestones/\(id)", token: outsider).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/milestones/\(id)/deliver", token: outsider).status == .notFound)
            let create = try await client.call(.post, "/api/v1/projects/\(foreign)/milestones", token: outsider, body: #"{"name":"X","percentage":"1"}"#)
            #expect(create.status == .notFound)
            // A member of the project sees the milestone, without money.
            let own = try await world.newFixedPriceProject()
            let mine = try #require(try await client.createMilestone(project: own, token: admin, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let seen = try await client.call(.get, "/api/v1/milestones/\(mine)", token: try await world.token(.member)).object()
            #expect(seen["amount"] is NSNull)
        }
    }

    @Test func theLinkPageEscapesTheMilestonesContent() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let admin = try await world.token(.admin)
            let id = try #require(
                try await client.createMilestone(
                    project: project, token: admin,
                    #"{"name":"<script>alert(1)</script>","amount":{"amount_minor":5000},"acceptance_criteria":"<b>bold</b> & \"quoted\""}"#)["id"] as? String)
            let path = linkPath(try #require(try await client.deliverMilestone(id, token: admin)["link"] as? String))
            let page = try await client.getPage(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>") && page.text.contains("&lt;script&gt;"))
            #expect(!page.text.contains("<b>bold</b>") && page.text.contains("&lt;b&gt;bold&lt;/b&gt;"))
            let missingName = try await client.postForm(path, "decision=reject&comment=")
            #expect(missingName.status == .unprocessableContent)
            #expect(missingName.text.contains("role=\"alert\""))
        }
    }
}
