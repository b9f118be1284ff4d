import Domain
import Foundation
import Logging
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// The ledger's guarantees against a real PostgreSQL: gapless numbers under concurrent
/// issuing, one item on one live line, no gap after a rolled-back issue, issued
/// documents immutable for the application's role, retainer invoices exactly once.
@Suite struct InvoiceLedgerTests {
    /// A world with complete parties, a 21 % agency and `entries` approved entries of 1 h
    /// at 95.00 on a time-and-materials project of the world's client.
    struct Ledger {
        let pool: PostgresPool
        let people: RoleWorld
        let project: ProjectID
        let task: TaskID
        let admin: Caller

        static func make(pool: PostgresPool) async throws -> Ledger {
            let people = try await RoleWorld.make(pool: pool)
            try await pool.execute("UPDATE agency_settings SET default_vat_rate_bp = 2100")
            try await InvoicingPartiesInDatabase.complete(pool: pool, client: people.clientID)
            let project = ProjectID.random()
            let task = TaskID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(project), \(people.clientID), \(people.teamID), 'Site', \("S-\(project.description.prefix(6))"), 'time_and_materials', 'EUR')
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            return Ledger(
                pool: pool, people: people, project: project, task: task,
                admin: Caller(user: people.admin, sessionID: nil, origin: .commandLine))
        }

