import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 5, "What it must show", scripted over HTTPS against the real server:
/// - a fixed-price project of 10 000.00 EUR with milestones 30/40/30: the first
///   delivered and accepted by the client contact (a validation record with the digest
///   of the milestone and its criteria), the second rejected with a comment;
/// - a change request quoted at 1 200.00 EUR and accepted through its signed link,
///   moving the current budget while the baseline stays;
/// - a retainer of 2 000.00 EUR a month with 20 included hours: 26 approved hours in
///   a period give 6 overage hours;
/// - an expense of 120.00 EUR with a 10 % markup and a PDF receipt, approved;
/// and each of them is then visible as billable.
@Suite struct BillablesScenarioTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    @Test func fixedPriceMilestonesAChangeRequestARetainerAndAnExpenseBecomeBillable() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            configuration.publicURL = "https://sheaf.example"
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.ahc(.https)) { client in
                let run = ScenarioCalls(client: client)
                let admin = try await run.login(people.admin.email)
                let lead = try await run.login(people.manager.email)
                let member = try await run.login(people.member.email)
                let contact = try await run.login(people.client.email)

                // The admin sets up a fixed-price build of 10 000.00 EUR (baseline: 100 h,
                // 10 000.00 EUR) for the contact's client, run by the lead's team.
                let build = try await run.create(
                    "/api/v1/projects", as: admin,
                    #"{"client_id":"\#(people.clientID)","team_id":"\#(people.teamID)","name":"Acme shop build","code":"ACME-SHOP","#
                        + #""billing_model":"fixed_price","contract_amount":{"amount_minor":1000000,"currency":"EUR"},"#
                        + #""budget_amount":{"amount_minor":1000000,"currency":"EUR"},"budget_minutes":6000}"#)
                try await run.expect(.created, .post, "/api/v1/projects/\(build)/members", as: admin, #"{"user_id":"\#(people.member.id)"}"#)
                for (kind, rate) in [("billable", "85.50"), ("cost", "52.25")] {
                    try await run.expect(
                        .created, .post, "/api/v1/users/\(people.member.id)/rates", as: admin,
                        #"{"kind":"\#(kind)","effective_from":"2026-01-01","rate":"\#(rate)","currency":"EUR"}"#)
                }

                // Milestones 30/40/30 from the quote; a fourth share is refused with the sum.
                var milestones: [String] = []
                for (name, share) in [("Design", "30"), ("Build", "40"), ("Launch", "30")] {
                    milestones.append(
                        try await run.create(
                            "/api/v1/projects/\(build)/milestones", as: lead,
                            #"{"name":"\#(name)","percentage":"\#(share)","due_date":"2026-06-30","#
                                + #""acceptance_criteria":"\#(name) signed off by the product owner"}"#))
                }
                let tooMuch = try await run.send(.post, "/api/v1/projects/\(build)/milestones", as: lead, #"{"name":"Extra","percentage":"5"}"#)
                expectProblem(tooMuch, .invalidInput)
                #expect(tooMuch.text.contains("100.00 %"), "\(tooMuch.text)")

                // The first is delivered and accepted by the client contact, logged in.
                let delivered = try await run.expect(.ok, .post, "/api/v1/milestones/\(milestones[0])/deliver", as: lead, nil)
                #expect(delivered["status"] as? String == "delivered")
                #expect((delivered["link"] as? String)?.hasPrefix("https://sheaf.example/api/v1/validation-links/") == true)
                let accepted = try await run.expect(.ok, .post, "/api/v1/milestones/\(milestones[0])/accept", as: contact, #"{"comment":"Looks great"}"#)
                #expect(accepted["status"] as? String == "accepted")
                #expect(accepted["billable"] as? Bool == true)
                #expect(accepted.money("amount")?.amountMinor == 300_000)
                let record = try #require(accepted["validation"] as? [String: Any])
                #expect(record["kind"] as? String == "milestone")
                #expect(record["decision"] as? String == "accept")
                #expect(record["decided_via"] as? String == "account")
                #expect(record["decided_by"] as? String == people.client.id.description)
                #expect(record["client_address"] as? String != nil)
                let content = try #require(record["content"] as? String)
                #expect(content.contains("Design signed off by the product owner") && content.contains(#""value":"3000.00""#))
                #expect(record["content_digest"] as? String == SHA256Digest(hashing: content).hexString)

                // The second is delivered and rejected with a comment.
                try await run.expect(.ok, .post, "/api/v1/milestones/\(milestones[1])/deliver", as: lead, nil)
                let rejected = try await run.expect(
                    .ok, .post, "/api/v1/milestones/\(milestones[1])/reject", as: contact, #"{"comment":"Checkout fails on mobile"}"#)
                #expect(rejected["status"] as? String == "rejected")
                #expect(rejected["billable"] as? Bool == false)
                #expect(rejected["decision_comment"] as? String == "Checkout fails on mobile")

                // A change request quoted at 1 200.00 EUR (10 h), accepted through its signed link.
                let change = try await run.create(
                    "/api/v1/projects/\(build)/change-requests", as: lead,
                    #"{"title":"Newsletter","description":"Monthly newsletter template","estimated_hours":"10","#
                        + #""pricing":"fixed","amount":{"amount_minor":120000}}"#)
                let quoted = try await run.expect(.ok, .post, "/api/v1/change-requests/\(change)/quote", as: lead, nil)
                let link = try #require(quoted["link"] as? String)
                let path = String(link.dropFirst("https://sheaf.example".count))
                let page = try await run.text(.get, path, headers: [.accept: "text/html"])
                #expect(page.status == .ok)
                #expect(page.text.contains("Newsletter") && page.text.contains("€1,200.00"))
                let acceptedPage = try await run.text(
                    .post, path, headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html"],
                    body: "decision=accept&name=Cleo+Client&comment=")
                #expect(acceptedPage.status == .ok, "\(acceptedPage.text)")
                let acceptedChange = try await run.expect(.ok, .get, "/api/v1/change-requests/\(change)", as: admin, nil)
                #expect(acceptedChange["status"] as? String == "accepted")
                #expect(acceptedChange["task_id"] as? String != nil)
                let changeRecord = try await pool.queryOne(
                    "SELECT decided_via, content, content_digest FROM validations WHERE subject_id = \(UUID(uuidString: change)!)")
                #expect(try changeRecord.decode("decided_via", as: String.self) == "link")
                #expect(
                    try changeRecord.decode("content_digest", as: String.self)
                        == SHA256Digest(hashing: try changeRecord.decode("content", as: String.self)).hexString)

                // The budget moved; the baseline stayed.
                let budget = try await run.expect(.ok, .get, "/api/v1/projects/\(build)/budget", as: admin, nil)
                func figure(_ key: String) -> [String: Any] { budget[key] as? [String: Any] ?? [:] }
                func minor(_ key: String) -> Int? { (figure(key)["amount"] as? [String: Any])?["amount_minor"] as? Int }
                #expect(minor("baseline") == 1_000_000)
                #expect(minor("current") == 1_120_000)
                #expect(figure("baseline")["minutes"] as? Int == 6000)
                #expect(figure("current")["minutes"] as? Int == 6600)
                #expect((budget["accepted_changes"] as? [[String: Any]])?.count == 1)

                // A retainer project: 2 000.00 EUR a month, 20 h included, 95.00 EUR/h overage.
                let care = try await run.create(
                    "/api/v1/projects", as: admin,
                    #"{"client_id":"\#(people.clientID)","team_id":"\#(people.teamID)","name":"Acme care","code":"ACME-CARE","#
                        + #""billing_model":"retainer"}"#)
                try await run.expect(.created, .post, "/api/v1/projects/\(care)/members", as: admin, #"{"user_id":"\#(people.member.id)"}"#)
                let support = try await run.create("/api/v1/projects/\(care)/tasks", as: admin, #"{"name":"Support","billable":true}"#)
                try await run.expect(
                    .created, .put, "/api/v1/projects/\(care)/retainer", as: admin,
                    #"{"monthly_fee":{"amount_minor":200000,"currency":"EUR"},"included_minutes":1200,"overage_rate":"95.00","#
                        + #""period_start_day":1,"start_date":"2026-01-01","end_date":null,"unused_rule":"forfeit","#
                        + #""alert_threshold_percent":80,"renewal_notes":"Review in December"}"#)

                // The member logs 26 h in February (4 × 6.5 h), submits; the lead approves.
                var entries: [String] = []
                for day in 2...5 {
                    entries.append(
                        try await run.create(
                            "/api/v1/time-entries", as: member,
                            #"{"project_id":"\#(care)","task_id":"\#(support)","work_date":"2026-02-0\#(day)","minutes":390}"#))
                }
                try await run.expect(.ok, .post, "/api/v1/timesheets/submit", as: member, #"{"week":"2026-02-02"}"#)

                // An expense of 120.00 EUR with a 10 % markup and a PDF receipt, submitted.
                let expense = try await run.create(
                    "/api/v1/expenses", as: member,
                    #"{"project_id":"\#(build)","expense_date":"2026-02-03","category":"travel","#
                        + #""amount":{"amount_minor":12000,"currency":"EUR"},"vat_rate_bp":2000,"rechargeable":true,"markup_bp":1000,"#
                        + #""note":"Train to the kick-off workshop"}"#)
                let upload = try await client.execute(
                    uri: "/api/v1/expenses/\(expense)/receipts", method: .post,
                    headers: [.authorization: "Bearer \(member)", .contentType: "application/pdf", .contentDisposition: #"attachment; filename="ticket.pdf""#],
                    body: ByteBuffer(bytes: Self.pdf))
                #expect(upload.status == .created, "\(String(buffer: upload.body))")
                try await run.expect(.ok, .post, "/api/v1/expenses/\(expense)/submit", as: member, nil)

                // One approval covers the week's time and the expense.
                let queue = try await run.expect(.ok, .get, "/api/v1/approvals", as: lead, nil)
                let kinds = (queue["items"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds.filter { $0 == "time_entry" }.count == 4 && kinds.filter { $0 == "expense" }.count == 1)
                let ids = entries.map { "\"\($0)\"" }.joined(separator: ",")
                try await run.expect(
                    .ok, .post, "/api/v1/approvals", as: lead, #"{"time_entry_ids":[\#(ids)],"expense_ids":["\#(expense)"],"decision":"approve"}"#)

                // 26 approved hours against 20 included: 6 overage hours at 95.00 EUR.
                let periods = try await run.expect(.ok, .get, "/api/v1/projects/\(care)/retainer/periods?through=2026-03-31", as: admin, nil)
                let items = try #require(periods["items"] as? [[String: Any]])
                let february = try #require(items.first { $0["from"] as? String == "2026-02-01" })
                #expect(february["included_minutes"] as? Int == 1200)
                #expect(february["consumed_minutes"] as? Int == 1560)
                #expect(february["overage_hours"] as? String == "6.00")
                #expect(february.money("overage_amount")?.amountMinor == 57_000)
                #expect(february["threshold_crossed"] as? Bool == true)

                // The approved expense bills 132.00 EUR and keeps its receipt.
                let approvedExpense = try await run.expect(.ok, .get, "/api/v1/expenses/\(expense)", as: admin, nil)
                #expect(approvedExpense["status"] as? String == "approved")
                #expect(approvedExpense.money("billable_amount")?.amountMinor == 13_200)
                let receipts = try #require(approvedExpense["receipts"] as? [[String: Any]])
                #expect(receipts.count == 1 && receipts.first?["content_type"] as? String == "application/pdf")
                let receiptID = try #require(receipts.first?["id"] as? String)
                let download = try await client.execute(
                    uri: "/api/v1/expenses/\(expense)/receipts/\(receiptID)", method: .get, headers: [.authorization: "Bearer \(admin)"])
                #expect(download.headers[.contentType] == "application/pdf")
                #expect(Array(download.body.readableBytesView) == Self.pdf)

                // Visible as billable: the accepted milestone, the accepted change request, the
                // retainer's overage and the approved expense.
                let acceptedList = try await run.expect(.ok, .get, "/api/v1/projects/\(build)/milestones?status=accepted", as: admin, nil)
                #expect((acceptedList["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [milestones[0]])
                let changes = try await run.expect(.ok, .get, "/api/v1/projects/\(build)/change-requests", as: admin, nil)
                let billedChange = (changes["items"] as? [[String: Any]])?.first
                #expect(billedChange?["status"] as? String == "accepted")
                #expect((billedChange?["amount"] as? [String: Any])?["amount_minor"] as? Int == 120_000)
                let expenses = try await run.expect(.ok, .get, "/api/v1/expenses?status=approved&project_id=\(build)", as: admin, nil)
                #expect((expenses["items"] as? [[String: Any]])?.count == 1)
            }

            // Nothing is invoiced yet; every state change left an audit event.
            let actions = try await pool.query("SELECT DISTINCT action FROM audit_events ORDER BY action") { try $0.decode("action", as: String.self) }
            for action in [
                "milestone.delivered", "milestone.accepted", "milestone.rejected", "change_request.quoted", "change_request.accepted",
                "retainer.created", "expense.created", "expense.receipt_added", "expense.submitted", "expense.approved",
            ] {
                #expect(actions.contains(action), "missing audit action \(action) in \(actions)")
            }
        }
    }
}

/// The scenario's HTTPS calls, each checked for its status.
private struct ScenarioCalls {
    let client: any TestClientProtocol

    func login(_ email: String) async throws -> String {
        let response = try await client.send(
            .post, "/api/v1/sessions", json: #"{"email":\#(jsonString(email)),"password":\#(jsonString(RoleWorld.password))}"#)
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["token"] as? String)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, as token: String, _ json: String?) async throws -> TestResponse {
        guard let json else {
            return try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer \(token)"], body: nil)
        }
        return try await client.send(method, uri, token: token, json: json)
    }

    /// Sends and expects `status`; returns the JSON object answered (empty for none).
    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ uri: String, as token: String, _ json: String?
    ) async throws -> [String: Any] {
        let response = try await send(method, uri, as: token, json)
        #expect(response.status == status, "\(method) \(uri): \(response.text)")
        return response.text.isEmpty ? [:] : (try response.json())
    }

    /// POSTs `json`, expects 201 with a Location, returns the new id.
    func create(_ uri: String, as token: String, _ json: String) async throws -> String {
        let response = try await send(.post, uri, as: token, json)
        #expect(response.status == .created, "\(uri): \(response.text)")
        #expect(response.headers[.location] != nil)
        return try #require(try response.json()["id"] as? String, "\(uri): \(response.text)")
    }

    func text(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}
