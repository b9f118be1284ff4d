import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 4, "What it must show", scripted over HTTPS against the real server: the admin
/// sets up a client, a project requiring client validation, a task and a member; the
/// member logs five days and submits the week; the team lead approves; the client
/// contact validates through the signed link; the entries are `client_validated` with
/// their captured rates; the CSV export lists them; re-importing it in dry-run reports
/// every row as a duplicate.
@Suite struct TimeValidationScenarioTests {
    @Test func aWeekGoesFromLoggedToClientValidatedAndItsExportReimportsAsDuplicates() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.ahc(.https)) { client in
                let scenario = Scenario(client: client, people: people)
                let admin = try await scenario.login(people.admin.email)
                let lead = try await scenario.login(people.manager.email)
                let member = try await scenario.login(people.member.email)

                // The admin sets up the client, the project, its task, member and rates.
                let clientID = try await scenario.create(
                    "/api/v1/clients", as: admin, #"{"name":"Acme Industries","currency":"EUR"}"#)
                let projectID = try await scenario.create(
                    "/api/v1/projects", as: admin,
                    #"{"client_id":"\#(clientID)","team_id":"\#(people.teamID)","name":"Acme portal","code":"ACME-1","#
                        + #""billing_model":"time_and_materials","requires_client_validation":true}"#)
                let taskID = try await scenario.create(
                    "/api/v1/projects/\(projectID)/tasks", as: admin, #"{"name":"Development","billable":true}"#)
                let added = try await client.send(
                    .post, "/api/v1/projects/\(projectID)/members", token: admin, json: #"{"user_id":"\#(people.member.id)"}"#)
                #expect(added.status == .created, "\(added.text)")
                for (kind, rate) in [("billable", "85.50"), ("cost", "52.25")] {
                    _ = try await scenario.create(
                        "/api/v1/users/\(people.member.id)/rates", as: admin,
                        #"{"kind":"\#(kind)","effective_from":"2026-01-01","rate":"\#(rate)","currency":"EUR"}"#, idField: nil)
                }

                // The member logs Monday to Friday and submits the week.
                var entryIDs: [String] = []
                for day in 2...6 {
                    entryIDs.append(
                        try await scenario.create(
                            "/api/v1/time-entries", as: member,
                            #"{"project_id":"\#(projectID)","task_id":"\#(taskID)","work_date":"2026-03-0\#(day)","minutes":450,"#
                                + #""note":"Sprint work, day \#(day - 1)"}"#))
                }
                let submitted = try await client.send(.post, "/api/v1/timesheets/submit", token: member, json: #"{"week":"2026-03-04"}"#)
                #expect(submitted.status == .ok, "\(submitted.text)")
                #expect(try submitted.json()["submitted"] as? Int == 5)

                // The team lead approves them.
                let ids = entryIDs.map { "\"\($0)\"" }.joined(separator: ",")
                let approved = try await client.send(
                    .post, "/api/v1/approvals", token: lead, json: #"{"time_entry_ids":[\#(ids)],"decision":"approve"}"#)
                #expect(approved.status == .ok, "\(approved.text)")

                // The lead asks the client; the contact validates through the link, no account.
                let asked = try await client.send(
                    .post, "/api/v1/projects/\(projectID)/validations", token: lead, json: #"{"from":"2026-03-02","to":"2026-03-08"}"#)
                #expect(asked.status == .created, "\(asked.text)")
                let link = try #require(try asked.json()["link"] as? String)
                let page = try await client.sendText(.get, link, headers: [.accept: "text/html"])
                #expect(page.status == .ok)
                #expect(page.text.contains("Acme portal") && page.text.contains("37.50"))
                let decided = try await client.sendText(
                    .post, link, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                    body: "decision=accept&name=Wile+E.+Coyote&comment=")
                #expect(decided.status == .ok, "\(decided.text)")
                #expect(decided.text.contains("Hours accepted"))

                // Every entry is client-validated, with the rates captured at approval.
                let listed = try await client.send(.get, "/api/v1/time-entries?project_id=\(projectID)", token: admin)
                let items = try #require(try listed.json()["items"] as? [[String: Any]])
                #expect(items.count == 5)
                for item in items {
                    #expect(item["status"] as? String == "client_validated")
                    #expect((item["billable_rate"] as? [String: Any])?["rate_scaled"] as? Int == 855_000)
                    #expect((item["cost_rate"] as? [String: Any])?["rate_scaled"] as? Int == 522_500)
                }

                // The export lists them; re-imported in dry run, each row is a duplicate.
                let export = try await client.send(.get, "/api/v1/exports/time-entries.csv?project_id=\(projectID)", token: admin)
                #expect(export.status == .ok)
                let lines = export.text.split(whereSeparator: \.isNewline)
                #expect(lines.count == 6)
                #expect(lines.dropFirst().allSatisfy { $0.contains(",client_validated,") && $0.contains("ACME-1") })
                let dryRun = try await client.sendText(
                    .post, "/api/v1/imports/time-entries?format=sheaf&dry_run=true", token: admin,
                    headers: [.contentType: "text/csv; charset=utf-8"], body: export.text)
                #expect(dryRun.status == .ok, "\(dryRun.text)")
                let report = try dryRun.json()
                #expect(report["duplicates"] as? Int == 5)
                #expect(report["imported"] as? Int == 0)
                #expect((report["rejected"] as? [Any])?.isEmpty == true)
                #expect(report["dry_run"] as? Bool == true)
            }
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM time_entries").decode("n", as: Int.self) == 5)
        }
    }
}

/// The scenario's HTTPS calls.
private struct Scenario {
    let client: any TestClientProtocol
    let people: RoleWorld

    func login(_ email: String) async throws -> String {
        let response = try await client.send(
            .post, "/api/v1/sessions", json: #"{"email":\#(jsonString(email)),"password":\#(jsonString(RoleWorld.password))}"#)
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["token"] as? String)
    }

    /// POSTs `json` and expects 201; returns the created resource's `idField`.
    @discardableResult
    func create(_ uri: String, as token: String, _ json: String, idField: String? = "id") async throws -> String {
        let response = try await client.send(.post, uri, token: token, json: json)
        #expect(response.status == .created, "\(uri): \(response.text)")
        guard let idField else { return "" }
        return try #require(try response.json()[idField] as? String, "\(uri): \(response.text)")
    }
}

extension TestClientProtocol {
    /// A request with a text body and explicit headers (forms, CSV).
    fileprivate func sendText(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers extra: HTTPFields, body: String? = nil
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}
