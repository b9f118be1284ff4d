import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The four roles' main tasks through the console's forms, each checked in the database.
@Suite struct ConsoleWorkflowTests {
    func entries(of project: ProjectID, pool: PostgresPool) async throws -> [(date: String, minutes: Int, status: String, reason: String?)] {
        try await pool.query(
            "SELECT work_date::text AS d, minutes, status, rejection_reason FROM time_entries WHERE project_id = \(project) ORDER BY work_date"
        ) { row in
            (
                date: try row.decode("d", as: String.self), minutes: try row.decode("minutes", as: Int.self),
                status: try row.decode("status", as: String.self), reason: try row.decode("rejection_reason", as: String?.self)
            )
        }
    }

    @Test func aCollaboratorLogsEditsAndSubmitsAWeekAndALeadSendsAnEntryBackThenApprovesIt() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let created = try await fixture.newTimeEntry(for: .member)
            let project = created.project
            let task = try await fixture.task(of: project)
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let week = try await member.page("/app/week?date=2026-04-08")
            #expect(week.contains("Time \(created.code) — Design"))
            #expect(week.contains(#"value="1:00""#))
            let cell = { (day: String) in "h.\(project).\(task).2026-04-0\(day)" }
            // Change Monday's hour to two, log 1.5 h on Tuesday in the grid.
            try await member.submit(
                "/app/week",
                [("week", "2026-04-06"), (cell("6"), "2:00"), ("e.\(project).\(task).2026-04-06", "\(created.entry):1:60"), (cell("7"), "1,5")],
                tokenFrom: "/app/week")
            var stored = try await entries(of: project, pool: fixture.pool)
            #expect(stored.map(\.minutes) == [120, 90])
            #expect(try await member.flash(at: "/app/week?date=2026-04-06").contains("Hours saved"))
            // A cell over the daily limit is refused with the reason and changes nothing.
            let tuesday: UUID = try await fixture.pool.queryOne(
                "SELECT id FROM time_entries WHERE project_id = \(project) AND work_date = '2026-04-07'"
            ).decode("id")
            let back = try await member.submit(
                "/app/week", [("week", "2026-04-06"), (cell("8"), "25:00")], tokenFrom: "/app/week")
            #expect(back == "/app/week?date=2026-04-06")
            #expect(try await member.flash(at: back).contains("Not saved"))
            // Clearing Tuesday's cell deletes its entry.
            try await member.submit(
                "/app/week", [("week", "2026-04-06"), (cell("7"), ""), ("e.\(project).\(task).2026-04-07", "\(tuesday):1:90")],
                tokenFrom: "/app/week")
            stored = try await entries(of: project, pool: fixture.pool)
            #expect(stored.map(\.date) == ["2026-04-06"])
            try await member.submit("/app/week/submit", [("week", "2026-04-06")], tokenFrom: "/app/week")
            #expect(try await entries(of: project, pool: fixture.pool).map(\.status) == ["submitted"])

