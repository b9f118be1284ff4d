import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ExpenseWorkflowAPITests {
    @Test func submittedThenApprovedAnExpenseBecomesReadOnly() async throws {
        try await withExpenseApp { (world, client) async throws in
            let id = try await world.insertExpense()
            try await world.insertReceipt(on: id)
            let submitted = try await client.call(.post, "/api/v1/expenses/\(id)/submit", token: world.token(.member))
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect(try submitted.object()["status"] as? String == "submitted")
            #expect(try submitted.object()["submitted_at"] as? String != nil)
            // Submitted: read-only for its author.
            let edit = try await client.call(.patch, "/api/v1/expenses/\(id)", token: world.token(.member), body: #"{"note":"x"}"#, ifMatch: "\"2\"")
            expectProblem(edit, .conflict)

            let approved = try await client.decideExpenses([id], "approve", token: world.token(.manager))
            #expect(approved.status == .ok, "\(approved.text)")
            let body = try approved.object()
            #expect(body["count"] as? Int == 1)
            let decided = try #require((body["expenses"] as? [[String: Any]])?.first)
            #expect(decided["status"] as? String == "approved")
            #expect(decided["approved_by"] as? String == world.user(.manager).description)
            #expect(try await world.expenseStatus(id) == "approved")

            let version = try await world.expenseVersion(id)
            let patch = try await client.call(.patch, "/api/v1/expenses/\(id)", token: world.token(.member), body: #"{"note":"x"}"#, ifMatch: "\"\(version)\"")
            expectProblem(patch, .conflict)
            #expect(try patch.detail() == "An approved expense is read-only.")
            #expect(try await client.call(.delete, "/api/v1/expenses/\(id)", token: world.token(.member)).status == .conflict)
            #expect(try await client.upload(ReceiptBytes.pdf, to: id, token: world.token(.member)).status == .conflict)
            let receipt = try #require(try await client.call(.get, "/api/v1/expenses/\(id)/receipts", token: world.token(.member)).items().first?["id"] as? String)
            #expect(try await client.call(.delete, "/api/v1/expenses/\(id)/receipts/\(receipt)", token: world.token(.member)).status == .conflict)
            // Even a write that skips the service is refused by the database.
            await #expect(throws: PostgresError.self) {
                try await world.pool.execute("UPDATE expenses SET amount_minor = 1 WHERE id = \(id)")
            }
            #expect(try await world.count("audit_events", where: "action IN ('expense.submitted', 'expense.approved')") == 2)
            #expect(try await world.expenseVersion(id) == version)
        }
    }

    @Test func eachIllegalTransitionIsRefusedWithAProblemAndNoChange() async throws {
        try await withExpenseApp { (world, client) async throws in
            let submits: [(status: String, sentence: String)] = [
                ("submitted", "A submitted expense cannot be submitted again."),
                ("approved", "An approved expense cannot be submitted again."),
                ("client_validated", "A client-validated expense cannot be submitted again."),
                ("invoiced", "An invoiced expense cannot be submitted again."),
            ]
            for (status, sentence) in submits {
                let id = try await world.insertExpense(status: status)
                let response = try await client.call(.post, "/api/v1/expenses/\(id)/submit", token: world.token(.member))
                expectProblem(response, .conflict, "\(status) submit")
                #expect(try response.detail() == sentence)
                #expect(try await world.expenseStatus(id) == status)
                #expect(try await world.expenseVersion(id) == 1)
            }
            let decisions: [(status: String, decision: String, sentence: String)] = [
                ("open", "approve", "An open expense must be submitted before it can be approved."),
                ("approved", "approve", "An approved expense cannot be approved again."),
                ("client_validated", "approve", "A client-validated expense cannot be approved again."),
                ("invoiced", "approve", "An invoiced expense cannot be approved again."),
                ("open", "reject", "Only a submitted expense can be rejected; this one is open."),
                ("approved", "reject", "Only a submitted expense can be rejected; this one is approved."),
                ("client_validated", "reject", "Only a submitted expense can be rejected; this one is client-validated."),
                ("invoiced", "reject", "Only a submitted expense can be rejected; this one is invoiced."),
            ]
            for (status, decision, sentence) in decisions {
                let id = try await world.insertExpense(status: status)
                let response = try await client.decideExpenses([id], decision, reason: "Not right", token: world.token(.admin))
                expectProblem(response, .conflict, "\(status) \(decision)")
                #expect(try response.detail() == "\(sentence) (expense \(id))")
                #expect(try await world.expenseStatus(id) == status)
                #expect(try await world.expenseVersion(id) == 1)
            }
            // Someone else's expense: only its author submits it; a contact cannot see it.
            let members = try await world.insertExpense()
            #expect(try await client.call(.post, "/api/v1/expenses/\(members)/submit", token: world.token(.manager)).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/expenses/\(members)/submit", token: world.token(.client)).status == .notFound)
            #expect(try await world.count("audit_events", where: "action LIKE 'expense.%'") == 0)
        }
    }

    @Test func aRejectedExpenseReturnsToItsAuthorWithTheReason() async throws {
        try await withExpenseApp { (world, client) async throws in
            let id = try await world.insertExpense(status: "submitted")
            let silent = try await client.decideExpenses([id], "reject", reason: " ", token: world.token(.manager))
            #expect(try silent.errorFields() == ["reason"])
            let rejected = try await client.decideExpenses([id], "reject", reason: "Attach the ticket", token: world.token(.manager))
            #expect(rejected.status == .ok)
            let read = try await client.call(.get, "/api/v1/expenses/\(id)", token: world.token(.member)).object()
            #expect(read["status"] as? String == "open")
            #expect(read["rejection_reason"] as? String == "Attach the ticket")
            #expect(try await world.count("audit_events", where: "action = 'expense.rejected'") == 1)
            let again = try await client.call(.post, "/api/v1/expenses/\(id)/submit", token: world.token(.member)).object()
            #expect(again["status"] as? String == "submitted")
            #expect(again["rejection_reason"] is NSNull)
        }
    }

    @Test func theQueueListsEntriesAndExpensesInOneOrder() async throws {
        try await withExpenseApp { (world, client) async throws in
            let entry2 = try await world.insertEntry("2026-03-02", status: "submitted", note: "Mockups")
            let expense3 = try await world.insertExpense("2026-03-03", status: "submitted", note: "Hotel")
            let entry4 = try await world.insertEntry("2026-03-04", status: "submitted")
            let expense2 = try await world.insertExpense("2026-03-02", status: "submitted")
            try await world.insertExpense("2026-03-02")  // open: not in the queue
            let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [.member])
            let foreign = try await world.insertExpense("2026-03-01", project: elsewhere.project, status: "submitted")

            let march2 = [entry2.uuid, expense2.uuid].sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() }
                .map { $0.uuidString.lowercased() }
            let expected = march2 + [expense3.description, entry4.description]
            let queue = try await client.call(.get, "/api/v1/approvals", token: world.token(.manager)).items()
            #expect(queue.compactMap { $0["id"] as? String } == expected)
            let hotel = try #require(queue.first { $0["id"] as? String == expense3.description })
            #expect(hotel["kind"] as? String == "expense")
            #expect(hotel["note"] as? String == "Hotel")
            #expect(hotel["expense_date"] as? String == "2026-03-03")
            #expect(hotel.money("billable_amount")?.amountMinor == 13_200)
            #expect((hotel["user"] as? [String: Any])?["name"] as? String == "Mia Member")
            let mockups = try #require(queue.first { $0["id"] as? String == entry2.description })
            #expect(mockups["kind"] as? String == "time_entry")
            #expect(mockups["work_date"] as? String == "2026-03-02")
            #expect(mockups["minutes"] as? Int == 60)

            // One cursor walks both kinds.
            var walked: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.call(
                    .get, "/api/v1/approvals?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), token: world.token(.manager)).object()
                walked += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && walked.count < 10
            #expect(walked == expected)

            let admin = try await client.call(.get, "/api/v1/approvals", token: world.token(.admin)).items()
            #expect(admin.first?["id"] as? String == foreign.description)
            let week = try await client.call(.get, "/api/v1/approvals?week=2026-03-02&user_id=\(world.user(.member))", token: world.token(.admin)).items()
            #expect(week.count == 4)
        }
    }

    @Test func approvalsMixEntriesAndExpensesAllOrNothing() async throws {
        try await withExpenseApp { (world, client) async throws in
            let entry = try await world.insertEntry("2026-03-02", status: "submitted")
            let expense = try await world.insertExpense(status: "submitted")
            let open = try await world.insertExpense()

            let refused = try await client.decideExpenses([expense, open], entries: [entry], "approve", token: world.token(.admin))
            expectProblem(refused, .conflict)
            #expect(try await world.status(of: entry) == "submitted")
            #expect(try await world.expenseStatus(expense) == "submitted")
            #expect(try await client.decideExpenses([expense, ExpenseID.random()], entries: [entry], "approve", token: world.token(.admin)).status == .notFound)
            #expect(try await client.decideExpenses([expense, expense], "approve", token: world.token(.admin)).errorFields() == ["expense_ids"])
            #expect(try await client.decideExpenses([], "approve", token: world.token(.admin)).errorFields() == ["time_entry_ids"])
            #expect(try await world.status(of: entry) == "submitted")

            let both = try await client.decideExpenses([expense], entries: [entry], "approve", token: world.token(.manager))
            #expect(both.status == .ok, "\(both.text)")
            let body = try both.object()
            #expect(body["count"] as? Int == 2)
            #expect((body["time_entries"] as? [[String: Any]])?.first?["id"] as? String == entry.description)
            #expect(body["items"] == nil)
            #expect((body["expenses"] as? [[String: Any]])?.first?["id"] as? String == expense.description)
            #expect(try await world.status(of: entry) == "approved")
            #expect(try await world.expenseStatus(expense) == "approved")
            #expect(try await world.count("audit_events", where: "action IN ('time_entry.approved', 'expense.approved')") == 2)
        }
    }

    @Test func onlyTheTeamLeadOrTheAdminApprovesExpenses() async throws {
        try await withExpenseApp { (world, client) async throws in
            let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [.member])
            let foreign = try await world.insertExpense(project: elsewhere.project, status: "submitted")
            let own = try await world.insertExpense(status: "submitted")
            #expect(try await client.decideExpenses([foreign], "approve", token: world.token(.manager)).status == .notFound)
            #expect(try await client.decideExpenses([own], "approve", token: world.token(.member)).status == .forbidden)
            #expect(try await client.decideExpenses([own], "approve", token: world.token(.client)).status == .forbidden)
            #expect(try await world.expenseStatus(foreign) == "submitted")
            #expect(try await client.decideExpenses([foreign], "approve", token: world.token(.admin)).status == .ok)
        }
    }
}
