import Domain
import Foundation
import Logging
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// The features' events (issue 14 item 2) against a real PostgreSQL: written by the
/// change's own transaction (a rolled-back issue leaves none), with payloads a receiver
/// can act on, and `invoice.overdue` once per invoice however many runners look.
@Suite struct OutboxEventsTests {
    typealias Ledger = InvoiceLedgerTests.Ledger

    static func events(_ pool: PostgresPool) async throws -> [(type: String, payload: [String: Any], link: String)] {
        try await pool.query("SELECT type, payload::text AS payload, link FROM outbox_events ORDER BY seq") { row in
            let payload = try JSONSerialization.jsonObject(with: Data(try row.decode("payload", as: String.self).utf8)) as? [String: Any]
            return (try row.decode("type"), payload ?? [:], try row.decode("link"))
        }
    }

    @Test func issuingAndPayingAnInvoiceTellsReceiversInTheSameTransaction() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let ledger = try await Ledger.make(pool: pool)
            try await ledger.approvedEntries(2)
            let clock = TestClock(try Date("2026-12-01T09:00:00Z", strategy: .iso8601))
            let invoices = InvoiceService(pool: pool, clock: clock)
            let draft = try await invoices.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)

            // Issued inside a transaction that rolls back: neither the issue nor its event remain.
            try await pool.withSharedTransaction { _ in
                _ = try await invoices.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
                #expect(try await Self.events(pool).map(\.type) == ["invoice.issued"])
                return .rollback(())
            }
            #expect(try await Self.events(pool).isEmpty)

            let issued = try await invoices.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
            let total = try #require(issued.invoice.issue?.totals.payableMinor)
            let payments = PaymentService(pool: pool, clock: clock)
            _ = try await payments.record(
                NewPayment(invoiceID: issued.invoice.id, paidOn: LocalDate(year: 2026, month: 12, day: 2)!, amountMinor: total - 100, method: .transfer),
                caller: ledger.admin)
            _ = try await payments.record(
                NewPayment(invoiceID: issued.invoice.id, paidOn: LocalDate(year: 2026, month: 12, day: 3)!, amountMinor: 100, method: .transfer),
                caller: ledger.admin)

            let events = try await Self.events(pool)
            #expect(events.map(\.type) == ["invoice.issued", "payment.recorded", "payment.recorded", "invoice.paid"])
            let invoice = try #require(events[0].payload["invoice"] as? [String: Any])
            #expect(invoice["number"] as? String == issued.invoice.issue?.number)
            #expect(invoice["total_minor"] as? Int == Int(total))
            #expect(invoice["client_id"] as? String == ledger.people.clientID.description)
            #expect(invoice["due_date"] as? String == issued.invoice.dueDate?.description)
            #expect(events[0].link == "/api/v1/invoices/\(issued.invoice.id)")
            let paid = try #require(events[3].payload["invoice"] as? [String: Any])
            #expect(paid["status"] as? String == "paid")
            #expect(paid["balance_minor"] as? Int == 0)
            let payment = try #require(events[2].payload["payment"] as? [String: Any])
            #expect(payment["amount_minor"] as? Int == 100)
        }
    }

    @Test func anOverdueInvoiceIsAnnouncedOnceAcrossRunners() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8)
            let ledger = try await Ledger.make(pool: pool)
            try await ledger.approvedEntries(1)
            let clock = TestClock(try Date("2026-12-01T09:00:00Z", strategy: .iso8601))
            let invoices = InvoiceService(pool: pool, clock: clock)
            let draft = try await invoices.createDraft(NewDraft(clientID: ledger.people.clientID), caller: ledger.admin)
            let issued = try await invoices.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: ledger.admin)
            let due = try #require(issued.invoice.dueDate)

            let logger = Logger(label: "test")
            let runners = (0..<2).map { index in
                JobRunner(pool: pool, clock: clock, registry: JobRegistry([InvoiceOverdueJob()]), instance: "r\(index)", logger: logger)
            }
            // Not overdue on its due date.
            clock.advance(by: .seconds(Int64(LocalDate.of(clock.now()).days(until: due)) * 86_400))
            #expect(try await runners[0].runDueJobs() == [InvoiceOverdueJob.jobName])
            #expect(try await Self.events(pool).map(\.type) == ["invoice.issued"])
            // The day after: once, whichever runner and however often.
            clock.advance(by: .seconds(86_400))
            async let a = runners[0].runDueJobs()
            async let b = runners[1].runDueJobs()
            #expect(try await a + b == [InvoiceOverdueJob.jobName])
            clock.advance(by: .seconds(7200))
            _ = try await runners[1].runDueJobs()
            let events = try await Self.events(pool)
            try #require(events.map(\.type) == ["invoice.issued", "invoice.overdue"])
            #expect((events[1].payload["invoice"] as? [String: Any])?["status"] as? String == "overdue")
        }
    }
}
