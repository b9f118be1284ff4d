public import Domain
import Foundation
import Postgres
import Storage

extension InvoiceService {
    /// Issues a draft at `expectedVersion` (issue 12 item 6), in one transaction: the
    /// series' counter row is locked and advanced, the number formatted, seller and
    /// buyer snapshotted, totals computed and stored, every billed item marked
    /// invoiced with a link to its line, the audit event written. A failure anywhere
    /// rolls all of it back, the counter included: no gap.
    public func issue(_ id: InvoiceID, issueDate: LocalDate?, expectedVersion: Int, caller: Caller) async throws -> InvoiceView {
        try Policy.require(caller.actor, .issueInvoice, .agency)
        return try await pool.withTransaction { tx in
            let draft = try await requireDraft(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            let issued = try await issueLocked(draft, issueDate: issueDate ?? today, by: caller.user.id, on: tx)
            let view = try await view(issued, on: tx)
            try await record(.invoiceIssued, id, after: try AuditJSON.invoice(view), caller: caller, on: tx)
            return view
        }
    }

    /// Numbers and freezes a draft already locked by `tx`.
    func issueLocked(_ draft: Invoice, issueDate: LocalDate, by user: UserID?, on tx: PostgresTransaction) async throws -> Invoice {
        let draftLines = try await lines.lines(of: [draft.id], on: tx)
        guard !draftLines.isEmpty else {
            throw DomainError.invalid(field: "lines", message: "An invoice needs at least one line to be issued.")
        }
        var problems: [FieldError] = []
        for line in draftLines { problems += line.planned.tax.problems(field: "lines[\(line.position)].vat") }
        let totals = try InvoiceTotals(lines: draftLines.map { ($0.net, $0.planned.tax) }, currency: draft.currency)
        if totals.payable.isNegative {
            problems.append(FieldError(field: "lines", message: "The total is negative; a credit note is the document for that."))
        }
        guard let client = try await clients.find(draft.clientID, on: tx) else { throw DomainError.notFound(entity: "client") }
        let seller = try await SellerPartyStore().load(on: tx)
        let buyer = try await BuyerPartyStore().load(client: draft.clientID, on: tx)
        let missing = seller.missingForInvoicing() + buyer.missingForInvoicing()
        problems += missing.map { FieldError(field: $0, message: "is required to issue an invoice") }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }

        let agency = try await settings.get(on: tx)
        let template = draft.kind == .creditNote ? agency.creditNoteNumberFormat : agency.invoiceNumberFormat
        let format = try InvoiceNumberFormat(template, field: draft.kind == .creditNote ? "credit_note_number_format" : "invoice_number_format")
        let (counter, number) = try await series.next(draft.kind.series, format: format, issueDate: issueDate, on: tx)
        var dueDate: LocalDate?
        if draft.kind != .creditNote {
            dueDate = try draft.dueDate ?? issueDate.adding(days: client.paymentTermsDays)
            if let dueDate, dueDate < issueDate {
                throw DomainError.invalid(field: "due_date", message: "is before the issue date \(issueDate)")
            }
        }
        let facts = IssuedFacts(
            series: draft.kind.series, year: issueDate.year, counter: counter, number: number, issueDate: issueDate,
            structuredCommunication: draft.kind == .creditNote ? nil : StructuredCommunication(year: issueDate.year, counter: counter),
            totals: StoredTotals(totals), issuedAt: clock.now(), issuedBy: user)
        try await invoices.markIssued(
            draft.id, facts: facts, dueDate: dueDate, sellerJSON: try SheafJSON.string(seller), buyerJSON: try SheafJSON.string(buyer), on: tx)
        try await lines.markItemsInvoiced(draft.id, on: tx)
        guard let issued = try await invoices.find(draft.id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
        // Told to webhook receivers (issue 14 item 2) in the same transaction: no event without the issue.
        try await OutboxStore().append(
            try OutboxEvents.invoice(
                draft.kind == .creditNote ? .creditNoteIssued : .invoiceIssued, try await view(issued, on: tx), clientName: client.name,
                at: clock.now()),
            on: tx)
        return issued
    }
}
