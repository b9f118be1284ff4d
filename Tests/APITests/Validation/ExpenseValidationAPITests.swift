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
    /// Inserts an expense as stored: by default the member's approved, rechargeable
    /// 120.00 EUR travel expense with a 10 % markup (132.00 billed) on the world's project.
    @discardableResult
    fileprivate func insertPeriodExpense(
        _ date: String, amountMinor: Int64 = 12_000, status: String = "approved", rechargeable: Bool = true, markup: Int = 1000,
        category: String = "travel", note: String = "", project: ProjectID? = nil
    ) async throws -> ExpenseID {
        let id = ExpenseID.random()
        let approved = !["open", "submitted"].contains(status)
        try await pool.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                  markup_bp, note, status, submitted_at, approved_by, approved_at)
            VALUES (\(id), \(work.roles.member.id), \(project ?? projectID), \(date)::date, \(category), \(amountMinor), 'EUR', 2000,
                    \(rechargeable), \(markup), \(note), \(status), \(status == "open" ? nil : Date()),
                    \(approved ? work.roles.manager.id : nil), \(approved ? Date() : nil))
            """)
        return id
    }

    /// The workflow columns of an expense, as stored.
    fileprivate func expenseState(_ id: ExpenseID) async throws -> (
        status: String, validationID: UUID?, clientRejectionComment: String?, approvedBy: UUID?, version: Int
    ) {
        let row = try await pool.queryOne("SELECT status, validation_id, client_rejection_comment, approved_by, version FROM expenses WHERE id = \(id)")
        return (
            try row.decode("status"), try row.decode("validation_id"), try row.decode("client_rejection_comment"), try row.decode("approved_by"),
            try row.decode("version")
        )
    }
}

/// The canonical document of a validation's `content`.
private func contentDocument(_ record: [String: Any]) throws -> [String: Any] {
    let content = try #require(record["content"] as? String)
    return try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any])
}

/// `{"value": "132.00", "currency": "EUR"}` as `"132.00 EUR"`.
private func amountText(_ value: Any?) -> String? {
    guard let amount = value as? [String: Any], let decimal = amount["value"] as? String, let currency = amount["currency"] as? String
    else { return nil }
    return "\(decimal) \(currency)"
}

/// Issue 5 item 1: on a project that needs the client's validation, the approved,
/// rechargeable expenses of a period are validated with its time, in one record.
@Suite struct ExpenseValidationAPITests {
    @Test func aRequestCoversThePeriodsApprovedRechargeableExpensesWithTheTimeAndNothingElse() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let covered = try await world.insertPeriodExpense("2026-05-19", note: "Train to Lyon")
            let inHouse = try await world.insertPeriodExpense("2026-05-19", rechargeable: false)
            let open = try await world.insertPeriodExpense("2026-05-20", status: "open")
            let submitted = try await world.insertPeriodExpense("2026-05-20", status: "submitted")
            let nextWeek = try await world.insertPeriodExpense("2026-05-25")
            let earlier = try await world.insertPeriodExpense("2026-05-17")
            let otherProject = try await world.insertPeriodExpense("2026-05-19", project: world.work.otherProjectID)

            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            #expect(created.body["expense_ids"] as? [String] == [covered.description])
            #expect(Set(created.body["entry_ids"] as? [String] ?? []) == Set(entries.map(\.description)))

            let fetched = try await client.call(.get, "/api/v1/validations/\(created.id)", token: try await world.token(.client)).object()
            #expect(fetched["expense_ids"] as? [String] == [covered.description])
            let content = try #require(fetched["content"] as? String)
            let digest = try #require(fetched["content_digest"] as? String)
            #expect(SHA256Digest(hashing: Data(content.utf8)).hexString == digest)
            #expect(digest == created.body["content_digest"] as? String)
            let document = try contentDocument(fetched)
            let expenses = try #require(document["expenses"] as? [[String: Any]])
            #expect(expenses.count == 1)
            let expense = try #require(expenses.first)
            #expect(expense["id"] as? String == covered.description)
            #expect(expense["date"] as? String == "2026-05-19")
            #expect(expense["category"] as? String == "travel")
            #expect(expense["note"] as? String == "Train to Lyon")
            #expect(expense["person"] as? String == "Mia Member")
            #expect(amountText(expense["amount"]) == "132.00 EUR")  // 120.00 + 10 % markup, VAT excluded
            #expect(amountText(document["expenses_total"]) == "132.00 EUR")
            #expect((document["total"] as? [String: Any])?["hours"] as? String == "41.00")

            #expect(try await world.expenseState(covered).validationID?.uuidString.lowercased() == created.id.lowercased())
            #expect(try await world.expenseState(covered).status == "approved")
            for (id, status) in [
                (inHouse, "approved"), (open, "open"), (submitted, "submitted"), (nextWeek, "approved"), (earlier, "approved"),
                (otherProject, "approved"),
            ] {
                let state = try await world.expenseState(id)
                #expect(state.status == status && state.validationID == nil, "\(status) expense \(id)")
            }
            let audit = try await world.pool.queryOne(
                "SELECT after::text AS after FROM audit_events WHERE action = 'validation.requested' AND subject_id = \(created.id)")
            #expect(try audit.decode("after", as: String.self).contains(covered.description))

            // While the request is pending nothing of the period is left to ask for.
            let again = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.manager),
                body: #"{"from":"2026-05-18","to":"2026-05-24"}"#)
            expectProblem(again, .conflict)
        }
    }

    @Test func aPeriodWithOnlyExpensesCanBeRequestedAndOneWithoutThemRendersNoExpenses() async throws {
        try await withValidationApp { world, client in
            let admin = try await world.token(.admin)
            let taxi = try await world.insertPeriodExpense("2026-05-21")
            let licence = try await world.insertPeriodExpense("2026-05-18", amountMinor: 5_000, markup: 0, category: "software_licence")
            let created = try await client.requestValidation(world, token: admin)
            #expect(created.body["entry_ids"] as? [String] == [])
            #expect(Set(created.body["expense_ids"] as? [String] ?? []) == [taxi.description, licence.description])
            let document = try contentDocument(created.body)
            #expect((document["total"] as? [String: Any])?["minutes"] as? Int == 0)
            #expect(document["entry_ids"] as? [String] == [])
            // By date: the licence of Monday first.
            let expenses = try #require(document["expenses"] as? [[String: Any]])
            #expect(expenses.compactMap { $0["id"] as? String } == [licence.description, taxi.description])
            #expect(expenses.compactMap { amountText($0["amount"]) } == ["50.00 EUR", "132.00 EUR"])
            #expect(amountText(document["expenses_total"]) == "182.00 EUR")
            let page = try await client.getPage(created.linkPath)
            #expect(page.status == .ok)
            #expect(page.text.contains("Expenses recharged") && page.text.contains("€182.00"))

            // A period with time only: no expenses keys at all, and no expenses table.
            try await world.work.insertApprovedTime(on: "2026-05-26", minutes: 120)
            let timeOnly = try await client.requestValidation(world, token: admin, from: "2026-05-25", to: "2026-05-31")
            #expect(timeOnly.body["expense_ids"] as? [String] == [])
            let plain = try contentDocument(timeOnly.body)
            #expect(plain["expenses"] == nil && plain["expenses_total"] == nil)
            #expect(!(timeOnly.body["content"] as? String ?? "").contains("expenses"))
            #expect(!(try await client.getPage(timeOnly.linkPath).text.contains("Expenses recharged")))
        }
    }

    @Test func theLinkPageListsTheExpensesAndEscapesTheirNotes() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            try await world.insertPeriodExpense("2026-05-19", category: "software_licence", note: #"Fonts <b>"Pro"</b> & more"#)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let page = try await client.getPage(created.linkPath)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let html = page.text
            for expected in [
                "Expenses recharged", "2026-05-19", "Software licence", "Mia Member", ">€132.00<",
                "Fonts &lt;b&gt;&quot;Pro&quot;&lt;/b&gt; &amp; more", ">41.00<",
            ] {
                #expect(html.contains(expected), "the page lacks \(expected)")
            }
            #expect(!html.contains("<b>"))
        }
    }

    @Test func acceptingThroughTheLinkClientValidatesTheEntriesAndTheExpenses() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let expense = try await world.insertPeriodExpense("2026-05-20")
            let inHouse = try await world.insertPeriodExpense("2026-05-20", rechargeable: false)
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let decided = try await client.postForm(created.linkPath, "decision=accept&name=Cleo+Client")
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(decided.text.contains("Hours accepted"))

            for entry in entries {
                #expect(try await world.work.entryState(entry).status == "client_validated")
            }
            let state = try await world.expenseState(expense)
            #expect(state.status == "client_validated")
            #expect(state.version == 2)
            #expect(try await world.expenseState(inHouse).status == "approved")  // never shown, never validated
            let read = try await client.call(.get, "/api/v1/expenses/\(expense)", token: try await world.token(.member)).object()
            #expect(read["status"] as? String == "client_validated")
            let record = try await client.call(.get, "/api/v1/validations/\(created.id)", token: try await world.token(.manager)).object()
            #expect(record["status"] as? String == "accepted")
            #expect(record["expense_ids"] as? [String] == [expense.description])

            let again = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.manager),
                body: #"{"from":"2026-05-18","to":"2026-05-24"}"#)
            expectProblem(again, .conflict)
        }
    }

    @Test func acceptingLoggedInClientValidatesTheEntriesAndTheExpenses() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let first = try await world.insertPeriodExpense("2026-05-18")
            let second = try await world.insertPeriodExpense("2026-05-22", amountMinor: 4_550)
            let created = try await client.requestValidation(world, token: try await world.token(.admin))
            let response = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: try await world.token(.client), body: #"{"decision":"accept"}"#)
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.object()
            #expect(body["status"] as? String == "accepted")
            #expect(body["decided_via"] as? String == "account")
            #expect(Set(body["expense_ids"] as? [String] ?? []) == [first.description, second.description])
            for entry in entries {
                #expect(try await world.work.entryState(entry).status == "client_validated")
            }
            for expense in [first, second] {
                #expect(try await world.expenseState(expense).status == "client_validated")
            }
            let audit = try await world.pool.queryOne(
                "SELECT count(*) AS n FROM audit_events WHERE action = 'validation.accepted' AND subject_id = \(created.id)")
            #expect(try audit.decode("n", as: Int.self) == 1)
            let again = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.admin),
                body: #"{"from":"2026-05-18","to":"2026-05-24"}"#)
            expectProblem(again, .conflict)
        }
    }

    @Test func aClientRejectionReturnsTheExpensesToTheApproversQueueWithTheComment() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let expense = try await world.insertPeriodExpense("2026-05-19", note: "Taxi")
            let created = try await client.requestValidation(world, token: try await world.token(.manager))
            let response = try await client.call(
                .post, "/api/v1/validations/\(created.id)/decision", token: try await world.token(.client),
                body: #"{"decision":"reject","comment":"The taxi was not agreed"}"#)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.object()["status"] as? String == "rejected")

            let state = try await world.expenseState(expense)
            #expect(state.status == "submitted")
            #expect(state.clientRejectionComment == "The taxi was not agreed")
            #expect(state.validationID == nil && state.approvedBy == nil)
            #expect(state.version == 2)
            for entry in entries {
                #expect(try await world.work.entryState(entry).status == "submitted")
            }

            let manager = try await world.token(.manager)
            let queue = try await client.call(.get, "/api/v1/approvals?limit=50", token: manager).items()
            let item = try #require(queue.first { $0["id"] as? String == expense.description }, "the expense is not back in the queue")
            #expect(item["kind"] as? String == "expense")
            #expect(item["rejected_by_client"] as? Bool == true)
            #expect(item["client_rejection_comment"] as? String == "The taxi was not agreed")
            #expect(item["note"] as? String == "Taxi")
            #expect(queue.filter { $0["kind"] as? String == "time_entry" }.count == entries.count)

            // Approved again, the expense alone can be put to the client once more.
            let approved = try await client.decideExpenses([expense], "approve", token: manager)
            #expect(approved.status == .ok, "\(approved.text)")
            let second = try await client.requestValidation(world, token: manager)
            #expect(second.body["expense_ids"] as? [String] == [expense.description])
            #expect(second.body["entry_ids"] as? [String] == [])
        }
    }

    @Test func anExpiredUndecidedRequestHandsItsExpensesToTheNextOne() async throws {
        try await withValidationApp { world, client in
            try await world.insertApprovedWeek()
            let expense = try await world.insertPeriodExpense("2026-05-21")
            let manager = try await world.token(.manager)
            let first = try await client.requestValidation(world, token: manager, hours: 1)
            world.clock.advance(by: .seconds(3600))
            let second = try await client.requestValidation(world, token: manager)
            #expect(second.body["expense_ids"] as? [String] == [expense.description])
            let old = try await client.call(.get, "/api/v1/validations/\(first.id)", token: manager).object()
            #expect(old["status"] as? String == "superseded")
            #expect(try await world.expenseState(expense).validationID?.uuidString.lowercased() == second.id.lowercased())

            // The superseded request cannot decide them any more; the new one does.
            let late = try await client.call(
                .post, "/api/v1/validations/\(first.id)/decision", token: try await world.token(.client), body: #"{"decision":"accept"}"#)
            expectProblem(late, .conflict)
            #expect(try await world.expenseState(expense).status == "approved")
            #expect(try await client.postForm(second.linkPath, "decision=accept&name=Cleo").status == .ok)
            #expect(try await world.expenseState(expense).status == "client_validated")
        }
    }
}