        @discardableResult
        func approvedEntries(_ count: Int, on date: String = "2026-11-02") async throws -> [TimeEntryID] {
            var ids: [TimeEntryID] = []
            for _ in 0..<count {
                let id = TimeEntryID.random()
                try await pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                              billable_rate_scaled, cost_rate_scaled, rate_currency, approved_by, approved_at)
                    VALUES (\(id), \(people.member.id), \(project), \(task), \(date)::date, 60, true, 'approved', 950000, 500000, 'EUR',
                            \(people.manager.id), now())
                    """)
                ids.append(id)
            }
            return ids
        }

        var service: InvoiceService { InvoiceService(pool: pool, clock: SystemClock()) }
    }

    @Test func fiftyDraftsIssuedFromParallelConnectionsGetNumbersOneToFiftyAndBillEachItemOnce() async throws {
        try await TestDatabase.withFresh { database in
            // Issuing is serialised on the year's counter row, so 38 of the 50 tasks wait
            // for a connection while 12 queue on the lock. On a loaded 2-core CI machine that
            // queue takes longer than the default 5 s lease wait; what is tested here is the
            // numbering, not the pool's patience, so the wait is generous.
            let pool = await database.makePool(size: 12, leaseTimeout: .seconds(120))
            let ledger = try await Ledger.make(pool: pool)
            let service = ledger.service
            // 50 drafts of one entry each: the entries are drafted one at a time.
            var drafts: [InvoiceView] = []
            for _ in 0..<50 {
                try await ledger.approvedEntries(1)
                drafts.append(try await service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin))
            }
            let issued = try await withThrowingTaskGroup(of: InvoiceView.self) { group in
                for draft in drafts {
                    group.addTask {
                        try await service.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let counters = issued.compactMap { $0.invoice.issue?.counter }.sorted()
            #expect(counters == Array(1...50))
            #expect(Set(issued.compactMap { $0.invoice.issue?.number }).count == 50)
            let billed = try await pool.queryOne(
                "SELECT count(*) AS n, count(DISTINCT invoice_line_id) AS lines FROM time_entries WHERE status = 'invoiced'")
            #expect(try billed.decode("n", as: Int64.self) == 50 && billed.decode("lines", as: Int64.self) == 50)
        }
    }

    @Test func twoConcurrentDraftsForOneClientNeverShareAnItem() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8)
            let ledger = try await Ledger.make(pool: pool)
            try await ledger.approvedEntries(20)
            let service = ledger.service
            let outcomes = await withTaskGroup(of: Result<InvoiceView, any Error>.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do { return .success(try await service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)) } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let made = outcomes.compactMap { try? $0.get() }
            #expect(made.count == 1)
            for case .failure(let error) in outcomes {
                #expect(error as? DomainError == .conflict("Nothing is billable for this client and selection in EUR."))
            }
            let links = try await pool.queryOne(
                "SELECT count(*) AS n, count(DISTINCT time_entry_id) AS items FROM invoice_line_items WHERE released_at IS NULL")
            #expect(try links.decode("n", as: Int64.self) == 20 && links.decode("items", as: Int64.self) == 20)
        }
    }

    @Test func aSharedItemIsRefusedByTheDatabaseItself() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let ledger = try await Ledger.make(pool: pool)
            let entry = try await ledger.approvedEntries(1)[0]
            let draft = try await ledger.service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            let line = try #require(draft.lines.first)
            await #expect(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO invoice_line_items (line_id, invoice_id, time_entry_id) VALUES (\(line.id), \(draft.invoice.id), \(entry))")
            }
        }
    }

    @Test func aRolledBackIssueLeavesNoGap() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let ledger = try await Ledger.make(pool: pool)
            try await ledger.approvedEntries(1)
            let first = try await ledger.service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            // A number taken, then the transaction fails: the counter rolls back with it.
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await pool.withTransaction { tx in
                    _ = try await InvoiceSeriesStore().next(.invoices, format: .invoices, issueDate: LocalDate(year: 2026, month: 12, day: 1)!, on: tx)
                    throw Boom()
                }
            }
            // An issue refused after its checks (an issue date before the series' last) takes no number either.
            let issued = try await ledger.service.issue(first.invoice.id, issueDate: nil, expectedVersion: first.invoice.version, caller: ledger.admin)
            #expect(issued.invoice.issue?.counter == 1)
            try await ledger.approvedEntries(1)
            let second = try await ledger.service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            await #expect(throws: DomainError.self) {
                try await ledger.service.issue(
                    second.invoice.id, issueDate: LocalDate(year: 2026, month: 1, day: 1), expectedVersion: second.invoice.version,
                    caller: ledger.admin)
            }
            let again = try await ledger.service.issue(second.invoice.id, issueDate: nil, expectedVersion: second.invoice.version, caller: ledger.admin)
            #expect(again.invoice.issue?.counter == 2)
        }
    }

    @Test func issuedInvoicesTheirLinesAndInvoicedItemsAreImmutableForTheApplicationRole() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()  // the application's role, not the owner
            let ledger = try await Ledger.make(pool: pool)
            let entry = try await ledger.approvedEntries(1)[0]
            let draft = try await ledger.service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            let issued = try await ledger.service.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
            let id = issued.invoice.id
            for statement: SQL in [
                "UPDATE invoices SET notes = 'changed' WHERE id = \(id)",
                "UPDATE invoices SET status = 'draft' WHERE id = \(id)",
                "DELETE FROM invoices WHERE id = \(id)",
                "UPDATE invoice_lines SET net_minor = 1 WHERE invoice_id = \(id)",
                "DELETE FROM invoice_lines WHERE invoice_id = \(id)",
                "INSERT INTO invoice_lines (id, invoice_id, position, kind, description, quantity_scaled, unit_code, unit_price_scaled, net_minor, vat_category, vat_rate_bp) VALUES (\(UUID()), \(id), 9, 'manual', 'x', 10000, 'C62', 1, 1, 'S', 2100)",
                "DELETE FROM invoice_line_items WHERE invoice_id = \(id)",
                "UPDATE invoice_line_items SET time_entry_id = NULL WHERE invoice_id = \(id)",
                "UPDATE time_entries SET minutes = 1 WHERE id = \(entry)",
                "UPDATE time_entries SET invoice_line_id = NULL WHERE id = \(entry)",
                "DELETE FROM time_entries WHERE id = \(entry)",
            ] {
                await #expect(throws: PostgresError.self, "\(statement)") { try await pool.execute(statement) }
            }
            let row = try await pool.queryOne("SELECT status, notes FROM invoices WHERE id = \(id)")
            #expect(try row.decode("status", as: String.self) == "issued" && row.decode("notes", as: String.self) == "")
        }
    }

    @Test func paymentsAreNeverChangedOrDeleted() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let ledger = try await Ledger.make(pool: pool)
            try await ledger.approvedEntries(2)
            let draft = try await ledger.service.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            let issued = try await ledger.service.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
            let payments = PaymentService(pool: pool, clock: SystemClock())
            let paid = try await payments.record(
                NewPayment(invoiceID: issued.invoice.id, paidOn: LocalDate(year: 2026, month: 12, day: 1)!, amountMinor: 1000, method: .card),
                caller: ledger.admin)
            for statement: SQL in ["UPDATE payments SET amount_minor = 1", "DELETE FROM payments"] {
                await #expect(throws: PostgresError.self) { try await pool.execute(statement) }
            }
            let reversed = try await payments.reverse(paid.payment.id, of: issued.invoice.id, reason: "Wrong invoice", caller: ledger.admin)
            #expect(reversed.payment.amount.amountMinor == -1000 && reversed.invoice.paid.amountMinor == 0)
            await #expect(throws: DomainError.conflict("This payment has already been reversed.")) {
                try await payments.reverse(paid.payment.id, of: issued.invoice.id, reason: "Twice", caller: ledger.admin)
            }
        }
    }

    @Test func aRetainerPeriodIsInvoicedOnceByTwoServicesRunningAtOnce() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8)
            let ledger = try await Ledger.make(pool: pool)
            let care = ProjectID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(care), \(ledger.people.clientID), \(ledger.people.teamID), 'Care', 'CARE-1', 'retainer', 'EUR')
                """)
            let today = LocalDate.of(Date())
            let start = try LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: -2)
            try await pool.execute(
                """
                INSERT INTO retainers (project_id, monthly_fee_minor, currency, included_minutes, overage_rate_scaled, period_start_day,
                                       start_date, unused_rule, alert_threshold_percent, auto_issue)
                VALUES (\(care), 150000, 'EUR', 600, 900000, 1, \(start), 'forfeit', 80, true)
                """)
            try await pool.execute("INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled) VALUES (\(care), \(start), 900000)")
            let support = TaskID.random()
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(support), \(care), 'Support', true)")
            try await pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(UUID()), \(ledger.people.member.id), \(care), \(support), \(try start.adding(days: 3)), 720, true, 'approved',
                        900000, 500000, 'EUR', \(ledger.people.manager.id), now())
                """)
            let logger = Logger(label: "test")
            let first = RetainerInvoicing(pool: pool, clock: SystemClock(), logger: logger)
            let second = RetainerInvoicing(pool: pool, clock: SystemClock(), logger: logger)
            async let a = first.runOnce()
            async let b = second.runOnce()
            let made = try await a + b
            // Three periods have started (two months ago, last month, this month): three invoices.
            #expect(made.count == 3)
            let runs = try await pool.queryOne("SELECT count(*) AS n, count(DISTINCT invoice_id) AS invoices FROM retainer_invoice_runs")
            #expect(try runs.decode("n", as: Int64.self) == 3 && runs.decode("invoices", as: Int64.self) == 3)
            // Issued directly (auto_issue), numbered without gaps; the first period's overage (2 h
            // at 90.00) is on the second period's invoice.
            let numbers = try await pool.query("SELECT counter FROM invoices WHERE status = 'issued' ORDER BY counter") { try $0.decode("counter", as: Int.self) }
            #expect(numbers == [1, 2, 3])
            let overage = try await pool.queryOne("SELECT count(*) AS n, sum(net_minor) AS net FROM invoice_lines WHERE kind = 'retainer_overage'")
            #expect(try overage.decode("n", as: Int64.self) == 1 && overage.decode("net", as: Int64?.self) == 18_000)
            // A second pass makes nothing new.
            #expect(try await first.runOnce().isEmpty)
        }
    }
}

/// Complete seller and buyer data written straight to the database.
enum InvoicingPartiesInDatabase {
    static func complete(pool: PostgresPool, client: ClientID) async throws {
        try await pool.execute(
            """
            UPDATE agency_settings SET legal_name = 'Sheaf Studio', legal_form = 'SRL', register_mention = 'RPM Bruxelles',
                   street = 'Rue de la Loi 16', city = 'Bruxelles', postal_code = '1000', country = 'BE',
                   vat_number = 'BE0403170701', company_number = '0403170701', email = 'billing@sheaf.example',
                   iban = 'BE68539007547034', bic = 'GKCCBEBB', endpoint_scheme = '0208', endpoint_id = '0403170701'
            """)
        try await pool.execute(
            """
            UPDATE clients SET street = 'Avenue Louise 54', city = 'Bruxelles', postal_code = '1050', country = 'BE',
                   vat_number = 'BE0879454161', company_number = '0879454161', endpoint_scheme = '0208', endpoint_id = '0879454161'
            WHERE id = \(client)
            """)
    }
}
