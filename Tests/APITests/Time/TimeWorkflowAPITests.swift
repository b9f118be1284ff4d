import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct TimeWorkflowAPITests {
    func decide(
        _ client: any TestClientProtocol, _ ids: [TimeEntryID], _ decision: String, reason: String? = nil, token: String
    ) async throws -> TestResponse {
        let list = ids.map { "\"\($0)\"" }.joined(separator: ",")
        let reasonJSON = reason.map { #","reason":\#(jsonString($0))"# } ?? ""
        return try await client.call(
            .post, "/api/v1/approvals", token: token, body: #"{"time_entry_ids":[\#(list)],"decision":"\#(decision)"\#(reasonJSON)}"#)
    }

    @Test func submittingAWeekSubmitsTheCallersOpenEntriesOfThatWeekOnly() async throws {
        try await withTimeApp { (world, client) async throws in
            var week: [TimeEntryID] = []
            for day in 2...8 { week.append(try await world.insertEntry("2026-03-0\(day)", minutes: 30)) }
            let approved = try await world.insertEntry("2026-03-04", status: "approved")
            let nextWeek = try await world.insertEntry("2026-03-09")
            let lastWeek = try await world.insertEntry("2026-03-01")
            let managers = try await world.insertEntry("2026-03-03", by: .manager)

            let response = try await client.call(.post, "/api/v1/timesheets/submit", token: world.token(.member), body: #"{"week":"2026-03-05"}"#)
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(body["week_start"] as? String == "2026-03-02")
            #expect(body["week_end"] as? String == "2026-03-08")
            #expect(body["submitted"] as? Int == 7)
            let counts = try #require(body["counts"] as? [String: Int])
            #expect(counts == ["open": 0, "submitted": 7, "approved": 1, "client_validated": 0, "invoiced": 0])
            for id in week { #expect(try await world.status(of: id) == "submitted") }
            for id in [nextWeek, lastWeek, managers] { #expect(try await world.status(of: id) == "open") }
            #expect(try await world.status(of: approved) == "approved")
            #expect(try await world.count("audit_events", where: "action = 'timesheet.submitted'") == 1)

            let again = try await client.call(.post, "/api/v1/timesheets/submit", token: world.token(.member), body: #"{"week":"2026-03-02"}"#)
            #expect(try again.object()["submitted"] as? Int == 0)
            #expect(
                try await client.call(.post, "/api/v1/timesheets/submit", token: world.token(.client), body: #"{"week":"2026-03-02"}"#).status
                    == .forbidden)
            let bad = try await client.call(.post, "/api/v1/timesheets/submit", token: world.token(.member), body: #"{"week":"March"}"#)
            #expect(try bad.errorFields() == ["week"])
        }
    }

    @Test func theQueueShowsSubmittedEntriesOfTheApproversProjects() async throws {
        try await withTimeApp { (world, client) async throws in
            let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [.member])
            let mine = try await world.insertEntry("2026-03-02", status: "submitted", note: "Mockups")
            let sentBack = try await world.insertEntry("2026-03-10", status: "submitted", clientRejectionComment: "Only 4 hours were agreed")
            let foreign = try await world.insertEntry("2026-03-03", project: elsewhere.project, task: elsewhere.task, status: "submitted")
            try await world.insertEntry("2026-03-02")  // open: not in any queue

            let managerQueue = try await client.call(.get, "/api/v1/approvals", token: world.token(.manager)).items()
            #expect(managerQueue.compactMap { $0["id"] as? String } == [mine.description, sentBack.description])
            let first = managerQueue[0]
            #expect((first["user"] as? [String: Any])?["name"] as? String == "Mia Member")
            #expect((first["project"] as? [String: Any])?["name"] as? String == "Website relaunch")
            #expect((first["task"] as? [String: Any])?["name"] as? String == "Design")
            #expect(first["note"] as? String == "Mockups")
            #expect(first["rejected_by_client"] as? Bool == false)
            #expect(managerQueue[1]["client_rejection_comment"] as? String == "Only 4 hours were agreed")
            #expect(managerQueue[1]["rejected_by_client"] as? Bool == true)

            let adminQueue = try await client.call(.get, "/api/v1/approvals", token: world.token(.admin)).items()
            #expect(Set(adminQueue.compactMap { $0["id"] as? String }) == Set([mine, sentBack, foreign].map(\.description)))
            let week = try await client.call(.get, "/api/v1/approvals?week=2026-03-04", token: world.token(.admin)).items()
            #expect(Set(week.compactMap { $0["id"] as? String }) == Set([mine, foreign].map(\.description)))
            let byProject = try await client.call(.get, "/api/v1/approvals?project_id=\(elsewhere.project)", token: world.token(.admin)).items()
            #expect(byProject.compactMap { $0["id"] as? String } == [foreign.description])
            let byUser = try await client.call(.get, "/api/v1/approvals?user_id=\(world.user(.admin))", token: world.token(.admin)).items()
            #expect(byUser.isEmpty)

            #expect(try await client.call(.get, "/api/v1/approvals", token: world.token(.member)).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/approvals", token: world.token(.client)).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/approvals?week=soon", token: world.token(.admin)).status == .unprocessableContent)
        }
    }

    @Test func approvingCapturesTheRatesInForceOnEachWorkDate() async throws {
        try await withTimeApp { (world, client) async throws in
            // The world's member rate (95) starts on Thursday 2026-01-01; before it the project rate (90) applies.
            var newYear: [TimeEntryID] = []
            for date in ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"] {
                newYear.append(try await world.insertEntry(date, minutes: 480, status: "submitted"))
            }
            // A task rate from Wednesday 2026-03-04 and a cost change from Thursday 2026-03-05.
            try await world.pool.execute(
                "INSERT INTO task_rates (id, task_id, effective_from, rate_scaled) VALUES (\(UUID()), \(world.designTaskID), '2026-03-04', 1200000)")
            try await world.pool.execute(
                """
                INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency)
                VALUES (\(UUID()), \(world.user(.member)), 'cost', '2026-03-05', 550000, 'EUR')
                """)
            var march: [TimeEntryID] = []
            for day in 2...6 { march.append(try await world.insertEntry("2026-03-0\(day)", minutes: 480, status: "submitted")) }
            let meeting = try await world.insertEntry("2026-03-04", minutes: 60, task: world.meetingTaskID, status: "submitted", billable: false)

            let response = try await decide(client, newYear + march + [meeting], "approve", token: world.token(.manager))
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.object()
            #expect(body["count"] as? Int == 11)
            #expect(body["items"] == nil, "the decided entries are `time_entries`, not `items`")
            let items = try #require(body["time_entries"] as? [[String: Any]])
            #expect(items.allSatisfy { $0["status"] as? String == "approved" && $0["approved_by"] as? String == world.user(.manager).description })
            #expect(items.allSatisfy { !$0.keys.contains("cost_rate") }, "the manager sees no cost rates")

            func captured(_ id: TimeEntryID) async throws -> [Int64] {
                let row = try await world.pool.queryOne(
                    "SELECT billable_rate_scaled, cost_rate_scaled, rate_currency, approved_at FROM time_entries WHERE id = \(id)")
                #expect(try row.decode("rate_currency", as: String.self) == "EUR")
                #expect(try row.decode("approved_at", as: Date?.self) != nil)
                return [try row.decode("billable_rate_scaled"), try row.decode("cost_rate_scaled")]
            }
            var rates: [[Int64]] = []
            for id in newYear + march + [meeting] { rates.append(try await captured(id)) }
            #expect(
                rates == [
                    [900_000, 500_000], [900_000, 500_000], [900_000, 500_000], [950_000, 500_000], [950_000, 500_000],
                    [950_000, 500_000], [950_000, 500_000], [1_200_000, 500_000], [1_200_000, 550_000], [1_200_000, 550_000],
                    [950_000, 500_000],
                ])
            #expect(try await world.count("audit_events", where: "action = 'time_entry.approved'") == 11)
            let adminView = try await client.call(.get, "/api/v1/time-entries/\(march[4])", token: world.token(.admin)).object()
            #expect((adminView["cost_rate"] as? [String: Any])?["rate"] as? String == "55.00")
            #expect((adminView["billable_rate"] as? [String: Any])?["rate"] as? String == "120.00")
        }
    }

    @Test func approvalWithoutABillableRateIsRefusedNamingTheEntryAndChangesNothing() async throws {
        try await withTimeApp { (world, client) async throws in
            let bare = try await world.newProject(members: [.manager])
            let fine = try await world.insertEntry("2026-03-02", status: "submitted")
            let unrated = try await world.insertEntry("2026-03-02", by: .manager, project: bare.project, task: bare.task, status: "submitted")
            let response = try await decide(client, [fine, unrated], "approve", token: world.token(.admin))
            expectProblem(response, .invalidInput)
            let error = try #require(try response.object()["errors"] as? [[String: Any]]).first
            #expect(error?["field"] as? String == "time_entry_ids[1]")
            let message = try #require(error?["message"] as? String)
            #expect(message.contains(unrated.description))
            #expect(message.contains("Max Manager"))
            #expect(message.contains("2026-03-02"))
            #expect(try await world.status(of: fine) == "submitted")
            #expect(try await world.status(of: unrated) == "submitted")
            #expect(try await world.count("audit_events", where: "action = 'time_entry.approved'") == 0)
        }
    }

    @Test func aRejectedEntryReturnsToItsAuthorWithTheReason() async throws {
        try await withTimeApp { (world, client) async throws in
            let id = try await world.insertEntry("2026-03-02", status: "submitted")
            let silent = try await decide(client, [id], "reject", reason: "  ", token: world.token(.manager))
            #expect(try silent.errorFields() == ["reason"])
            let rejected = try await decide(client, [id], "reject", reason: "Log the workshop on its own task", token: world.token(.manager))
            #expect(rejected.status == .ok)
            let read = try await client.call(.get, "/api/v1/time-entries/\(id)", token: world.token(.member)).object()
            #expect(read["status"] as? String == "open")
            #expect(read["rejection_reason"] as? String == "Log the workshop on its own task")
            #expect(try await world.count("audit_events", where: "action = 'time_entry.rejected'") == 1)
            // The author fixes it and submits again; the reason has served its purpose.
            let version = try await world.version(of: id)
            let fixed = try await client.call(
                .patch, "/api/v1/time-entries/\(id)", token: world.token(.member), body: #"{"note":"Workshop"}"#, ifMatch: "\"\(version)\"")
            #expect(fixed.status == .ok)
            _ = try await client.call(.post, "/api/v1/timesheets/submit", token: world.token(.member), body: #"{"week":"2026-03-02"}"#)
            let resubmitted = try await client.call(.get, "/api/v1/time-entries/\(id)", token: world.token(.member)).object()
            #expect(resubmitted["status"] as? String == "submitted")
            #expect(resubmitted["rejection_reason"] is NSNull)
        }
    }

    @Test func eachIllegalTransitionIsRefusedWithAProblemAndNoChange() async throws {
        try await withTimeApp { (world, client) async throws in
            let cases: [(status: String, decision: String, sentence: String)] = [
                ("open", "approve", "An open entry must be submitted before it can be approved."),
                ("approved", "approve", "An approved entry cannot be approved again."),
                ("client_validated", "approve", "A client-validated entry cannot be approved again."),
                ("invoiced", "approve", "An invoiced entry cannot be approved again."),
                ("open", "reject", "Only a submitted entry can be rejected; this one is open."),
                ("approved", "reject", "Only a submitted entry can be rejected; this one is approved."),
                ("client_validated", "reject", "Only a submitted entry can be rejected; this one is client-validated."),
                ("invoiced", "reject", "Only a submitted entry can be rejected; this one is invoiced."),
            ]
            for (status, decision, sentence) in cases {
                let id = try await world.insertEntry("2026-03-02", status: status)
                let response = try await decide(client, [id], decision, reason: "Not right", token: world.token(.admin))
                expectProblem(response, .conflict, "\(status) \(decision)")
                #expect(try response.detail() == "\(sentence) (time entry \(id))")
                #expect(try await world.status(of: id) == status)
                #expect(try await world.version(of: id) == 1)
            }
            #expect(try await world.count("audit_events", where: "action LIKE 'time_entry.%'") == 0)
        }
    }

    @Test func decisionsAreAllOrNothing() async throws {
        try await withTimeApp { (world, client) async throws in
            let submitted = try await world.insertEntry("2026-03-02", status: "submitted")
            let open = try await world.insertEntry("2026-03-03")
            #expect(try await decide(client, [submitted, open], "approve", token: world.token(.admin)).status == .conflict)
            #expect(try await world.status(of: submitted) == "submitted")
            #expect(try await decide(client, [submitted, TimeEntryID.random()], "approve", token: world.token(.admin)).status == .notFound)
            #expect(try await decide(client, [submitted, submitted], "approve", token: world.token(.admin)).status == .unprocessableContent)
            #expect(try await decide(client, [], "approve", token: world.token(.admin)).status == .unprocessableContent)
            let bad = try await client.call(
                .post, "/api/v1/approvals", token: world.token(.admin), body: #"{"time_entry_ids":["\#(submitted)"],"decision":"maybe"}"#)
            #expect(try bad.errorFields() == ["decision"])
            #expect(try await world.status(of: submitted) == "submitted")
            #expect(try await world.version(of: submitted) == 1)
        }
    }

    @Test func onlyTheTeamLeadOrTheAdminApproves() async throws {
        try await withTimeApp { (world, client) async throws in
            let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [.member], rate: 800_000)
            let foreign = try await world.insertEntry("2026-03-02", project: elsewhere.project, task: elsewhere.task, status: "submitted")
            let own = try await world.insertEntry("2026-03-03", status: "submitted")
            #expect(try await decide(client, [foreign], "approve", token: world.token(.manager)).status == .notFound)
            #expect(try await decide(client, [own], "approve", token: world.token(.member)).status == .forbidden)
            #expect(try await decide(client, [own], "approve", token: world.token(.client)).status == .forbidden)
            #expect(try await world.status(of: foreign) == "submitted")
            #expect(try await decide(client, [foreign], "approve", token: world.token(.admin)).status == .ok)
            #expect(try await world.status(of: foreign) == "approved")
        }
    }
}
