import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

extension ValidationAPIWorld {
    /// A new billable task of the world's project, outside any change request.
    fileprivate func newFlagTask(_ name: String) async throws -> TaskID {
        let id = TaskID.random()
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(id), \(projectID), \(name), true)")
        return id
    }
}

extension TestClientProtocol {
    /// The member logs `minutes` on `task` on 2026-05-05 through the API; returns the entry's id.
    fileprivate func logFlagTime(_ world: ValidationAPIWorld, task: TaskID, minutes: Int = 90) async throws -> String {
        let response = try await call(
            .post, "/api/v1/time-entries", token: try await world.token(.member),
            body: #"{"project_id":"\#(world.projectID)","task_id":"\#(task)","work_date":"2026-05-05","minutes":\#(minutes)}"#)
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.object()["id"] as? String)
    }

    /// The member submits the week of 2026-05-04.
    fileprivate func submitFlagWeek(_ world: ValidationAPIWorld) async throws {
        let response = try await call(.post, "/api/v1/timesheets/submit", token: try await world.token(.member), body: #"{"week":"2026-05-04"}"#)
        #expect(response.status == .ok, "\(response.text)")
    }

    /// The line of entry `id` in `who`'s approval queue.
    fileprivate func queueLine(_ id: String, _ world: ValidationAPIWorld, as who: RoleWorld.Who = .manager) async throws -> [String: Any] {
        let items = try await call(.get, "/api/v1/approvals?limit=200", token: try await world.token(who)).items()
        return try #require(items.first { $0["id"] as? String == id }, "\(id) is not in the \(who) queue")
    }
}

/// The change request of a queue line, and its flags' codes and messages.
private struct FlagView {
    let changeRequest: [String: Any]?
    let codes: [String]
    let messages: [String]

    init(_ line: [String: Any]) throws {
        changeRequest = line["change_request"] as? [String: Any]
        let flags = try #require(line["flags"] as? [[String: Any]], "no flags array in \(line)")
        codes = flags.compactMap { $0["code"] as? String }
        messages = flags.compactMap { $0["message"] as? String }
        #expect(codes.count == flags.count && messages.count == flags.count)
    }
}

/// SPEC §4.4: time logged on the task of a change request the client has not accepted
/// is flagged in the approver's queue (a flag, not a refusal).
@Suite struct ChangeRequestFlagAPITests {
    @Test func timeOnAChangeRequestsTaskIsFlaggedUntilTheClientApproves() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let task = try await world.newFlagTask("Newsletter template")
            let change = try await client.createChangeRequest(
                project: world.projectID, token: manager,
                #"{"title":"Newsletter","pricing":"hourly","estimated_hours":"10","hourly_rate":"120","task_id":"\#(task)"}"#)
            let changeID = try #require(change["id"] as? String)
            #expect(change["reference"] as? String == "CR-1")
            #expect(change["task_id"] as? String == task.description)

            let flagged = try await client.logFlagTime(world, task: task)
            let ordinary = try await client.logFlagTime(world, task: world.work.billableTaskID, minutes: 60)
            try await client.submitFlagWeek(world)

            // Draft.
            let draft = try FlagView(try await client.queueLine(flagged, world))
            #expect(draft.changeRequest?["id"] as? String == changeID)
            #expect(draft.changeRequest?["reference"] as? String == "CR-1")
            #expect(draft.changeRequest?["status"] as? String == "draft")
            #expect(draft.codes == ["unaccepted_change_request"])
            #expect(draft.messages.first?.contains("CR-1") == true)
            #expect(draft.messages.first?.contains("draft") == true)
            // The admin's queue says the same.
            let adminLine = try FlagView(try await client.queueLine(flagged, world, as: .admin))
            #expect(adminLine.codes == draft.codes && adminLine.messages == draft.messages)

            // Time on an ordinary task: no change request, no flag (explicit null and []).
            let plainLine = try await client.queueLine(ordinary, world)
            #expect(plainLine["change_request"] is NSNull)
            #expect((plainLine["flags"] as? [Any])?.isEmpty == true)
            #expect(plainLine["kind"] as? String == "time_entry")

            // Quoted: still not accepted.
            _ = try await client.quoteChangeRequest(changeID, token: manager)
            let quoted = try FlagView(try await client.queueLine(flagged, world))
            #expect(quoted.changeRequest?["status"] as? String == "quoted")
            #expect(quoted.codes == ["unaccepted_change_request"])
            #expect(quoted.messages.first?.contains("quoted") == true)
            #expect(quoted.messages != draft.messages)

            // Accepted by the client: the flag goes, the link to the change request stays.
            let accepted = try await client.call(.post, "/api/v1/change-requests/\(changeID)/accept", token: try await world.token(.client))
            #expect(accepted.status == .ok, "\(accepted.text)")
            let acceptedLine = try FlagView(try await client.queueLine(flagged, world))
            #expect(acceptedLine.changeRequest?["id"] as? String == changeID)
            #expect(acceptedLine.changeRequest?["status"] as? String == "accepted")
            #expect(acceptedLine.codes.isEmpty)

            let approval = try await client.call(
                .post, "/api/v1/approvals", token: manager, body: #"{"decision":"approve","time_entry_ids":["\#(flagged)","\#(ordinary)"]}"#)
            #expect(approval.status == .ok, "\(approval.text)")
        }
    }

