import Domain
import Foundation
import Postgres
import Storage

extension InvoiceService {
    /// The reminders of an issued invoice (not a credit note): those made, and one per
    /// rule not made yet — scheduled while the invoice is unpaid, cancelled once it is
    /// paid or fully credited. Nil for drafts and credit notes.
    func reminders(of view: InvoiceView, on db: some PostgresQueryable) async throws -> [InvoiceReminder]? {
        let invoice = view.invoice
        guard invoice.isIssued, invoice.kind != .creditNote, let dueDate = invoice.dueDate else { return nil }
        let isOpen = view.status != .paid && view.status != .credited && view.balance.amountMinor > 0
        return InvoiceReminder.timeline(
            invoiceID: invoice.id, dueDate: dueDate, rules: try await ReminderSettingsStore().rules(on: db),
            made: try await ReminderStore().list(invoice: invoice.id, on: db), isOpen: isOpen)
    }
}
