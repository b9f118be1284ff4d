import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct TimeEntriesAPITests {
    @Test func aMemberLogsTimeOnTheirProjectAndReadsItBack() async throws {
        try await withTimeApp { (world, client) async throws in
            let created = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", minutes: 90, extra: #","note":"  Homepage mockups ""#))
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let entry = try created.object()
            #expect(entry["minutes"] as? Int == 90)
            #expect(entry["hours"] as? String == "1.50")
            #expect(entry["note"] as? String == "Homepage mockups")
            #expect(entry["billable"] as? Bool == true)
            #expect(entry["status"] as? String == "open")
            #expect(entry["user_id"] as? String == world.user(.member).description)
            #expect(entry["work_date"] as? String == "2026-03-02")
            #expect(entry.keys.contains("rejection_reason"))
            #expect(!entry.keys.contains("cost_rate"), "members never see cost rates")
            let location = try #require(created.headers[.location])
            #expect(location == "/api/v1/time-entries/\(try #require(entry["id"] as? String))")
            let read = try await client.call(.get, location, token: world.token(.member))
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(try await world.count("audit_events", where: "action = 'time_entry.created'") == 1)
        }
    }

    @Test func hoursBecomeMinutesAndOneOfThemIsRequired() async throws {
        try await withTimeApp { (world, client) async throws in
            let base = #"{"project_id":"\#(world.projectID)","task_id":"\#(world.designTaskID)","work_date":"2026-03-03""#
            for (hours, minutes) in [("1.5", 90), (#""0,25""#, 15), (#""2.3333""#, 140)] {
                let response = try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: base + #","hours":\#(hours)}"#)
                #expect(response.status == .created, "\(hours)")
                #expect(try response.object()["minutes"] as? Int == minutes, "\(hours)")
            }
            let both = try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: base + #","hours":1,"minutes":60}"#)
            expectProblem(both, .invalidInput)
            #expect(try both.errorFields() == ["hours"])
            let neither = try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: base + "}")
            #expect(try neither.errorFields() == ["minutes"])
            let tooMany = try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: base + #","hours":"25"}"#)
            #expect(try tooMany.errorFields() == ["hours"])
        }
    }

    @Test func billableFollowsTheTaskAndOnlyABillableTaskCanBeBilled() async throws {
        try await withTimeApp { (world, client) async throws in
            let meeting = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", task: world.meetingTaskID))
            #expect(try meeting.object()["billable"] as? Bool == false)
            let forced = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", task: world.meetingTaskID, extra: #","billable":true"#))
            expectProblem(forced, .invalidInput)
            #expect(try forced.errorFields() == ["billable"])
            let waived = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", extra: #","billable":false"#))
            #expect(try waived.object()["billable"] as? Bool == false)
        }
    }

    @Test func timeIsLoggedOnlyOnActiveProjectsTheAuthorBelongsTo() async throws {
        try await withTimeApp { (world, client) async throws in
            let onHold = try await world.newProject(status: "on_hold", rate: 900_000)
            let held = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", task: onHold.task, project: onHold.project))
            expectProblem(held, .invalidInput)
            #expect(try held.errorFields() == ["project_id"])

            // In the team but not on the project: the policy knows it, so 403.
            let notAssigned = try await world.newProject(members: [])
            let member = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", task: notAssigned.task, project: notAssigned.project))
            #expect(member.status == .forbidden)
            // The manager leads the team, but logs only where assigned.
            let manager = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.manager),
                body: world.entryJSON("2026-03-02", task: notAssigned.task, project: notAssigned.project))
            #expect(manager.status == .forbidden)
            #expect(manager.isProblem)

            // Another team's project is not even visible to the member: 404.
            let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [])
            let hidden = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", task: elsewhere.task, project: elsewhere.project))
            #expect(hidden.status == .notFound)

            let foreignTask = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", task: world.work.otherTaskID))
            #expect(try foreignTask.errorFields() == ["task_id"])
            let unknown = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member),
                body: world.entryJSON("2026-03-02", project: ProjectID.random()))
            #expect(unknown.status == .notFound)
            let contact = try await client.call(.post, "/api/v1/time-entries", token: world.token(.client), body: world.entryJSON("2026-03-02"))
            #expect(contact.status == .forbidden)
            #expect(try await world.count("time_entries") == 0)
        }
    }

    @Test func badInputIs422NamingTheFieldAndWritesNothing() async throws {
        try await withTimeApp { (world, client) async throws in
            let long = String(repeating: "x", count: 2001)
            let cases: [(String, [String])] = [
                (world.entryJSON("2026-03-02", minutes: 0), ["minutes"]),
                (world.entryJSON("2026-03-02", minutes: 1441), ["minutes"]),
                (world.entryJSON("2026-03-02", extra: #","note":"\#(long)""#), ["note"]),
                (world.entryJSON("2026-02-30"), ["work_date"]),
                (#"{"task_id":"\#(world.designTaskID)","work_date":"2026-03-02","minutes":60}"#, ["project_id"]),
                (#"{"project_id":"nope","task_id":"\#(world.designTaskID)","work_date":"2026-03-02","minutes":60}"#, ["project_id"]),
                (#"{"project_id":"\#(world.projectID)","task_id":"\#(world.designTaskID)","work_date":"2026-03-02","minutes":1.5}"#, ["minutes"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: body)
                expectProblem(response, .invalidInput, "\(body.prefix(120))")
                #expect(try response.errorFields() == fields, "\(body.prefix(120))")
            }
            #expect(try await client.call(.post, "/api/v1/time-entries", token: world.token(.member), body: "{").status == .badRequest)
            #expect(try await world.count("time_entries") == 0)
        }
    }

    @Test func aCollaboratorLogsAtMost24HoursADay() async throws {
        try await withTimeApp { (world, client) async throws in
            let token = world.token(.member)
            #expect(
                try await client.call(.post, "/api/v1/time-entries", token: token, body: world.entryJSON("2026-03-02", minutes: 1400)).status
                    == .created)
            let over = try await client.call(.post, "/api/v1/time-entries", token: token, body: world.entryJSON("2026-03-02", minutes: 41))
            expectProblem(over, .invalidInput)
            let message = try #require(try over.object()["errors"] as? [[String: Any]]).first?["message"] as? String
            #expect(message == "2026-03-02 already has 1400 minutes logged; at most 40 more minutes fit in that day.")
            // Another project counts too; another day does not.
            #expect(
                try await client.call(
                    .post, "/api/v1/time-entries", token: token,
                    body: world.entryJSON("2026-03-02", minutes: 40, task: world.work.otherTaskID, project: world.work.otherProjectID)
                ).status == .created)
            #expect(
                try await client.call(.post, "/api/v1/time-entries", token: token, body: world.entryJSON("2026-03-03", minutes: 1440)).status
                    == .created)
            // Moving an entry onto a full day is refused as well.
            let small = try await client.call(.post, "/api/v1/time-entries", token: token, body: world.entryJSON("2026-03-04", minutes: 30))
            let uri = try #require(small.headers[.location])
            let moved = try await client.call(.patch, uri, token: token, body: #"{"work_date":"2026-03-03"}"#, ifMatch: "\"1\"")
            expectProblem(moved, .invalidInput)
            #expect(try moved.errorFields() == ["minutes"])
        }
    }

    @Test func concurrentEntriesOnOneDayNeverExceed24Hours() async throws {
        try await withTimeApp { (world, client) async throws in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await client.call(
                            .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-05", minutes: 400)
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 3)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 1)
            let total: Int = try await world.pool.queryOne("SELECT sum(minutes)::integer AS n FROM time_entries").decode("n")
            #expect(total == 1200)
        }
    }

    @Test func aRetriedPostWithTheSameIdempotencyKeyCreatesNothingNew() async throws {
        try await withTimeApp { (world, client) async throws in
            let key = HTTPField.Name("Idempotency-Key")!
            var headers: HTTPFields = [key: "entry-1", .authorization: "Bearer \(world.token(.member))", .contentType: "application/json"]
            let body = world.entryJSON("2026-03-02", minutes: 120)
            let first = try await client.execute(uri: "/api/v1/time-entries", method: .post, headers: headers, body: .init(string: body))
            let again = try await client.execute(uri: "/api/v1/time-entries", method: .post, headers: headers, body: .init(string: body))
            #expect(first.status == .created)
            #expect(again.status == .created)
            #expect(String(buffer: again.body) == String(buffer: first.body))
            #expect(again.headers[.location] == first.headers[.location])
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await world.count("time_entries") == 1)
            headers[key] = "entry-2"
            let fresh = try await client.execute(uri: "/api/v1/time-entries", method: .post, headers: headers, body: .init(string: body))
            #expect(fresh.status == .created)
            #expect(try await world.count("time_entries") == 2)
        }
    }

    @Test func patchNeedsIfMatchAndAStaleOneIs412() async throws {
        try await withTimeApp { (world, client) async throws in
            let id = try await world.insertEntry("2026-03-02", minutes: 60)
            let uri = "/api/v1/time-entries/\(id)"
            let token = world.token(.member)
            #expect(try await client.call(.patch, uri, token: token, body: #"{"minutes":90}"#).status == .preconditionRequired)
            let stale = try await client.call(.patch, uri, token: token, body: #"{"minutes":90}"#, ifMatch: "\"7\"")
            expectProblem(stale, .versionMismatch)
            let changed = try await client.call(
                .patch, uri, token: token, body: #"{"minutes":90,"note":"Kick-off","task_id":"\#(world.meetingTaskID)"}"#, ifMatch: "\"1\"")
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"2\"")
            let entry = try changed.object()
            #expect(entry["minutes"] as? Int == 90)
            #expect(entry["note"] as? String == "Kick-off")
            #expect(entry["billable"] as? Bool == false, "moving to a non-billable task takes its flag")
            #expect(try await client.call(.patch, uri, token: token, body: #"{"minutes":30}"#, ifMatch: "\"1\"").status == .preconditionFailed)
            let unknown = try await client.call(.patch, uri, token: token, body: #"{"mins":30}"#, ifMatch: "\"2\"")
            #expect(try unknown.errorFields() == ["mins"])
            #expect(try await client.call(.patch, uri, token: token, body: #"{"hours":"0.5"}"#, ifMatch: "\"2\"").status == .ok)
            #expect(try await world.version(of: id) == 3)
        }
    }

    @Test func movingAnEntryFollowsTheLoggingRules() async throws {
        try await withTimeApp { (world, client) async throws in
            let id = try await world.insertEntry("2026-03-02")
            let uri = "/api/v1/time-entries/\(id)"
            let token = world.token(.member)
            let wrongTask = try await client.call(
                .patch, uri, token: token, body: #"{"project_id":"\#(world.work.otherProjectID)"}"#, ifMatch: "\"1\"")
            #expect(try wrongTask.errorFields() == ["task_id"])
            let notAssigned = try await world.newProject(members: [])
            let refused = try await client.call(
                .patch, uri, token: token, body: #"{"project_id":"\#(notAssigned.project)","task_id":"\#(notAssigned.task)"}"#, ifMatch: "\"1\"")
            #expect(refused.status == .forbidden)
            let moved = try await client.call(
                .patch, uri, token: token,
                body: #"{"project_id":"\#(world.work.otherProjectID)","task_id":"\#(world.work.otherTaskID)"}"#, ifMatch: "\"1\"")
            #expect(moved.status == .ok)
            #expect(try moved.object()["project_id"] as? String == world.work.otherProjectID.description)
            #expect(try await world.version(of: id) == 2)
        }
    }

    @Test func onlyTheAuthorEditsAndOnlyWhileOpen() async throws {
        try await withTimeApp { (world, client) async throws in
            let open = try await world.insertEntry("2026-03-02")
            for who in [RoleWorld.Who.admin, .manager] {
                let response = try await client.call(
                    .patch, "/api/v1/time-entries/\(open)", token: world.token(who), body: #"{"minutes":5}"#, ifMatch: "\"1\"")
                #expect(response.status == .forbidden, "\(who)")
                #expect(try await client.call(.delete, "/api/v1/time-entries/\(open)", token: world.token(who)).status == .forbidden)
            }
            let mine = try await world.insertEntry("2026-03-02", by: .admin)
            #expect(
                try await client.call(.patch, "/api/v1/time-entries/\(mine)", token: world.token(.member), body: #"{"minutes":5}"#, ifMatch: "\"1\"")
                    .status == .notFound)

            let expectations: [(String, String)] = [
                ("submitted", "A submitted entry is read-only for its author; an approver can reject it to reopen it."),
                ("approved", "An approved entry is read-only for its author."),
                ("client_validated", "A client-validated entry is read-only for its author."),
                ("invoiced", "An invoiced entry is read-only for everyone."),
            ]
            for (status, sentence) in expectations {
                let id = try await world.insertEntry("2026-03-03", status: status)
                let patch = try await client.call(
                    .patch, "/api/v1/time-entries/\(id)", token: world.token(.member), body: #"{"minutes":5}"#, ifMatch: "\"1\"")
                expectProblem(patch, .conflict, "\(status)")
                #expect(try patch.detail() == sentence)
                let delete = try await client.call(.delete, "/api/v1/time-entries/\(id)", token: world.token(.member))
                expectProblem(delete, .conflict, "\(status)")
                #expect(try await world.status(of: id) == status)
                #expect(try await world.version(of: id) == 1)
            }
        }
    }

    @Test func theDatabaseRefusesToChangeOrDeleteAnInvoicedEntry() async throws {
        try await withTimeApp { (world, _) async throws in
            let id = try await world.insertEntry("2026-03-02", status: "invoiced")
            var entry = try #require(try await TimeEntryStore().find(id, on: world.pool))
            entry.minutes = 5
            await #expect(throws: DomainError.conflict("An invoiced entry is read-only for everyone.")) {
                _ = try await TimeEntryStore().update(entry, expectedVersion: 1, at: Date(), on: world.pool)
            }
            await #expect(throws: DomainError.conflict("An invoiced entry is read-only for everyone.")) {
                _ = try await TimeEntryStore().delete(id, expectedVersion: nil, on: world.pool)
            }
            #expect(try await world.status(of: id) == "invoiced")
        }
    }

    @Test func deletingRemovesTheAuthorsOpenEntry() async throws {
        try await withTimeApp { (world, client) async throws in
            let id = try await world.insertEntry("2026-03-02")
            let uri = "/api/v1/time-entries/\(id)"
            #expect(try await client.call(.delete, uri, token: world.token(.member), ifMatch: "\"4\"").status == .preconditionFailed)
            #expect(try await client.call(.delete, uri, token: world.token(.member), ifMatch: "\"1\"").status == .noContent)
            #expect(try await client.call(.get, uri, token: world.token(.member)).status == .notFound)
            #expect(try await client.call(.delete, uri, token: world.token(.member)).status == .notFound)
            #expect(try await world.count("audit_events", where: "action = 'time_entry.deleted'") == 1)
        }
    }
}
