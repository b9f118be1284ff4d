public import Domain
import Foundation
import Postgres
import Storage

/// A credit note to issue against an invoice (issue 12 item 8).
public struct NewCreditNote: Sendable {
    /// Lines of the invoice to credit; nil for the whole invoice.
    public var lineIDs: [InvoiceLineID]?
    public var reason: String
    /// Whether the credited lines' work becomes billable again.
    public var releaseItems: Bool
    public var issueDate: LocalDate?

    public init(lineIDs: [InvoiceLineID]? = nil, reason: String, releaseItems: Bool = false, issueDate: LocalDate? = nil) {
        self.lineIDs = lineIDs
        self.reason = reason
        self.releaseItems = releaseItems
        self.issueDate = issueDate
    }
}

extension InvoiceService {
    /// Credits lines of an issued invoice (all of them by default) with a credit note
    /// issued at once in its own gapless series, referencing the invoice. A line is
    /// credited at most once (a unique index); with `releaseItems` the work it billed
    /// is billable again.
    public func credit(_ id: InvoiceID, _ new: NewCreditNote, caller: Caller) async throws -> InvoiceView {
        try Policy.require(caller.actor, .creditInvoice, .agency)
        let reason = new.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1000).contains(reason.count) else {
            throw DomainError.invalid(field: "reason", message: "Say why the invoice is credited (1 to 1000 characters).")
        }
        return try await pool.withTransaction { tx in
            guard let invoice = try await invoices.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
            guard invoice.isIssued, invoice.kind != .creditNote else {
                throw DomainError.conflict(
                    invoice.kind == .creditNote ? "A credit note cannot be credited." : "A draft is not credited: change or delete it.")
            }
            let invoiceLines = try await lines.lines(of: [id], on: tx)
            let credited = try await lines.creditedLineIDs(of: id, on: tx)
            let chosen: [InvoiceLine]
            if let wanted = new.lineIDs {
                guard !wanted.isEmpty else { throw DomainError.invalid(field: "line_ids", message: "name at least one line, or leave it out for the whole invoice") }
                let byID = Dictionary(uniqueKeysWithValues: invoiceLines.map { ($0.id, $0) })
                let unknown = wanted.filter { byID[$0] == nil }
                guard unknown.isEmpty else {
                    throw DomainError.invalid(field: "line_ids", message: "\(unknown.map(\.description).joined(separator: ", ")) is not a line of this invoice")
                }
                chosen = Array(Set(wanted)).compactMap { byID[$0] }.sorted { $0.position < $1.position }
            } else {
                chosen = invoiceLines.filter { !credited.contains($0.id) }
            }
            let already = chosen.filter { credited.contains($0.id) }
            guard already.isEmpty, !chosen.isEmpty else {
                throw DomainError.conflict(
                    chosen.isEmpty
                        ? "Every line of this invoice has already been credited."
                        : "Line \(already.map { String($0.position) }.joined(separator: ", ")) has already been credited.")
            }
            let note = Invoice(
                id: .random(), kind: .creditNote, clientID: invoice.clientID, currency: invoice.currency,
                buyerReference: invoice.buyerReference, orderReference: invoice.orderReference, periodFrom: invoice.periodFrom,
                periodTo: invoice.periodTo, timeGrouping: invoice.timeGrouping, creditedInvoiceID: invoice.id, creditReason: reason,
                createdAt: clock.now())
            try await invoices.insert(note, createdBy: caller.user.id, on: tx)
            for (offset, line) in chosen.enumerated() {
                var planned = line.planned
                planned.items = []
                try await lines.insert(
                    InvoiceLine(id: .random(), invoiceID: note.id, position: offset + 1, planned: planned, net: line.net, creditedLineID: line.id),
                    on: tx)
            }
            if new.releaseItems { try await lines.release(lines: chosen.map(\.id), on: tx) }
            let issueDate = new.issueDate ?? today
            if let invoiceDate = invoice.issue?.issueDate, issueDate < invoiceDate {
                throw DomainError.invalid(field: "issue_date", message: "A credit note cannot be dated before the invoice it credits (\(invoiceDate)).")
            }
            let issued = try await issueLocked(note, issueDate: issueDate, by: caller.user.id, on: tx)
            let view = try await view(issued, on: tx)
            try await audit.append(
                AuditEntry(action: .creditNoteIssued, subjectType: .invoice, subjectID: note.id.description, after: try AuditJSON.invoice(view)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return view
        }
    }
}