            // The lead sends it back with a reason…
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let queue = try await lead.page("/app/approvals")
            #expect(queue.contains("Mia Member") && queue.contains("2:00"))
            let noReason = try await lead.submit(
                "/app/approvals", [("time", created.entry.description), ("decision", "reject")], tokenFrom: "/app/approvals")
            #expect(try await lead.flash(at: noReason).contains("Not saved"))
            try await lead.submit(
                "/app/approvals", [("time", created.entry.description), ("decision", "reject"), ("reason", "Use the meeting task")],
                tokenFrom: "/app/approvals")
            #expect(try await entries(of: project, pool: fixture.pool).first?.reason == "Use the meeting task")
            // …which the member sees, fixes and submits again…
            let sentBack = try await member.page("/app/week?date=2026-04-06")
            #expect(sentBack.contains("Sent back to you") && sentBack.contains("Use the meeting task"))
            try await member.submit(
                "/app/week/entries/\(created.entry)", [("week", "2026-04-06"), ("version", "\(try await version(created.entry, fixture))"),
                ("hours", "1:45"), ("note", "Design review"), ("action", "save")], tokenFrom: "/app/week")
            try await member.submit("/app/week/submit", [("week", "2026-04-06")], tokenFrom: "/app/week")
            // …and the lead approves it.
            try await lead.submit(
                "/app/approvals", [("time", created.entry.description), ("decision", "approve")], tokenFrom: "/app/approvals")
            stored = try await entries(of: project, pool: fixture.pool)
            #expect(stored.map(\.status) == ["approved"])
            #expect(stored.map(\.minutes) == [105])
            #expect(try await lead.page("/app/approvals").contains("Nothing is waiting"))
        }
    }

    func version(_ entry: TimeEntryID, _ fixture: MatrixFixture) async throws -> Int {
        try await fixture.version(of: "time_entries", id: entry.uuid)
    }

    @Test func theAdminDraftsFromTheUnbilledQueueIssuesAndRecordsAPayment() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let buyer = try await fixture.newBillableClient()
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let queue = try await admin.page("/app/billable")
            #expect(queue.contains(buyer.description))
            let draftPage = try await admin.submit("/app/invoices", [("client_id", buyer.description), ("grouping", "task")], tokenFrom: "/app/billable")
            #expect(draftPage.hasPrefix("/app/invoices/"))
            let id = try #require(InvoiceID(uuidString: String(draftPage.dropFirst("/app/invoices/".count))))
            let draft = try await admin.page(draftPage)
            #expect(draft.contains("Issue invoice") && draft.contains("€95.00"))
            let preview = try await admin.request(.get, "\(draftPage)/document")
            #expect(preview.status == .ok && preview.text.contains("DRAFT"))
            let invoices = InvoiceService(pool: fixture.pool, clock: SystemClock())
            let before = try await invoices.get(id, caller: fixture.admin)
            try await admin.submit("\(draftPage)/issue", [("version", "\(before.invoice.version)"), ("issue_date", "")], tokenFrom: draftPage)
            let issued = try await invoices.get(id, caller: fixture.admin)
            let number = try #require(issued.invoice.issue?.number)
            let page = try await admin.page(draftPage)
            #expect(page.contains(number) && page.contains("Record a payment"))
            #expect(try await admin.page("/app/invoices").contains(number))
            // €114.95 (95.00 + 21 % VAT), paid in two steps.
            try await admin.submit(
                "\(draftPage)/payments", [("paid_on", issued.invoice.issue!.issueDate.description), ("amount", "100,00"), ("method", "transfer")],
                tokenFrom: draftPage)
            #expect(try await invoices.get(id, caller: fixture.admin).status == .partiallyPaid)
            try await admin.submit(
                "\(draftPage)/payments",
                [("paid_on", issued.invoice.issue!.issueDate.description), ("amount", "14.95"), ("method", "card"), ("reference", "POS 12")],
                tokenFrom: draftPage)
            let paid = try await invoices.get(id, caller: fixture.admin)
            #expect(paid.status == .paid && paid.balance.amountMinor == 0)
            #expect(try await admin.page(draftPage).contains("POS 12"))
        }
    }

    @Test func aClientContactValidatesATimesheetAndDownloadsTheirInvoice() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let validation = try await fixture.newValidation()
            let invoice = try await fixture.newIssuedInvoice()
            var contact = try await ConsoleTestApp.browser(.client, fixture: fixture, client: client)
            let home = try await contact.page("/portal")
            #expect(home.contains("/portal/validations/\(validation.record.id)"))
            #expect(home.contains(invoice.invoice.issue!.number))
            let uri = "/portal/validations/\(validation.record.id)"
            let page = try await contact.page(uri)
            #expect(page.contains("8:00") || page.contains("8.00"))
            #expect(page.contains(validation.record.contentDigest))
            // A rejection needs a comment: the page says so, nothing is recorded.
            let refused = try await contact.submit(uri, [("decision", "reject")], tokenFrom: "/portal/settings")
            #expect(try await contact.flash(at: refused).contains("Not saved"))
            try await contact.submit(uri, [("decision", "accept")], tokenFrom: "/portal/settings")
            let status: String = try await fixture.pool.queryOne("SELECT status FROM validations WHERE id = \(validation.record.id)").decode("status")
            #expect(status == "accepted")
            #expect(!(try await contact.page(uri)).contains(#"value="accept""#))
            let ubl = try await contact.request(.get, "/portal/invoices/\(invoice.invoice.id)/ubl")
            #expect(ubl.status == .ok && ubl.headers[.contentType] == "application/xml")
            #expect(ubl.text.contains(invoice.invoice.issue!.number))
            #expect(try await contact.page("/portal/invoices").contains("/portal/invoices/\(invoice.invoice.id)/pdf"))
            // Another client's invoice does not exist for them.
            let foreign = try await fixture.newForeignIssuedInvoice()
            #expect(try await contact.request(.get, "/portal/invoices/\(foreign.invoice.id)/ubl").status == .notFound)
        }
    }
}
