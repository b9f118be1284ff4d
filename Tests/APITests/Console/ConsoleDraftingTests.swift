import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The admin's drafting, credit notes and period close in the console (issue 19 item 4),
/// each action checked in the database.
@Suite struct ConsoleDraftingTests {
    struct Line: Equatable {
        let kind: String
        let description: String
        let quantityScaled: Int64
        let netMinor: Int64
    }

    func lines(of invoice: InvoiceID, pool: PostgresPool) async throws -> [Line] {
        try await pool.query(
            "SELECT kind, description, quantity_scaled, net_minor FROM invoice_lines WHERE invoice_id = \(invoice) ORDER BY position"
        ) { row in
            Line(
                kind: try row.decode("kind"), description: try row.decode("description"), quantityScaled: try row.decode("quantity_scaled"),
                netMinor: try row.decode("net_minor"))
        }
    }

    func version(of invoice: InvoiceID, pool: PostgresPool) async throws -> Int {
        Int(try await pool.queryOne("SELECT version FROM invoices WHERE id = \(invoice)").decode("version", as: Int32.self))
    }

    func lineID(_ description: String, of invoice: InvoiceID, pool: PostgresPool) async throws -> InvoiceLineID {
        try await pool.queryOne("SELECT id FROM invoice_lines WHERE invoice_id = \(invoice) AND description = \(description)").decode("id")
    }

