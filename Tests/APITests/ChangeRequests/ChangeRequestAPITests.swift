import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

extension TestClientProtocol {
    /// Drafts a change request on `project` as `token`'s user and expects 201.
    @discardableResult
    func createChangeRequest(project: ProjectID, token: String, _ json: String) async throws -> [String: Any] {
        let response = try await call(.post, "/api/v1/projects/\(project)/change-requests", token: token, body: json)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try response.object()
    }

    /// Quotes a change request and expects 200.
    func quoteChangeRequest(_ id: String, token: String) async throws -> [String: Any] {
        let response = try await call(.post, "/api/v1/change-requests/\(id)/quote", token: token)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.object()
    }
}

@Suite struct ChangeRequestAPITests {
    @Test func draftsAreNumberedEditableAndFrozenOnceQuoted() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let first = try await client.createChangeRequest(
                project: world.projectID, token: manager, #"{"title":"Newsletter","pricing":"fixed","amount":{"amount_minor":120000}}"#)
            let second = try await client.createChangeRequest(
                project: world.projectID, token: manager, #"{"title":"Blog","pricing":"hourly","estimated_hours":"10","hourly_rate":"120"}"#)
            #expect(first["reference"] as? String == "CR-1")
            #expect(second["reference"] as? String == "CR-2")
            #expect(second["estimated_minutes"] as? Int == 600)
            #expect((second["hourly_rate"] as? [String: Any])?["rate_scaled"] as? Int == 1_200_000)
            let id = try #require(first["id"] as? String)
            let edited = try await client.call(
                .patch, "/api/v1/change-requests/\(id)", token: manager, body: #"{"description":"Monthly newsletter template"}"#, ifMatch: "\"1\"")
            #expect(edited.status == .ok)
            #expect(try await client.call(.patch, "/api/v1/change-requests/\(id)", token: manager, body: #"{"title":"X"}"#).status == .preconditionRequired)
            #expect(try await client.call(.patch, "/api/v1/change-requests/\(id)", token: manager, body: #"{"title":"X"}"#, ifMatch: "\"1\"").status == .preconditionFailed)
            let quoted = try await client.quoteChangeRequest(id, token: manager)
            #expect(quoted["status"] as? String == "quoted")
            let validation = try #require(quoted["validation"] as? [String: Any])
            #expect(validation["kind"] as? String == "change_request")
            let content = try #require(validation["content"] as? String)
            #expect(SHA256Digest(hashing: Data(content.utf8)).hexString == validation["content_digest"] as? String)
            #expect(content.contains("Monthly newsletter template") && content.contains("1200.00"))
            let frozen = try await client.call(.patch, "/api/v1/change-requests/\(id)", token: manager, body: #"{"title":"X"}"#, ifMatch: "\"3\"")
            expectProblem(frozen, .conflict)
            #expect(try await client.call(.delete, "/api/v1/change-requests/\(id)", token: manager, ifMatch: "\"3\"").status == .conflict)
            // A draft without a price cannot be quoted.
            let unpriced = try #require(try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"SEO","pricing":"fixed"}"#)["id"] as? String)
            let refused = try await client.call(.post, "/api/v1/change-requests/\(unpriced)/quote", token: manager)
            expectProblem(refused, .invalidInput)
            #expect(try refused.errorFields() == ["amount"])
        }
    }

    @Test func anHourlyAcceptanceCreatesABillableTaskWhoseTimeResolvesToTheQuotedRate() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let id = try #require(
                try await client.createChangeRequest(
                    project: world.projectID, token: manager, #"{"title":"Blog","pricing":"hourly","estimated_hours":"10","hourly_rate":"120.00"}"#)["id"] as? String)
            _ = try await client.quoteChangeRequest(id, token: manager)
            let accepted = try await client.call(.post, "/api/v1/change-requests/\(id)/accept", token: try await world.token(.client))
            #expect(accepted.status == .ok, "\(accepted.text)")
            let body = try accepted.object()
            #expect(body["status"] as? String == "accepted")
            let taskID = try #require(body["task_id"] as? String)
            let task = try await world.pool.queryOne("SELECT name, billable, change_request_id FROM tasks WHERE id = \(UUID(uuidString: taskID)!)")
            #expect(try task.decode("billable", as: Bool.self))
            #expect(try task.decode("change_request_id", as: UUID?.self)?.uuidString.lowercased() == id.lowercased())
            #expect(try task.decode("name", as: String.self) == "CR-1: Blog")

            // Time logged on it is approved at the change request's rate, not the member's 95.
            let member = try await world.token(.member)
            let logged = try await client.call(
                .post, "/api/v1/time-entries", token: member,
                body: #"{"project_id":"\#(world.projectID)","task_id":"\#(taskID)","work_date":"2026-04-07","minutes":90}"#)
            #expect(logged.status == .created, "\(logged.text)")
            let entry = try #require(try logged.object()["id"] as? String)
            #expect(try await client.call(.post, "/api/v1/timesheets/submit", token: member, body: #"{"week":"2026-04-06"}"#).status == .ok)
            let approval = try await client.call(
                .post, "/api/v1/approvals", token: manager, body: #"{"decision":"approve","time_entry_ids":["\#(entry)"]}"#)
            #expect(approval.status == .ok, "\(approval.text)")
            let rate = try await world.pool.queryOne("SELECT billable_rate_scaled FROM time_entries WHERE id = \(UUID(uuidString: entry)!)")
            #expect(try rate.decode("billable_rate_scaled", as: Int64.self) == 1_200_000)
        }
    }

    @Test func aFixedAcceptanceThroughTheLinkUsesTheLinkedTaskAndMakesItsTimeNonBillable() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            // The billable task is linked in draft; work on it starts (and is approved,
            // flagged) before the client accepts.
            let id = try #require(
                try await client.createChangeRequest(
                    project: world.projectID, token: manager,
                    #"{"title":"Newsletter","pricing":"fixed","amount":{"amount_minor":120000},"task_id":"\#(world.work.billableTaskID)"}"#)["id"] as? String)
            let early = try await world.work.insertApprovedTime(on: "2026-04-07", minutes: 60)
            let linked = try await world.pool.queryOne("SELECT change_request_id FROM tasks WHERE id = \(world.work.billableTaskID)")
            #expect(try linked.decode("change_request_id", as: UUID?.self) != nil)
            let path = linkPath(try #require(try await client.quoteChangeRequest(id, token: manager)["link"] as? String))
            let page = try await client.getPage(path)
            #expect(page.text.contains("Accept this change") && page.text.contains("Reject it")
                && page.text.contains(#"value="reject""#) && !page.text.contains("dispute") && page.text.contains("€1,200.00")
                && page.text.contains("Price (fixed, excl. VAT)") && page.text.contains("Prices exclude VAT"))
            let decided = try await client.postForm(path, "decision=accept&name=Cleo+Client")
            #expect(decided.status == .ok)
            #expect(decided.text.contains("Change accepted"))
            #expect(try await client.postForm(path, "decision=accept&name=Cleo+Client").status == .gone)
            let stored = try await client.call(.get, "/api/v1/change-requests/\(id)", token: manager).object()
            #expect(stored["status"] as? String == "accepted")
            #expect(stored["task_id"] as? String == world.work.billableTaskID.description)
            let task = try await world.pool.queryOne("SELECT billable FROM tasks WHERE id = \(world.work.billableTaskID)")
            #expect(try task.decode("billable", as: Bool.self) == false)
            let entry = try await world.pool.queryOne("SELECT billable FROM time_entries WHERE id = \(early)")
            #expect(try entry.decode("billable", as: Bool.self) == false)
        }
    }

    @Test func aRejectionNeedsACommentAndTheAdminOnlyDecidesOnBehalfWithOne() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let id = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"Blog","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            _ = try await client.quoteChangeRequest(id, token: manager)
            let contact = try await world.token(.client)
            let bare = try await client.call(.post, "/api/v1/change-requests/\(id)/reject", token: contact)
            expectProblem(bare, .invalidInput)
            #expect(try bare.errorFields() == ["comment"])
            let admin = try await world.token(.admin)
            #expect(try await client.call(.post, "/api/v1/change-requests/\(id)/accept", token: admin).status == .unprocessableContent)
            let rejected = try await client.call(.post, "/api/v1/change-requests/\(id)/reject", token: admin, body: #"{"comment":"Client said no by phone"}"#)
            #expect(rejected.status == .ok)
            let body = try rejected.object()
            #expect(body["status"] as? String == "rejected")
            #expect((body["validation"] as? [String: Any])?["decided_via"] as? String == "on_behalf")
            #expect(body["task_id"] is NSNull)
        }
    }

    @Test func theGenericDecisionEndpointAcceptsAChangeRequest() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let id = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"Blog","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            let validation = try #require((try await client.quoteChangeRequest(id, token: manager)["validation"] as? [String: Any])?["id"] as? String)
            let contact = try await world.token(.client)
            let record = try await client.call(.get, "/api/v1/validations/\(validation)", token: contact).object()
            #expect(record["kind"] as? String == "change_request")
            #expect(record["subject_id"] as? String == id)
            let decided = try await client.call(.post, "/api/v1/validations/\(validation)/decision", token: contact, body: #"{"decision":"accept"}"#)
            #expect(decided.status == .ok, "\(decided.text)")
            let stored = try await client.call(.get, "/api/v1/change-requests/\(id)", token: manager).object()
            #expect(stored["status"] as? String == "accepted")
            #expect(stored["task_id"] is String)
        }
    }

    /// One vocabulary (issue 10 item 16): the client accepts or rejects a change request,
    /// as a milestone or a timesheet. The old routes are gone (no client depended on them).
    @Test func theOldApproveAndDeclineRoutesAreGoneAndAcceptRejectReplaceThem() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let contact = try await world.token(.client)
            let id = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"Blog","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            _ = try await client.quoteChangeRequest(id, token: manager)
            let before = try await StoredState.of(table: "change_requests", id: id, pool: world.pool)
            for old in ["/approve", "/decline"] {
                let response = try await client.call(.post, "/api/v1/change-requests/\(id)\(old)", token: contact, body: #"{"comment":"x"}"#)
                #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(old): \(response.status)")
            }
            #expect(try await StoredState.of(table: "change_requests", id: id, pool: world.pool) == before)
            let accepted = try await client.call(.post, "/api/v1/change-requests/\(id)/accept", token: contact)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let body = try accepted.object()
            #expect(body["status"] as? String == "accepted")
            let validation = try #require(body["validation"] as? [String: Any])
            #expect(validation["status"] as? String == "accepted" && validation["decision"] as? String == "accept")
            let stored = try await world.pool.queryOne("SELECT status FROM change_requests WHERE id = \(UUID(uuidString: id)!)")
            #expect(try stored.decode("status", as: String.self) == "accepted")
            let audit = try await world.pool.queryOne(
                "SELECT count(*) AS n FROM audit_events WHERE action = 'change_request.accepted' AND subject_id = \(id.lowercased())")
            #expect(try audit.decode("n", as: Int64.self) == 1)

            let other = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"SEO","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            let quoted = try await client.quoteChangeRequest(other, token: manager)
            let validationID = try #require((quoted["validation"] as? [String: Any])?["id"] as? String)
            // The old decision word is refused like any other unknown one, naming the field.
            let old = try await client.call(
                .post, "/api/v1/validations/\(validationID)/decision", token: contact, body: #"{"decision":"dispute","comment":"No"}"#)
            expectProblem(old, .invalidInput)
            #expect(try old.errorFields() == ["decision"])
            let rejected = try await client.call(.post, "/api/v1/change-requests/\(other)/reject", token: contact, body: #"{"comment":"Not now"}"#)
            #expect(rejected.status == .ok, "\(rejected.text)")
            let rejectedBody = try rejected.object()
            #expect(rejectedBody["status"] as? String == "rejected")
            #expect((rejectedBody["validation"] as? [String: Any])?["decision"] as? String == "reject")
            #expect((rejectedBody["validation"] as? [String: Any])?["status"] as? String == "rejected")
            let rejectedAudit = try await world.pool.queryOne(
                "SELECT count(*) AS n FROM audit_events WHERE action IN ('change_request.rejected', 'validation.rejected')")
            #expect(try rejectedAudit.decode("n", as: Int64.self) == 2)
        }
    }

    @Test func everyIllegalTransitionIsA409AndChangesNothing() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let contact = try await world.token(.client)
            let admin = try await world.token(.admin)
            let id = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"Blog","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            func expectConflict(_ action: String, token: String, body: String? = nil) async throws {
                let before = try await StoredState.of(table: "change_requests", id: id, pool: world.pool)
                let response = try await client.call(.post, "/api/v1/change-requests/\(id)\(action)", token: token, body: body)
                expectProblem(response, .conflict, "\(action) in \(before.status): \(response.text)")
                #expect(try await StoredState.of(table: "change_requests", id: id, pool: world.pool) == before)
            }
            // draft (the admin decides on behalf: a draft is visible to staff)
            try await expectConflict("/accept", token: admin, body: #"{"comment":"x"}"#)
            try await expectConflict("/reject", token: admin, body: #"{"comment":"x"}"#)
            // quoted
            _ = try await client.quoteChangeRequest(id, token: manager)
            try await expectConflict("/quote", token: manager)
            // accepted
            #expect(try await client.call(.post, "/api/v1/change-requests/\(id)/accept", token: contact).status == .ok)
            try await expectConflict("/quote", token: manager)
            try await expectConflict("/accept", token: contact)
            try await expectConflict("/reject", token: contact, body: #"{"comment":"x"}"#)
            // rejected
            let other = try #require(
                try await client.createChangeRequest(project: world.projectID, token: manager, #"{"title":"SEO","pricing":"fixed","amount":{"amount_minor":5000}}"#)["id"] as? String)
            _ = try await client.quoteChangeRequest(other, token: manager)
            #expect(try await client.call(.post, "/api/v1/change-requests/\(other)/reject", token: contact, body: #"{"comment":"No"}"#).status == .ok)
            for action in ["/accept", "/quote"] {
                let token = action == "/quote" ? manager : contact
                #expect(try await client.call(.post, "/api/v1/change-requests/\(other)\(action)", token: token).status == .conflict)
            }
        }
    }

    @Test func clientsSeeNoDraftsAndNothingOfAnotherClient() async throws {
        try await withValidationApp { world, client in
            let admin = try await world.token(.admin)
            let contact = try await world.token(.client)
            let draft = try #require(
                try await client.createChangeRequest(project: world.projectID, token: admin, #"{"title":"Blog","pricing":"fixed"}"#)["id"] as? String)
            #expect(try await client.call(.get, "/api/v1/change-requests/\(draft)", token: contact).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/projects/\(world.projectID)/change-requests", token: contact).items().isEmpty)
            let foreign = try #require(
                try await client.createChangeRequest(project: world.work.otherProjectID, token: admin, #"{"title":"App","pricing":"fixed","amount":{"amount_minor":100}}"#)["id"] as? String)
            _ = try await client.quoteChangeRequest(foreign, token: admin)
            #expect(try await client.call(.get, "/api/v1/change-requests/\(foreign)", token: contact).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/change-requests/\(foreign)/accept", token: contact).status == .notFound)
            let outsider = try await world.outsiderManagerToken()
            #expect(try await client.call(.post, "/api/v1/change-requests/\(foreign)/quote", token: outsider).status == .notFound)
        }
    }

    @Test func theLinkPageEscapesTheChangeRequestsContent() async throws {
        try await withValidationApp { world, client in
            let admin = try await world.token(.admin)
            let id = try #require(
                try await client.createChangeRequest(
                    project: world.projectID, token: admin,
                    #"{"title":"<img src=x onerror=alert(1)>","description":"<script>x</script>","pricing":"hourly","hourly_rate":"80"}"#)["id"] as? String)
            let path = linkPath(try #require(try await client.quoteChangeRequest(id, token: admin)["link"] as? String))
            let page = try await client.getPage(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains("<img") && !page.text.contains("<script>x"))
            #expect(page.text.contains("&lt;img src=x onerror=alert(1)&gt;") && page.text.contains("€80.00 per hour"))
        }
    }
}
