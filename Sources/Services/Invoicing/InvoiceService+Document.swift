public import Domain
import Foundation
public import Postgres
import Storage

/// Another document a document names: the invoice a credit note credits, or a deposit
/// invoice a line deducts (issue 13 item 1).
public struct DocumentReference: Sendable, Hashable {
    public let number: String
    public let issueDate: LocalDate
}

/// What an invoice document shows (issue 13 item 1): the invoice with its lines and
/// totals, the parties — as snapshotted at issue, or as they stand now for a draft's
/// preview — and the documents it refers to.
public struct InvoiceDocumentData: Sendable {
    public let view: InvoiceView
    public let seller: SellerParty
    public let buyer: BuyerParty
    /// A credit note's invoice.
    public let credited: DocumentReference?
    /// The deposit invoices deducted by its lines, by id.
    public let deposits: [InvoiceID: DocumentReference]
    /// The time entries of each time line, when the invoice carries the time annex
    /// (empty otherwise).
    public let annex: [InvoiceLineID: [TimeAnnexEntry]]
}

extension InvoiceService {
    /// The document of `id` for whoever may read the invoice (same rules as ``get(_:caller:)``).
    public func document(_ id: InvoiceID, caller: Caller) async throws -> InvoiceDocumentData {
        guard let invoice = try await invoices.find(id, on: pool) else { throw DomainError.notFound(entity: "invoice") }
        try await requireRead(invoice, caller: caller, on: pool)
        return try await document(of: invoice, on: pool)
    }

    /// The document of an invoice already read, without a policy check (rendering the
    /// PDF of record right after issuing).
    public func document(of invoice: Invoice, on db: some PostgresQueryable) async throws -> InvoiceDocumentData {
        let view = try await view(invoice, on: db)
        let seller: SellerParty
        let buyer: BuyerParty
        if invoice.isIssued, let parties = try await invoices.parties(invoice.id, on: db) {
            seller = try SheafJSON.decoder.decode(SellerParty.self, from: Data(parties.seller.utf8))
            buyer = try SheafJSON.decoder.decode(BuyerParty.self, from: Data(parties.buyer.utf8))
        } else {
            seller = try await SellerPartyStore().load(on: db)
            buyer = try await BuyerPartyStore().load(client: invoice.clientID, on: db)
        }
        var credited: DocumentReference?
        if let creditedID = invoice.creditedInvoiceID {
            credited = try await reference(creditedID, on: db)
        }
        var deposits: [InvoiceID: DocumentReference] = [:]
        for depositID in Set(view.lines.compactMap(\.planned.deductedDeposit)) {
            deposits[depositID] = try await reference(depositID, on: db)
        }
        var annex: [InvoiceLineID: [TimeAnnexEntry]] = [:]
        if invoice.timeAnnex {
            annex = Dictionary(grouping: try await TimeAnnexStore().entries(of: invoice.id, on: db), by: \.lineID)
        }
        return InvoiceDocumentData(view: view, seller: seller, buyer: buyer, credited: credited, deposits: deposits, annex: annex)
    }

    /// The stored invoice `id` without a policy check (the caller has read it already).
    public func stored(_ id: InvoiceID) async throws -> Invoice? {
        try await invoices.find(id, on: pool)
    }

    private func reference(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> DocumentReference? {
        guard let issue = try await invoices.find(id, on: db)?.issue else { return nil }
        return DocumentReference(number: issue.number, issueDate: issue.issueDate)
    }
}