    /// A second project of `client` with one approved, billable hour at 80.00.
    func secondProject(of client: ClientID, fixture: MatrixFixture) async throws -> ProjectID {
        let project = ProjectID.random()
        let task = TaskID.random()
        try await fixture.pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(client), \(fixture.world.teamID), 'Maintenance', \("MNT-\(UUID().uuidString.prefix(8))"), 'time_and_materials', 'EUR')
            """)
        try await fixture.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Support', true)")
        try await fixture.pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                      cost_rate_scaled, rate_currency, approved_by, approved_at)
            VALUES (\(TimeEntryID.random()), \(fixture.world.member.id), \(project), \(task), '2026-11-03', 60, true, 'approved', 800000, 400000,
                    'EUR', \(fixture.world.manager.id), now())
            """)
        return project
    }

    @Test func theAdminPicksItemsEditsTheDraftsLinesIssuesAndCreditsPartOfIt() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let buyer = try await fixture.newBillableClient()
            let first: ProjectID = try await fixture.pool.queryOne("SELECT id FROM projects WHERE client_id = \(buyer) AND name = 'Billable'")
                .decode("id")
            let second = try await secondProject(of: buyer, fixture: fixture)
            let unbilled = BillableService(pool: fixture.pool, clock: SystemClock())
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            #expect(try await admin.page("/app/billable").contains("/app/billable/\(buyer)"))
            let pick = "/app/billable/\(buyer)"
            let page = try await admin.page(pick)
            #expect(page.contains("Billable") && page.contains("Maintenance") && page.contains("€95.00") && page.contains("€80.00"))
            #expect(page.contains(#"name="kind" value="time""#) && page.contains(#"name="project_id" value="\#(second)""#))

            // Nothing picked is refused, not read as everything.
            let refused = try await admin.submit(
                "/app/invoices", [("client_id", buyer.description), ("picked", "1"), ("project_id", first.description)], tokenFrom: pick)
            #expect(refused == pick)
            #expect(try await admin.flash(at: pick).contains("pick at least one kind"))
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM invoices WHERE client_id = \(buyer)").decode("n", as: Int64.self) == 0)

            // Only the first project's time: the second's hour stays unbilled.
            let draftPage = try await admin.submit(
                "/app/invoices",
                [("client_id", buyer.description), ("picked", "1"), ("kind", "time"), ("project_id", first.description), ("grouping", "person"), ("up_to", "")],
                tokenFrom: pick)
            let id = try #require(InvoiceID(uuidString: String(draftPage.dropFirst("/app/invoices/".count))))
            #expect(try await lines(of: id, pool: fixture.pool).map(\.netMinor) == [9500])
            let left = try await unbilled.list(BillableFilter(clientID: buyer), caller: fixture.admin).items
            #expect(left.map(\.projectID) == [second])
            #expect(try await fixture.pool.queryOne("SELECT time_grouping FROM invoices WHERE id = \(id)").decode("time_grouping", as: String.self) == "person")

            // A typed line: 2 × 60.00.
            try await admin.submit(
                "\(draftPage)/lines", [("version", "1"), ("description", "Travel"), ("quantity", "2"), ("unit_price", "60.00")], tokenFrom: draftPage)
            #expect(try await lines(of: id, pool: fixture.pool).last == Line(kind: "manual", description: "Travel", quantityScaled: 20_000, netMinor: 12_000))
            let travel = try await lineID("Travel", of: id, pool: fixture.pool)
            let current = try await version(of: id, pool: fixture.pool)
            #expect(current == 2)
            let draft = try await admin.page(draftPage)
            #expect(draft.contains("Save line 2") && draft.contains(#"id="line-quantity-\#(travel)""#))

            // A page read before that change is stale: refused, nothing changes.
            try await admin.submit(
                "\(draftPage)/lines/\(travel)", [("version", "1"), ("description", "Stale"), ("quantity", "9"), ("unit_price", "1")], tokenFrom: draftPage)
            #expect(try await admin.flash(at: draftPage).contains("Not saved"))
            #expect(try await lines(of: id, pool: fixture.pool).last?.description == "Travel")
            #expect(try await version(of: id, pool: fixture.pool) == current)

            // At the current version: 1.5 × 60.00 = 90.00.
            try await admin.submit(
                "\(draftPage)/lines/\(travel)",
                [("version", "\(current)"), ("description", "Travel to Brussels"), ("quantity", "1.5"), ("unit_price", "60")], tokenFrom: draftPage)
            #expect(
                try await lines(of: id, pool: fixture.pool).last
                    == Line(kind: "manual", description: "Travel to Brussels", quantityScaled: 15_000, netMinor: 9000))

            // A forged token deletes nothing.
            let timeLine = try await fixture.pool.queryOne("SELECT id FROM invoice_lines WHERE invoice_id = \(id) AND kind = 'time'")
                .decode("id", as: InvoiceLineID.self)
            let forged = try await admin.request(
                .post, "\(draftPage)/lines/\(timeLine)/delete", form: [("csrf", "forged"), ("version", "\(current + 1)")])
            #expect(forged.status == .forbidden)
            #expect(try await lines(of: id, pool: fixture.pool).count == 2)

            // Deleting the time line makes its hour billable again.
            try await admin.submit("\(draftPage)/lines/\(timeLine)/delete", [("version", "\(current + 1)")], tokenFrom: draftPage)
            #expect(try await lines(of: id, pool: fixture.pool).map(\.kind) == ["manual"])
            #expect(Set(try await unbilled.list(BillableFilter(clientID: buyer), caller: fixture.admin).items.map(\.projectID)) == [first, second])
            try await admin.submit(
                "\(draftPage)/lines", [("version", "\(current + 2)"), ("description", "Hosting"), ("quantity", "1"), ("unit_price", "30")],
                tokenFrom: draftPage)

            // Issued: the edit forms are gone, the credit form is there.
            try await admin.submit("\(draftPage)/issue", [("version", "\(current + 3)"), ("issue_date", "")], tokenFrom: draftPage)
            let issued: String? = try await fixture.pool.queryOne("SELECT number FROM invoices WHERE id = \(id)").decode("number")
            let number = try #require(issued)
            let issuedPage = try await admin.page(draftPage)
            #expect(!issuedPage.contains("/lines/") && issuedPage.contains("Issue credit note"))

            // A partial credit note: the Hosting line only.
            let hosting = try await lineID("Hosting", of: id, pool: fixture.pool)
            let notePage = try await admin.submit(
                "\(draftPage)/credit-notes", [("scope", "lines"), ("line_id", hosting.description), ("reason", "Hosting was free this month")],
                tokenFrom: draftPage)
            let noteID = try #require(InvoiceID(uuidString: String(notePage.dropFirst("/app/invoices/".count))))
            let note = try await fixture.pool.queryOne(
                "SELECT kind, credited_invoice_id, credit_reason, number, status FROM invoices WHERE id = \(noteID)")
            #expect(try note.decode("kind", as: String.self) == "credit_note")
            #expect(try note.decode("status", as: String.self) == "issued")
            #expect(try note.decode("credited_invoice_id", as: InvoiceID.self) == id)
            let noteNumber = try #require(try note.decode("number", as: String?.self))
            let credited = try await fixture.pool.query("SELECT credited_line_id FROM invoice_lines WHERE invoice_id = \(noteID)") {
                try $0.decode("credited_line_id", as: InvoiceLineID.self)
            }
            #expect(credited == [hosting])
            #expect(try await admin.flash(at: notePage).contains("Credit note \(noteNumber) of €36.30 issued"))
            let notePageHTML = try await admin.page(notePage)
            #expect(notePageHTML.contains("/app/invoices/\(id)") && notePageHTML.contains(number))
            let after = try await admin.page(draftPage)
            #expect(after.contains(noteNumber) && after.contains("Hosting was free this month"))
            #expect(after.contains(#"id="credit-line-\#(try await lineID("Travel to Brussels", of: id, pool: fixture.pool))""#))
            #expect(!after.contains(#"id="credit-line-\#(hosting)""#))
            #expect(try await admin.page("/app/invoices").contains("credit note"))

            // The same line twice is refused with the reason; no second note.
            try await admin.submit(
                "\(draftPage)/credit-notes", [("scope", "lines"), ("line_id", hosting.description), ("reason", "Again")], tokenFrom: draftPage)
            #expect(try await admin.flash(at: draftPage).contains("already been credited"))
            #expect(
                try await fixture.pool.queryOne("SELECT count(*) AS n FROM invoices WHERE credited_invoice_id = \(id)").decode("n", as: Int64.self) == 1)
        }
    }

    @Test func theAdminClosesAMonthSeesItListedAndReopensItWithAReason() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let buyer = try await fixture.newBillableClient()
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            #expect(try await admin.page("/app/periods").contains(#"<option value="\#(buyer)""#))
            try await admin.submit("/app/periods/close", [("client_id", buyer.description), ("month", "2026-11")], tokenFrom: "/app/periods")
            let closed = try await admin.flash(at: "/app/periods")
            // The approved hour of 2 November is drafted: €95.00 + 21 % VAT.
            #expect(closed.contains("2026-11 closed") && closed.contains("A draft of €114.95 was made"))
            let locks = try await fixture.pool.queryOne("SELECT count(*) AS n FROM period_locks WHERE client_id = \(buyer) AND month = '2026-11-01'")
            #expect(try locks.decode("n", as: Int64.self) == 1)
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM invoices WHERE client_id = \(buyer)").decode("n", as: Int64.self) == 1)
            let page = try await admin.page("/app/periods")
            #expect(page.contains("<th scope=\"row\">2026-11</th>") && page.contains("Reopen 2026-11 of"))

            // Closed twice: refused with the reason.
            try await admin.submit("/app/periods/close", [("client_id", buyer.description), ("month", "2026-11")], tokenFrom: "/app/periods")
            #expect(try await admin.flash(at: "/app/periods").contains("already closed"))
            // Reopening needs a reason; the month stays closed without one.
            try await admin.submit(
                "/app/periods/reopen", [("client_id", buyer.description), ("month", "2026-11"), ("reason", " ")], tokenFrom: "/app/periods")
            #expect(try await admin.flash(at: "/app/periods").contains("Not saved"))
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM period_locks WHERE client_id = \(buyer)").decode("n", as: Int64.self) == 1)
            try await admin.submit(
                "/app/periods/reopen", [("client_id", buyer.description), ("month", "2026-11"), ("reason", "A late expense")], tokenFrom: "/app/periods")
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM period_locks WHERE client_id = \(buyer)").decode("n", as: Int64.self) == 0)
            let audit = try await fixture.pool.queryOne("SELECT count(*) AS n FROM audit_events WHERE action = 'period.reopened' AND subject_id LIKE \("\(buyer)/%")")
            #expect(try audit.decode("n", as: Int64.self) == 1)
        }
    }
}
