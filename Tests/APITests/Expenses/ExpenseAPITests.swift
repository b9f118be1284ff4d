import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import TestSupport
import Testing

@Suite struct ExpenseAPITests {
    @Test func anAuthorRecordsAnExpenseAndReadsWhatItBills() async throws {
        try await withExpenseApp { (world, client) async throws in
            let response = try await client.call(
                .post, "/api/v1/expenses", token: world.token(.member),
                body: world.expenseJSON(extra: #","markup_bp":1000,"note":"Train to the client""#))
            #expect(response.status == .created, "\(response.text)")
            let created = try response.object()
            let id = try #require(created["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/expenses/\(id)")
            #expect(response.headers[.eTag] == "\"1\"")
            #expect(created["vat_rate_bp"] as? Int == 2000, "the agency's default VAT rate")
            #expect(created["rechargeable"] as? Bool == true)
            #expect(created["status"] as? String == "open")
            #expect(created.money("amount")?.amountMinor == 12_000)
            #expect(created.money("billable_amount")?.amountMinor == 13_200)
            #expect(created.money("vat_amount")?.amountMinor == 2640)
            #expect((created["receipts"] as? [Any])?.isEmpty == true)

            let read = try await client.call(.get, "/api/v1/expenses/\(id)", token: world.token(.member))
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(try read.object()["note"] as? String == "Train to the client")
            #expect(try await world.count("audit_events", where: "action = 'expense.created'") == 1)
        }
    }

    @Test func badInputIs422NamingEachFieldAndWritesNothing() async throws {
        try await withExpenseApp { (world, client) async throws in
            let cases: [(body: String, fields: [String])] = [
                (world.expenseJSON().replacingOccurrences(of: "travel", with: "lunch"), ["category"]),
                (world.expenseJSON(amountMinor: -500), ["amount.amount_minor"]),
                (world.expenseJSON(amountMinor: 0), ["amount.amount_minor"]),
                (world.expenseJSON().replacingOccurrences(of: "\"EUR\"", with: "\"USD\""), ["amount.currency"]),
                (world.expenseJSON().replacingOccurrences(of: "\"EUR\"", with: "\"euro\""), ["amount.currency"]),
                (world.expenseJSON(extra: #","vat_rate_bp":10001"#), ["vat_rate_bp"]),
                (world.expenseJSON(extra: #","vat_rate_bp":-1,"markup_bp":100001"#), ["markup_bp", "vat_rate_bp"]),
                (world.expenseJSON(extra: #","markup_bp":-5"#), ["markup_bp"]),
                (world.expenseJSON(extra: #","markup_bp":2.5"#), ["markup_bp"]),
                (world.expenseJSON(extra: #","receipt":"x""#), ["receipt"]),
                (#"{"project_id":"\#(world.projectID)","expense_date":"2026-03-02","category":"travel"}"#, ["amount"]),
                (world.expenseJSON().replacingOccurrences(of: "2026-03-02", with: "March 2"), ["expense_date"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, "/api/v1/expenses", token: world.token(.member), body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body): \(response.text)")
            }
            let foreign = try await client.call(
                .post, "/api/v1/expenses", token: world.token(.member),
                body: world.expenseJSON().replacingOccurrences(of: "\"EUR\"", with: "\"USD\""))
            let message = try #require((try foreign.object()["errors"] as? [[String: Any]])?.first?["message"] as? String)
            #expect(message.contains("EUR"), "the project's currency is named: \(message)")
            #expect(try await world.count("expenses") == 0)
            #expect(try await world.count("audit_events", where: "action LIKE 'expense.%'") == 0)
        }
    }

    @Test func onlyMembersOfAnActiveProjectRecordExpensesOnIt() async throws {
        try await withExpenseApp { (world, client) async throws in
            let closed = try await world.newProject(members: [.member], status: "closed")
            let notMine = try await world.newProject(members: [.manager])
            #expect(
                try await client.call(.post, "/api/v1/expenses", token: world.token(.member), body: world.expenseJSON(project: closed.project))
                    .errorFields() == ["project_id"])
            #expect(
                try await client.call(.post, "/api/v1/expenses", token: world.token(.member), body: world.expenseJSON(project: notMine.project))
                    .status == .forbidden)
            #expect(
                try await client.call(.post, "/api/v1/expenses", token: world.token(.member), body: world.expenseJSON(project: ProjectID.random()))
                    .status == .notFound)
            #expect(try await client.call(.post, "/api/v1/expenses", token: world.token(.client), body: world.expenseJSON()).status == .forbidden)
            #expect(try await world.count("expenses") == 0)
        }
    }

    @Test func aRetriedCreateWithTheSameIdempotencyKeyCreatesOnce() async throws {
        try await withExpenseApp { (world, client) async throws in
            let headers: HTTPFields = [
                .authorization: "Bearer \(world.token(.member))", .contentType: "application/json",
                HTTPField.Name("Idempotency-Key")!: "expense-retry-1",
            ]
            let first = try await client.execute(
                uri: "/api/v1/expenses", method: .post, headers: headers, body: ByteBuffer(string: world.expenseJSON()))
            let second = try await client.execute(
                uri: "/api/v1/expenses", method: .post, headers: headers, body: ByteBuffer(string: world.expenseJSON()))
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(try first.object()["id"] as? String == (try second.object()["id"] as? String))
            #expect(second.headers[.location] == first.headers[.location])
            #expect(try await world.count("expenses") == 1)
        }
    }

    @Test func patchNeedsTheCurrentVersionAndKeepsTheRules() async throws {
        try await withExpenseApp { (world, client) async throws in
            let id = try await world.insertExpense()
            let path = "/api/v1/expenses/\(id)"
            let missing = try await client.call(.patch, path, token: world.token(.member), body: #"{"note":"Taxi"}"#)
            #expect(missing.status == .preconditionRequired)
            #expect(missing.isProblem)
            let stale = try await client.call(.patch, path, token: world.token(.member), body: #"{"note":"Taxi"}"#, ifMatch: "\"7\"")
            expectProblem(stale, .versionMismatch)
            #expect(try await world.expenseVersion(id) == 1)

            let changed = try await client.call(
                .patch, path, token: world.token(.member),
                body: #"{"note":"Taxi","category":"other","amount":{"amount_minor":5000},"markup_bp":0,"vat_rate_bp":550}"#, ifMatch: "\"1\"")
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.headers[.eTag] == "\"2\"")
            let body = try changed.object()
            #expect(body["category"] as? String == "other")
            #expect(body.money("billable_amount")?.amountMinor == 5000)
            #expect(body.money("vat_amount")?.amountMinor == 275)

            for (bad, field) in [
                (#"{"amount":{"amount_minor":5000,"currency":"USD"}}"#, "amount.currency"),
                (#"{"amount":null}"#, "amount"), (#"{"category":"food"}"#, "category"), (#"{"markup_bp":-1}"#, "markup_bp"),
                (#"{"status":"approved"}"#, "status"),
            ] {
                let refused = try await client.call(.patch, path, token: world.token(.member), body: bad, ifMatch: "\"2\"")
                expectProblem(refused, .invalidInput, "\(bad)")
                #expect(try refused.errorFields() == [field], "\(bad): \(refused.text)")
            }
            #expect(try await world.expenseVersion(id) == 2)
            // Someone else's expense: the manager leads the project but is not the author.
            #expect(try await client.call(.patch, path, token: world.token(.manager), body: #"{"note":"x"}"#, ifMatch: "\"2\"").status == .forbidden)
            #expect(try await client.call(.patch, path, token: world.token(.client), body: #"{"note":"x"}"#, ifMatch: "\"2\"").status == .notFound)
            #expect(try await world.count("audit_events", where: "action = 'expense.updated'") == 1)
        }
    }

    @Test func theListFiltersAndPages() async throws {
        try await withExpenseApp { (world, client) async throws in
            let march2 = try await world.insertExpense("2026-03-02")
            let march3 = try await world.insertExpense("2026-03-03", category: "equipment")
            let march4 = try await world.insertExpense("2026-03-04", status: "submitted")
            let managers = try await world.insertExpense("2026-03-05", by: .manager)
            let token = world.token(.admin)
            func ids(_ query: String) async throws -> [String] {
                try await client.call(.get, "/api/v1/expenses\(query)", token: token).items().compactMap { $0["id"] as? String }
            }
            #expect(try await ids("") == [managers, march4, march3, march2].map(\.description))
            #expect(try await ids("?category=equipment") == [march3.description])
            #expect(try await ids("?status=submitted") == [march4.description])
            #expect(try await ids("?user_id=\(world.user(.manager))") == [managers.description])
            #expect(try await ids("?from=2026-03-03&to=2026-03-04") == [march4, march3].map(\.description))
            #expect(try await ids("?project_id=\(world.work.otherProjectID)") == [])

            let first = try await client.call(.get, "/api/v1/expenses?limit=3", token: token).object()
            #expect((first["items"] as? [Any])?.count == 3)
            let cursor = try #require(first["next_cursor"] as? String)
            #expect(try await ids("?limit=3&cursor=\(cursor)") == [march2.description])

            let bad = try await client.call(.get, "/api/v1/expenses?category=food&limit=500&cursor=zz", token: token)
            #expect(try bad.errorFields() == ["category", "cursor", "limit"])
            // A member sees their own only; the manager their own and their team's projects'.
            #expect(try await client.call(.get, "/api/v1/expenses", token: world.token(.member)).items().count == 3)
            #expect(try await client.call(.get, "/api/v1/expenses", token: world.token(.manager)).items().count == 4)
        }
    }

    @Test func aClientContactSeesOnlyApprovedExpensesOfTheirOwnClientWithoutInternalFields() async throws {
        try await withExpenseApp { (world, client) async throws in
            let approved = try await world.insertExpense(status: "approved")
            let open = try await world.insertExpense()
            let foreign = try await world.insertExpense(project: world.work.otherProjectID, status: "approved")
            let token = world.token(.client)
            let listed = try await client.call(.get, "/api/v1/expenses", token: token).items()
            #expect(listed.compactMap { $0["id"] as? String } == [approved.description])
            let read = try await client.call(.get, "/api/v1/expenses/\(approved)", token: token)
            #expect(read.status == .ok)
            let body = try read.object()
            #expect(body["amount"] == nil, "what the agency paid is internal")
            #expect(body["markup_bp"] == nil)
            #expect(body.money("billable_amount")?.amountMinor == 13_200)
            for hidden in [open, foreign, ExpenseID.random()] {
                let response = try await client.call(.get, "/api/v1/expenses/\(hidden)", token: token)
                #expect(response.status == .notFound)
                #expect(response.isProblem)
                #expect(try await client.call(.get, "/api/v1/expenses/\(hidden)/receipts", token: token).status == .notFound)
            }
        }
    }

    @Test func anAuthorDeletesAnOpenExpenseWithItsReceiptsButNotAnApprovedOne() async throws {
        try await withExpenseApp { (world, client) async throws in
            let open = try await world.insertExpense()
            try await world.insertReceipt(on: open)
            let approved = try await world.insertExpense(status: "approved")
            #expect(try await client.call(.delete, "/api/v1/expenses/\(open)", token: world.token(.manager)).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/expenses/\(open)", token: world.token(.member)).status == .noContent)
            #expect(try await world.count("expenses") == 1)
            #expect(try await world.count("expense_receipts") == 0)
            let refused = try await client.call(.delete, "/api/v1/expenses/\(approved)", token: world.token(.member))
            expectProblem(refused, .conflict)
            #expect(try refused.detail() == "An approved expense is read-only.")
            #expect(try await world.expenseStatus(approved) == "approved")
            let audit = try await world.pool.queryOne("SELECT before::text AS before FROM audit_events WHERE action = 'expense.deleted'").decode("before", as: String.self)
            #expect(audit.contains("ticket.pdf"), "the receipts' metadata is kept in the trail")
            #expect(!audit.contains("PDF-1.4"), "never the bytes")
        }
    }
}
