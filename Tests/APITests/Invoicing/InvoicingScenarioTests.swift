import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 12, "What it must show", over HTTPS against the real server, continuing the
/// engagements of issue 5 for one client: an accepted milestone of a fixed-price build,
/// an accepted change request, a retainer with overage, an expense with markup at 6 %
/// and approved time at three rates. `GET /billable` shows each with its age; a 30 %
/// deposit is issued first; the client's draft deducts it; it is issued as 2026-0002
/// with exact VAT per rate and a structured communication; a credit note for one line
/// gets 2026-CN-0001 and releases its item; a partial then a full payment make it
/// paid; the milestone can never be drafted again; the CSV reconciles to the cent.
@Suite struct InvoicingScenarioTests {
    @Test func anAgencyMonthIsDraftedIssuedCreditedAndPaid() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            configuration.publicURL = "https://sheaf.example"
            let app = try TestApp.application(configuration: configuration, pool: pool)
            let today = LocalDate.of(Date())
            let work = try await InvoicingWork.make(pool: pool, people: people, today: today)
            try await app.test(.ahc(.https)) { client in
                let run = InvoicingCalls(client: client)
                let admin = try await run.login(people.admin.email)
                let lead = try await run.login(people.manager.email)
                let contact = try await run.login(people.client.email)
                let member = try await run.login(people.member.email)

                // The first milestone (30 % of 10 000.00) is delivered and accepted by the contact.
                try await run.expect(.ok, .post, "/api/v1/milestones/\(work.milestone)/deliver", as: lead)
                try await run.expect(.ok, .post, "/api/v1/milestones/\(work.milestone)/accept", as: contact, #"{"comment":"Approved"}"#)

                // Unbilled work: every kind, each with its age; only the admin sees it.
                let billable = try await run.expect(.ok, .get, "/api/v1/billable?client_id=\(people.clientID)", as: admin)
                let items = billable.objects("items")
                let kinds = Dictionary(grouping: items, by: { $0["kind"] as? String ?? "" }).mapValues(\.count)
                #expect(kinds == ["milestone": 1, "change_request": 1, "retainer_fee": 2, "retainer_overage": 1, "expense": 1, "time": 3])
                #expect(items.allSatisfy { ($0["age_days"] as? Int).map { $0 >= 0 } ?? false })
                #expect(items.first { $0["kind"] as? String == "expense" }?.minor("amount") == 43_679)
                #expect(items.first { $0["kind"] as? String == "retainer_overage" }?.minor("amount") == 57_000)
                #expect(billable.objects("clients").first?["count"] as? Int == 9)
                for token in [lead, member, contact] { try await run.expect(.forbidden, .get, "/api/v1/billable", as: token) }

                // Issuing needs complete seller and buyer data, and says what is missing.
                let deposit = try await run.expect(
                    .created, .post, "/api/v1/invoices", as: admin, #"{"kind":"deposit","project_id":"\#(work.build)","percentage":"30"}"#)
                #expect(deposit["type_code"] as? Int == 386)
                let refused = try await run.send(
                    .post, "/api/v1/invoices/\(deposit["id"] as? String ?? "")/issue", as: admin, nil,
                    ifMatch: "\"\(deposit["version"] as? Int ?? 0)\"")
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("seller.iban") && refused.text.contains("buyer.address.city"), "\(refused.text)")
                try await InvoicingParties.complete(run, admin: admin, client: people.clientID)

                // The 30 % deposit is issued first: 3 000.00 + 21 % = 3 630.00.
                let issuedDeposit = try await run.issue(deposit, as: admin)
                #expect(issuedDeposit["number"] as? String == "\(today.year)-0001")
                #expect((issuedDeposit["totals"] as? [String: Any])?.minor("payable") == 363_000)

                // The client's draft: everything billable, the deposit deducted once.
                let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(people.clientID)"}"#)
                let lines = draft.objects("lines")
                let deduction = try #require(lines.first { $0["kind"] as? String == "deposit_deduction" })
                #expect(deduction["quantity"] as? String == "-1" && deduction.minor("net") == -300_000)
                #expect(deduction["deducted_deposit_id"] as? String == issuedDeposit["id"] as? String)
                #expect((deduction["description"] as? String)?.contains("\(today.year)-0001") == true)
                let timeLines = lines.filter { $0["kind"] as? String == "time" }
                #expect(Set(timeLines.map { "\($0["quantity"] ?? "") × \($0["unit_price"] ?? "")" }) == ["12.75 × 95.00", "7.33 × 82.50", "3.40 × 110.00"])
                #expect(Set(timeLines.compactMap { $0.minor("net") }) == [121_125, 60_473, 37_400])
                #expect(lines.allSatisfy { !($0["items"] as? [Any] ?? []).isEmpty || $0["kind"] as? String == "deposit_deduction" })
                // S21: 2189.98 time + 3000 milestone + 1200 change + 4000 fees + 570 overage − 3000 = 7959.98 → 1671.60;
                // S6: 436.79 → 26.21.
                let totals = try #require(draft["totals"] as? [String: Any])
                #expect(totals.minor("tax_exclusive") == 839_677)
                #expect(totals.minor("tax_total") == 169_781)
                #expect(totals.minor("payable") == 1_009_458)
                let breakdown = totals.objects("vat_breakdown")
                #expect(breakdown.map { ($0["vat"] as? [String: Any])?["rate_bp"] as? Int } == [2100, 600])
                #expect(breakdown.map { $0.minor("taxable") } == [795_998, 43_679])
                #expect(breakdown.map { $0.minor("tax") } == [167_160, 2_621])

                // Drafted work is reserved: nothing is left to draft for this client.
                let again = try await run.send(.post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(people.clientID)"}"#)
                #expect(again.status == .conflict, "\(again.text)")
                let stillBillable = try await run.expect(.ok, .get, "/api/v1/billable?client_id=\(people.clientID)", as: admin)
                #expect(stillBillable.objects("items").isEmpty)

                // A draft is internal: the contact does not see it; the lead does.
                let draftID = try #require(draft["id"] as? String)
                try await run.expect(.notFound, .get, "/api/v1/invoices/\(draftID)", as: contact)
                try await run.expect(.ok, .get, "/api/v1/invoices/\(draftID)", as: lead)

                // The admin chooses the time annex for its document (issue 13 item 1).
                let annexed = try await run.expect(
                    .ok, .patch, "/api/v1/invoices/\(draftID)", as: admin, #"{"time_annex":true}"#, ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
                #expect(annexed["time_annex"] as? Bool == true)

                // Issued as the next number, the year of the issue date, with its communication.
                let invoice = try await run.issue(annexed, as: admin)
                #expect(invoice["number"] as? String == "\(today.year)-0002")
                #expect(invoice["status"] as? String == "issued")
                let communication = try #require(StructuredCommunication(year: today.year, counter: 2))
                #expect(invoice["structured_communication"] as? String == communication.description)
                #expect((invoice["totals"] as? [String: Any])?.minor("payable") == 1_009_458)
                let invoiceID = try #require(invoice["id"] as? String)
                // Immutable: no PATCH, no DELETE, no second issue.
                try await run.expect(
                    .conflict, .patch, "/api/v1/invoices/\(invoiceID)", as: admin, #"{"notes":"late edit"}"#,
                    ifMatch: "\"\(invoice["version"] as? Int ?? 0)\"")
                try await run.expect(.conflict, .delete, "/api/v1/invoices/\(invoiceID)", as: admin, ifMatch: "\"\(invoice["version"] as? Int ?? 0)\"")
                // The contact reads the issued invoice now, and its document (kept for
                // scripts/test's screenshot of it in headless Chromium).
                try await run.expect(.ok, .get, "/api/v1/invoices/\(invoiceID)", as: contact)
                let page = try await run.send(.get, "/api/v1/invoices/\(invoiceID)/document", as: contact, nil)
                #expect(page.status == .ok && page.text.contains("class=\"annex\""))
                try GoldenFile.keep(Data(page.text.utf8), as: "scenario-invoice.html", in: "SHEAF_TEST_ARTIFACTS_DIR")
                let milestoneState = try await pool.queryOne("SELECT status, invoice_line_id FROM milestones WHERE id = \(work.milestoneID)")
                #expect(try milestoneState.decode("status", as: String.self) == "invoiced")

                // A credit note for the expense line: its own series, releases the expense.
                let expenseLine = try #require(invoice.objects("lines").first { $0["kind"] as? String == "expense" })
                let note = try await run.expect(
                    .created, .post, "/api/v1/invoices/\(invoiceID)/credit-notes", as: admin,
                    #"{"line_ids":["\#(expenseLine["id"] as? String ?? "")"],"reason":"Books were a gift","release_items":true}"#)
                #expect(note["number"] as? String == "\(today.year)-CN-0001")
                #expect(note["type_code"] as? Int == 381)
                #expect(note["credited_invoice_id"] as? String == invoiceID)
                #expect((note["totals"] as? [String: Any])?.minor("payable") == 46_300)  // 436.79 + 26.21 VAT
                let released = try await run.expect(.ok, .get, "/api/v1/billable?client_id=\(people.clientID)&kind=expense", as: admin)
                #expect(released.objects("items").count == 1)
                let twice = try await run.send(
                    .post, "/api/v1/invoices/\(invoiceID)/credit-notes", as: admin,
                    #"{"line_ids":["\#(expenseLine["id"] as? String ?? "")"],"reason":"again"}"#)
                #expect(twice.status == .conflict)

                // A partial payment, an overpayment refused, then the rest matched by the communication.
                let balance = 1_009_458 - 46_300
                let partial = try await run.expect(
                    .created, .post, "/api/v1/invoices/\(invoiceID)/payments", as: admin,
                    #"{"paid_on":"\#(today)","amount":{"amount_minor":500000,"currency":"EUR"},"method":"transfer","reference":"first half"}"#)
                #expect((partial["invoice"] as? [String: Any])?["status"] as? String == "partially_paid")
                // Receivables (issue 15): 10 094.58 − 463.00 credited − 5 000.00 paid = 4 631.58 left on
                // 2026-0002, plus the deposit's 3 630.00, both due in 30 days: not due yet.
                let aged = try await run.report("/api/v1/reports/receivables?as_of=\(today)", as: admin, ReceivablesBody.self)
                #expect(aged.clients.only?.buckets.notDue?.amountMinor == 463_158 + 363_000)
                #expect(aged.clients.only?.openInvoices == 2)
                let overdue = try await run.report(
                    "/api/v1/reports/receivables?as_of=\(try today.adding(days: 45))", as: admin, ReceivablesBody.self)
                #expect(overdue.clients.only?.buckets.days1To30?.amountMinor == 463_158 + 363_000)
                let over = try await run.send(
                    .post, "/api/v1/payments", as: admin,
                    #"{"paid_on":"\#(today)","amount":{"amount_minor":\#(balance)},"method":"transfer","reference":"\#(communication.description)"}"#)
                #expect(over.status == .unprocessableContent)
                #expect(over.text.contains(FixedPoint.format(Int64(balance - 500_000), scale: 2)), "\(over.text)")
                let rest = try await run.expect(
                    .created, .post, "/api/v1/payments", as: admin,
                    #"{"paid_on":"\#(today)","amount":{"amount_minor":\#(balance - 500_000)},"method":"transfer","reference":"\#(communication.digits)"}"#)
                let paid = try #require(rest["invoice"] as? [String: Any])
                #expect(paid["status"] as? String == "paid")
                #expect(paid.minor("balance") == 0 && paid.minor("credited") == 46_300 && paid.minor("paid") == balance)

                // The milestone can never be drafted again.
                let milestoneAgain = try await run.send(
                    .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(people.clientID)","kinds":["milestone"]}"#)
                #expect(milestoneAgain.status == .conflict)

                // The accountant's CSV reconciles to the cent with the documents.
                let csv = try await client.execute(
                    uri: "/api/v1/exports/invoices.csv?client_id=\(people.clientID)", method: .get, headers: [.authorization: "Bearer \(admin)"])
                #expect(csv.status == .ok)
                let table = try CSVReader(delimiter: .comma).read(String(buffer: csv.body))
                let rows = table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
                let exported = try #require(rows.first { $0["number"] == "\(today.year)-0002" })
                #expect(exported["net"] == "8396.77" && exported["vat"] == "1697.81" && exported["total"] == "10094.58")
                #expect(exported["net_S_21"] == "7959.98" && exported["vat_S_21"] == "1671.60")
                #expect(exported["net_S_6"] == "436.79" && exported["vat_S_6"] == "26.21")
                #expect(exported["client_vat_number"] == "BE0879454161" && exported["client"]?.isEmpty == false)
                #expect(exported["credited"] == "463.00" && exported["balance"] == "0.00" && exported["status"] == "paid")
                #expect(rows.first { $0["number"] == "\(today.year)-CN-0001" }?["credits_invoice"] == "\(today.year)-0002")

                // Profitability of the fixed-price build (issue 15): deposit 3 000.00 + milestone 3 000.00
                // + change request 1 200.00 − deposit deducted 3 000.00 = 4 200.00 net revenue; no time or
                // expense was booked on it, so the margin is 4 200.00, 100.00 %.
                let profitability = try await run.report(
                    "/api/v1/reports/profitability?from=\(try today.adding(days: -62))&to=\(today)&group_by=project", as: admin,
                    ProfitabilityBody.self)
                let build = try #require(profitability.lines.first { $0.key == work.build.description })
                #expect(build.revenue.invoiced.amountMinor == 300_000 + 300_000 + 120_000 - 300_000 && build.revenue.credited.amountMinor == 0)
                #expect(build.cost.amountMinor == 0 && build.margin.amountMinor == 420_000 && build.marginPercent == "100.00")
                // The whole period: 3 000.00 + 8 396.77 − 436.79 = 10 959.98, as the revenue report and the CSV say.
                let revenue = try await run.report(
                    "/api/v1/reports/revenue?from=\(try today.adding(days: -62))&to=\(today)", as: admin, RevenueBody.self)
                #expect(revenue.totals.only?.net.amountMinor == 1_095_998)
                #expect(profitability.totals.only?.revenue.net.amountMinor == 1_095_998)
                // The same export as a workbook: amounts are numbers in the currency's format.
                let xlsx = try await client.execute(
                    uri: "/api/v1/exports/invoices.xlsx?client_id=\(people.clientID)", method: .get, headers: [.authorization: "Bearer \(admin)"])
                #expect(xlsx.status == .ok)
                let book = try IndependentXLSXReader(Data(xlsx.body.readableBytesView))
                #expect(book.sheet == "Invoices" && book.frozen == "A2" && book.header == table.header)
                let row = try #require(book.rows.dropFirst().firstIndex { $0.first??.text == "\(today.year)-0002" }) - 1
                #expect(book.cell(row, "total")?.number == 10094.58 && book.cell(row, "total")?.format == #"#,##0.00 "EUR""#)
                #expect(book.cell(row, "net_S_21")?.number == 7959.98 && book.cell(row, "balance")?.number == 0)
                #expect(book.cell(row, "issue_date")?.type == "date" && book.cell(row, "issue_date")?.text == today.description)
                #expect(book.cell(row, "type_code")?.number == 380)
                let lineExport = try await client.execute(
                    uri: "/api/v1/exports/invoices.xlsx?client_id=\(people.clientID)&lines=true", method: .get,
                    headers: [.authorization: "Bearer \(admin)"])
                let lineBook = try IndependentXLSXReader(Data(lineExport.body.readableBytesView))
                #expect(lineBook.sheet == "Invoice lines" && lineBook.header == InvoiceCSV.lineHeader)
                #expect(lineBook.rows.dropFirst().allSatisfy { $0[12]?.type == "number" }, "every line's net is a number")
            }

            // Every state change left an audit event.
            let actions = try await pool.query("SELECT DISTINCT action FROM audit_events") { try $0.decode("action", as: String.self) }
            for action in ["invoice.drafted", "invoice.issued", "credit_note.issued", "payment.recorded"] {
                #expect(actions.contains(action), "missing audit action \(action)")
            }
        }
    }
}

/// The client's engagements, set up in the database (their own workflows are tested
/// elsewhere): a fixed-price build of 10 000.00 with a 30 % milestone (to be delivered
/// and accepted over HTTP) and an accepted change request of 1 200.00; a retainer of
/// 2 000.00 a month since the first of last month, 20 h included, 26 h used last month
/// at 95.00 overage; a time-and-materials project with approved time at three rates
/// and an approved expense of 389.99 + 12 % at 6 %.
struct InvoicingWork {
    let build: ProjectID
    let milestoneID: MilestoneID
    var milestone: String { milestoneID.description }

    static func make(pool: PostgresPool, people: RoleWorld, today: LocalDate) async throws -> InvoicingWork {
        // A Belgian agency: 21 % standard rate.
        try await pool.execute("UPDATE agency_settings SET default_vat_rate_bp = 2100")
        let build = ProjectID.random()
        let care = ProjectID.random()
        let site = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor) VALUES
                (\(build), \(people.clientID), \(people.teamID), 'Shop build', 'SHOP', 'fixed_price', 'EUR', 1000000),
                (\(care), \(people.clientID), \(people.teamID), 'Care', 'CARE', 'retainer', 'EUR', NULL),
                (\(site), \(people.clientID), \(people.teamID), 'Site', 'SITE', 'time_and_materials', 'EUR', NULL)
            """)
        let milestone = MilestoneID.random()
        try await pool.execute(
            """
            INSERT INTO milestones (id, project_id, position, name, basis_points, currency, acceptance_criteria)
            VALUES (\(milestone), \(build), 1, 'Design', 3000, 'EUR', 'Signed off')
            """)
        let task = TaskID.random()
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(build), 'Newsletter', true)")
        try await pool.execute(
            """
            INSERT INTO change_requests (id, project_id, number, title, pricing, amount_minor, currency, status, task_id, decided_at)
            VALUES (\(UUID()), \(build), 1, 'Newsletter', 'fixed', 120000, 'EUR', \(ChangeRequestStatus.billableStatus.rawValue), \(task), now())
            """)
        let firstOfLastMonth = try LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: -1)
        try await pool.execute(
            """
            INSERT INTO retainers (project_id, monthly_fee_minor, currency, included_minutes, overage_rate_scaled, period_start_day,
                                   start_date, unused_rule, alert_threshold_percent)
            VALUES (\(care), 200000, 'EUR', 1200, 950000, 1, \(firstOfLastMonth), 'forfeit', 80)
            """)
        try await pool.execute(
            "INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled) VALUES (\(care), \(firstOfLastMonth), 950000)")
        let support = TaskID.random()
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(support), \(care), 'Support', true)")
        for day in 2...5 {
            try await Self.approvedTime(pool, people, project: care, task: support, date: try firstOfLastMonth.adding(days: day), minutes: 390, rate: 950000)
        }
        for (name, minutes, rate) in [("Development", 765, 950000), ("UX design", 440, 825000), ("Project management", 204, 1100000)] as [(String, Int, Int64)] {
            let id = TaskID.random()
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(id), \(site), \(name), true)")
            try await Self.approvedTime(pool, people, project: site, task: id, date: try firstOfLastMonth.adding(days: 10), minutes: minutes, rate: rate)
        }
        try await pool.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                  markup_bp, note, status, approved_by, approved_at)
            VALUES (\(UUID()), \(people.member.id), \(site), \(try firstOfLastMonth.adding(days: 12)), 'other', 38999, 'EUR', 600, true,
                    1200, 'Books', 'approved', \(people.manager.id), now())
            """)
        return InvoicingWork(build: build, milestoneID: milestone)
    }

    static func approvedTime(
        _ pool: PostgresPool, _ people: RoleWorld, project: ProjectID, task: TaskID, date: LocalDate, minutes: Int, rate: Int64
    ) async throws {
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                      cost_rate_scaled, rate_currency, approved_by, approved_at)
            VALUES (\(UUID()), \(people.member.id), \(project), \(task), \(date), \(minutes), true, 'approved', \(rate), 500000, 'EUR',
                    \(people.manager.id), now())
            """)
    }
}