    @Test func aRejectedChangeRequestsTimeStaysFlaggedAndCanStillBeApproved() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let task = try await world.newFlagTask("Chatbot spike")
            let changeID = try #require(
                try await client.createChangeRequest(
                    project: world.projectID, token: manager,
                    #"{"title":"Chatbot","pricing":"fixed","amount":{"amount_minor":250000},"task_id":"\#(task)"}"#)["id"] as? String)
            let entry = try await client.logFlagTime(world, task: task)
            try await client.submitFlagWeek(world)
            _ = try await client.quoteChangeRequest(changeID, token: manager)
            let rejected = try await client.call(
                .post, "/api/v1/change-requests/\(changeID)/reject", token: try await world.token(.client), body: #"{"comment":"Not this year"}"#)
            #expect(rejected.status == .ok, "\(rejected.text)")

            let line = try FlagView(try await client.queueLine(entry, world))
            #expect(line.changeRequest?["status"] as? String == "rejected")
            #expect(line.changeRequest?["reference"] as? String == "CR-1")
            #expect(line.codes == ["unaccepted_change_request"])
            #expect(line.messages.first?.contains("rejected by the client") == true)

            // A flag warns; it does not block the approval of work that was done.
            let approval = try await client.call(
                .post, "/api/v1/approvals", token: manager, body: #"{"decision":"approve","time_entry_ids":["\#(entry)"]}"#)
            #expect(approval.status == .ok, "\(approval.text)")
            #expect(try await world.work.entryState(TimeEntryID(uuidString: entry)!).status == "approved")
        }
    }

    @Test func linkingATaskToADraftFlagsTimeAlreadySubmittedAndUnlinkingClearsIt() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let task = try await world.newFlagTask("Landing page")
            let entry = try await client.logFlagTime(world, task: task)
            try await client.submitFlagWeek(world)
            let before = try FlagView(try await client.queueLine(entry, world))
            #expect(before.changeRequest == nil && before.codes.isEmpty)

            let changeID = try #require(
                try await client.createChangeRequest(
                    project: world.projectID, token: manager, #"{"title":"Landing","pricing":"fixed","amount":{"amount_minor":90000}}"#)["id"] as? String)
            let linked = try await client.call(
                .patch, "/api/v1/change-requests/\(changeID)", token: manager, body: #"{"task_id":"\#(task)"}"#, ifMatch: "\"1\"")
            #expect(linked.status == .ok, "\(linked.text)")
            let flagged = try FlagView(try await client.queueLine(entry, world))
            #expect(flagged.changeRequest?["id"] as? String == changeID)
            #expect(flagged.changeRequest?["status"] as? String == "draft")
            #expect(flagged.codes == ["unaccepted_change_request"])

            let unlinked = try await client.call(
                .patch, "/api/v1/change-requests/\(changeID)", token: manager, body: #"{"task_id":null}"#, ifMatch: "\"2\"")
            #expect(unlinked.status == .ok, "\(unlinked.text)")
            #expect(try unlinked.object()["task_id"] is NSNull)
            let cleared = try await client.queueLine(entry, world)
            #expect(cleared["change_request"] is NSNull)
            #expect((cleared["flags"] as? [Any])?.isEmpty == true)
        }
    }
}
