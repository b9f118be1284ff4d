public import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Tells receivers when an invoice falls overdue (issue 14 item 2): a scheduled job that
/// writes one `invoice.overdue` event per invoice whose due date has passed with a
/// balance left. Once per invoice: a unique index on the event is the claim, and each
/// event is written in a transaction that holds the invoice's row lock and checks the
/// balance again.
public struct InvoiceOverdueJob: ScheduledJob {
    public static let jobName = "invoice-overdue"
    public let schedule: JobSchedule
    public var name: String { Self.jobName }

    public init(schedule: JobSchedule = .every(.seconds(3600))) {
        self.schedule = schedule
    }

    public func run(_ context: JobContext) async throws {
        let invoices = InvoiceService(pool: context.pool, clock: context.clock)
        let today = LocalDate.of(context.clock.now())
        var announced = 0
        while true {
            let batch = try await InvoiceStore().overdueUnannounced(today: today, limit: 100, on: context.pool)
            for id in batch where try await invoices.announceOverdue(id, today: today) { announced += 1 }
            if batch.count < 100 { break }
        }
        if announced > 0 { context.logger.info("invoices fell overdue", metadata: ["count": "\(announced)"]) }
    }
}

extension InvoiceService {
    /// Writes `invoice.overdue` for one invoice if it is still overdue and not yet announced.
    /// - Returns: whether it did.
    func announceOverdue(_ id: InvoiceID, today: LocalDate) async throws -> Bool {
        try await pool.withTransaction { tx in
            guard let invoice = try await invoices.findForUpdate(id, on: tx) else { return false }
            let view = try await view(invoice, on: tx)
            guard view.status == .overdue, try await OutboxStore().events(subjectType: "invoice", subjectID: id.description, type: .invoiceOverdue, on: tx).isEmpty
            else { return false }
            let client = try await clients.find(invoice.clientID, on: tx)
            try await OutboxStore().append(try OutboxEvents.invoice(.invoiceOverdue, view, clientName: client?.name ?? "", at: clock.now()), on: tx)
            return true
        }
    }
}
