public import Domain
import Foundation
import Storage

/// An invoice, deposit invoice or credit note with its lines, its totals (computed
/// for a draft, as stated for an issued document), and where it stands.
public struct InvoiceView: Sendable {
    public let invoice: Invoice
    public let lines: [InvoiceLine]
    public let totals: InvoiceTotals
    public let status: InvoiceStatus
    /// Σ of the credit notes against it.
    public let credited: Money
    /// Σ of its payments, reversals deducted.
    public let paid: Money
    /// What is still owed: payable − credited − paid (0 for drafts and credit notes).
    public let balance: Money
    public let creditNoteIDs: [InvoiceID]
    /// The reminders of an issued invoice, made and to come (issue 14 item 5); filled
    /// only where one invoice is read (`GET /invoices/{id}`), nil elsewhere.
    public internal(set) var reminders: [InvoiceReminder]?

    init(invoice: Invoice, lines: [InvoiceLine], settlement: InvoiceSettlement, today: LocalDate) throws {
        self.invoice = invoice
        self.lines = lines
        totals = try InvoiceTotals(lines: lines.map { ($0.net, $0.planned.tax) }, currency: invoice.currency)
        let currency = invoice.currency
        credited = Money(amountMinor: settlement.credited, currency: currency)
        paid = Money(amountMinor: settlement.paid, currency: currency)
        creditNoteIDs = settlement.creditNoteIDs
        if let issue = invoice.issue {
            status =
                invoice.kind == .creditNote
                ? .issued
                : InvoiceStatus.of(
                    total: Money(amountMinor: issue.totals.payableMinor, currency: currency), credited: credited, paid: paid,
                    dueDate: invoice.dueDate, today: today)
            balance =
                invoice.kind == .creditNote
                ? .zero(currency) : Money(amountMinor: issue.totals.payableMinor - settlement.credited - settlement.paid, currency: currency)
        } else {
            status = .draft
            balance = .zero(currency)
        }
    }
}
