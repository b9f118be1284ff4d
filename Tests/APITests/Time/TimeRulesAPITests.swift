import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Rules the tracking half was missing (issue 10 items 9 and 10).
@Suite struct TimeRulesAPITests {
    static func day(_ offset: Int) -> String {
        let today = WorkDateRules.today(at: Date(), timeZone: "UTC")
        return (try! today.adding(days: offset)).description
    }

    @Test func timeMoreThanTheAllowedDaysAheadIsRefusedAndTheLimitIsASetting() async throws {
        try await withTimeApp { (world, client) async throws in
            let member = world.token(.member)
            let tooFar = try await client.call(.post, "/api/v1/time-entries", token: member, body: world.entryJSON(Self.day(8)))
            #expect(tooFar.status == .unprocessableContent)
            #expect(try tooFar.errorFields() == ["work_date"], "\(tooFar.text)")
            #expect(tooFar.text.contains("more than 7 days after today"), "\(tooFar.text)")
            #expect(try await world.count("time_entries") == 0)
            let nextWeek = try await client.call(.post, "/api/v1/time-entries", token: member, body: world.entryJSON(Self.day(7)))
            #expect(nextWeek.status == .created, "\(nextWeek.text)")

            // Moving an entry there is refused the same way.
            let id = try #require(try nextWeek.object()["id"] as? String)
            let moved = try await client.call(
                .patch, "/api/v1/time-entries/\(id)", token: member,
                body: #"{"work_date":"\#(Self.day(400))"}"#, ifMatch: "\"1\"")
            #expect(moved.status == .unprocessableContent)

            let settings = try await client.call(.get, "/api/v1/settings", token: world.token(.admin))
            #expect(try settings.object()["max_days_ahead"] as? Int == 7)
            let version = try #require(settings.headers[.eTag])
            let changed = try await client.call(
                .patch, "/api/v1/settings", token: world.token(.admin), body: #"{"max_days_ahead":30}"#, ifMatch: version)
            #expect(changed.status == .ok, "\(changed.text)")
            let later = try await client.call(.post, "/api/v1/time-entries", token: member, body: world.entryJSON(Self.day(30)))
            #expect(later.status == .created, "\(later.text)")
            let refused = try await client.call(
                .patch, "/api/v1/settings", token: world.token(.admin), body: #"{"max_days_ahead":999}"#, ifMatch: "\"2\"")
            #expect(try refused.errorFields() == ["max_days_ahead"])
        }
    }

    @Test func aLeadCannotApproveTheirOwnTimeOrExpensesUnlessTheAgencyAllowsIt() async throws {
        try await withTimeApp { (world, client) async throws in
            let own = try await world.insertEntry("2026-03-02", by: .manager, status: "submitted")
            let manager = world.token(.manager)
            let refused = try await client.call(
                .post, "/api/v1/approvals", token: manager, body: #"{"decision":"approve","time_entry_ids":["\#(own)"]}"#)
            #expect(refused.status == .forbidden, "\(refused.text)")
            #expect(refused.text.contains("your own"), "\(refused.text)")
            #expect(try await world.status(of: own) == "submitted")
            let rejectOwn = try await client.call(
                .post, "/api/v1/approvals", token: manager,
                body: #"{"decision":"reject","reason":"oops","time_entry_ids":["\#(own)"]}"#)
            #expect(rejectOwn.status == .forbidden)

            // The admin (or another lead) decides.
            let byAdmin = try await client.call(
                .post, "/api/v1/approvals", token: world.token(.admin), body: #"{"decision":"approve","time_entry_ids":["\#(own)"]}"#)
            #expect(byAdmin.status == .ok, "\(byAdmin.text)")

            // A one-person team: the agency allows it.
            let second = try await world.insertEntry("2026-03-03", by: .manager, status: "submitted")
            let version = try #require(try await client.call(.get, "/api/v1/settings", token: world.token(.admin)).headers[.eTag])
            _ = try await client.call(
                .patch, "/api/v1/settings", token: world.token(.admin), body: #"{"allow_self_approval":true}"#, ifMatch: version)
            let allowed = try await client.call(
                .post, "/api/v1/approvals", token: manager, body: #"{"decision":"approve","time_entry_ids":["\#(second)"]}"#)
            #expect(allowed.status == .ok, "\(allowed.text)")
        }
    }

    /// Issue 10 item 1: a collaborator without a cost rate was approved at a cost of 0.00.
    @Test func aMissingCostRateIsFlaggedAndCapturedAsUnknownNeverAsZero() async throws {
        try await withTimeApp { (world, client) async throws in
            try await world.pool.execute("DELETE FROM user_rates WHERE user_id = \(world.user(.member)) AND kind = 'cost'")
            let entry = try await world.insertEntry("2026-03-02", status: "submitted")

            let queue = try await client.call(.get, "/api/v1/approvals", token: world.token(.manager))
            let item = try #require(try queue.items().first { $0["id"] as? String == entry.description })
            let flags = try #require(item["flags"] as? [[String: Any]])
            #expect(flags.compactMap { $0["code"] as? String } == ["no_cost_rate"], "\(queue.text)")

            let approved = try await client.call(
                .post, "/api/v1/approvals", token: world.token(.manager), body: #"{"decision":"approve","time_entry_ids":["\#(entry)"]}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            let stored = try await world.pool.queryOne("SELECT billable_rate_scaled, cost_rate_scaled FROM time_entries WHERE id = \(entry)")
            #expect(try stored.decode("billable_rate_scaled", as: Int64?.self) == 950_000)
            #expect(try stored.decode("cost_rate_scaled", as: Int64?.self) == nil)

            let read = try await client.call(.get, "/api/v1/time-entries/\(entry)", token: world.token(.admin)).object()
            #expect(read["cost_rate"] is NSNull, "\(read)")
            #expect((read["flags"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["no_cost_rate"], "\(read)")
            let listed = try await client.call(.get, "/api/v1/time-entries?status=approved", token: world.token(.admin)).items()
            #expect(listed.first { $0["id"] as? String == entry.description }.flatMap { $0["flags"] as? [[String: Any]] }?.count == 1)
            let csv = try await client.call(.get, "/api/v1/exports/time-entries.csv", token: world.token(.admin))
            let row = try #require(try CSVReader().read(Data(csv.body.readableBytesView)).records.first?.fields)
            #expect(row[13] == "95.00" && row[14] == "", "\(row)")
        }
    }

    /// Issue 10 item 4: `?task_id=` answered every entry; now it filters, and a filter the
    /// route does not have is a 400 naming it.
    @Test func listsFilterByTaskClientAndBillableAndRefuseUnknownParameters() async throws {
        try await withTimeApp { (world, client) async throws in
            let design = try await world.insertEntry("2026-03-02")
            let meeting = try await world.insertEntry("2026-03-03", task: world.meetingTaskID, billable: false)
            let other = try await world.insertEntry("2026-03-04", project: world.work.otherProjectID, task: world.work.otherTaskID)
            let member = world.token(.member)
            func ids(_ query: String) async throws -> Set<String> {
                let response = try await client.call(.get, "/api/v1/time-entries?\(query)", token: member)
                #expect(response.status == .ok, "\(query): \(response.text)")
                return Set(try response.items().compactMap { $0["id"] as? String })
            }
            #expect(try await ids("task_id=\(world.designTaskID)") == [design.description])
            #expect(try await ids("billable=false") == [meeting.description])
            #expect(try await ids("client_id=\(world.roles.otherClientID)") == [other.description])
            #expect(try await ids("client_id=\(world.roles.clientID)&billable=true") == [design.description])

            let unknown = try await client.call(.get, "/api/v1/time-entries?taskid=\(world.designTaskID)", token: member)
            #expect(unknown.status == .badRequest)
            #expect(try unknown.errorFields() == ["taskid"], "\(unknown.text)")
            let onAnItem = try await client.call(.get, "/api/v1/time-entries/\(design)?fields=id", token: member)
            #expect(onAnItem.status == .badRequest)
            let expenses = try await client.call(.get, "/api/v1/expenses?client_id=\(world.roles.clientID)&rechargeable=true", token: member)
            #expect(expenses.status == .ok, "\(expenses.text)")
        }
    }

    /// Issue 10 items 3 and 19: `"biilable": false` was accepted (201, billable true); and
    /// a body with several problems named one per round trip.
    @Test func aBodyNamesEveryUnknownAndInvalidFieldInOneAnswer() async throws {
        try await withTimeApp { (world, client) async throws in
            let typo = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", extra: #","biilable":false"#))
            #expect(typo.status == .unprocessableContent, "\(typo.text)")
            #expect(try typo.errorFields() == ["biilable"])
            #expect(typo.text.contains("unknown field"))
            #expect(try await world.count("time_entries") == 0)

            let project = try await client.call(
                .post, "/api/v1/projects", token: world.token(.admin), body: #"{"client_id":"\#(world.roles.clientID)","name":"Site","colour":"red"}"#)
            #expect(project.status == .unprocessableContent, "\(project.text)")
            #expect(try project.errorFields() == ["billing_model", "code", "colour", "team_id"], "\(project.text)")
            #expect(try project.object()["detail"] as? String == "4 fields are invalid.")
        }
    }

    /// Issue 11 item 10: messages named Swift types ("must be a Dictionary<String, Any>").
    @Test func errorMessagesNameJSONShapesNotSwiftTypes() async throws {
        try await withTimeApp { (world, client) async throws in
            let wrong = try await client.call(
                .post, "/api/v1/projects", token: world.token(.admin),
                body: #"{"client_id":"\#(world.roles.clientID)","team_id":"\#(world.roles.teamID)","name":"A","code":"A","billing_model":"retainer","budget_amount":null,"contract_amount":[1]}"#)
            #expect(wrong.status == .unprocessableContent, "\(wrong.text)")
            #expect(!wrong.text.contains("Dictionary") && !wrong.text.contains("Swift") && !wrong.text.contains("Cannot initialize"), "\(wrong.text)")
            let role = try await client.call(
                .post, "/api/v1/users", token: world.token(.admin),
                body: #"{"email":"x@agency.test","name":"X","role":"boss","password":"a long enough password"}"#)
            #expect(role.text.contains("must be one of admin, manager, member, client"), "\(role.text)")
        }
    }
}
