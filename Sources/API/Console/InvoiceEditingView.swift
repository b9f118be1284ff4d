import Domain
import Foundation
import Services

/// What the admin may change on one invoice in the console, beside what
/// ``InvoicePageView`` shows: a draft's lines to edit, add or delete (at the draft's
/// version, so a stale page is refused), and an issued invoice's lines to credit, fully
/// or in part, with the credit notes already issued against it.
struct InvoiceEditingView: Sendable {
    struct DraftLine: Sendable {
        let id: String
        let position: Int
        let description: String
        let kind: String
        /// Quantity and price can be changed on the lines the admin typed only.
        let isManual: Bool
        let quantity: String
        let unitPrice: String
        let net: String
        let editLabel: String
        let deleteLabel: String
    }

    struct CreditLine: Sendable {
        let id: String
        let position: Int
        let description: String
        let net: String
        let credited: Bool
        let label: String
    }

    struct CreditNote: Sendable {
        let id: String
        let number: String
        let date: String
        let total: String
        let reason: String
    }

    let invoiceID: String
    let version: Int
    let canEdit: Bool
    let lines: [DraftLine]
    let canCredit: Bool
    let creditLines: [CreditLine]
    let creditNotes: [CreditNote]
    let hasCreditNotes: Bool
    /// A credit note: the invoice it credits, and why.
    let isCreditNote: Bool
    let creditedInvoiceID: String
    let creditedInvoiceNumber: String
    let creditReason: String
    let today: String

    /// `creditNotes` are the notes issued against `view` (read by the caller), and
    /// `creditedNumber` the number of the invoice a credit note credits.
    init(
        _ view: InvoiceView, creditNotes: [InvoiceView], creditedNumber: String?, canEdit: Bool, canCredit: Bool, today: LocalDate,
        language: ClientLanguage
    ) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        let invoice = view.invoice
        invoiceID = invoice.id.description
        version = invoice.version
        self.canEdit = canEdit && !invoice.isIssued
        lines = view.lines.map { line in
            let planned = line.planned
            return DraftLine(
                id: line.id.description, position: line.position, description: planned.description, kind: text("line_kind_\(line.kind.rawValue)"),
                isManual: line.kind == .manual, quantity: language.number(planned.quantity.decimalString),
                unitPrice: language.number(planned.unitPrice.decimalString), net: language.money(line.net),
                editLabel: ConsoleCatalog.format("draft_line_save_label", language, String(line.position)),
                deleteLabel: ConsoleCatalog.format("draft_line_delete_label", language, String(line.position)))
        }
        let credited = Set(creditNotes.flatMap { $0.lines.compactMap(\.creditedLineID) })
        creditLines = view.lines.map { line in
            CreditLine(
                id: line.id.description, position: line.position, description: line.planned.description, net: language.money(line.net),
                credited: credited.contains(line.id),
                label: ConsoleCatalog.format("credit_line_label", language, String(line.position), line.planned.description))
        }
        self.canCredit = canCredit && invoice.isIssued && invoice.kind != .creditNote && creditLines.contains { !$0.credited }
        self.creditNotes = creditNotes.map { note in
            CreditNote(
                id: note.invoice.id.description, number: note.invoice.issue?.number ?? "", date: note.invoice.issue?.issueDate.description ?? "",
                total: language.money(note.totals.payable), reason: note.invoice.creditReason ?? "")
        }
        hasCreditNotes = !creditNotes.isEmpty
        isCreditNote = invoice.kind == .creditNote
        creditedInvoiceID = invoice.creditedInvoiceID?.description ?? ""
        creditedInvoiceNumber = creditedNumber ?? ""
        creditReason = invoice.creditReason ?? ""
        self.today = today.description
    }
}
