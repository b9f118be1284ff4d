public import Domain
public import Foundation
public import Postgres
import Storage

/// The documents an issued invoice leaves Sheaf as (issue 13): here the Peppol BIS
/// Billing 3.0 UBL file. Rendered from the issued snapshot only (the stored lines,
/// totals and the seller and buyer as they were at issue), so it reads the same forever.
/// Read rules are the invoice's own: client contacts only their client's issued
/// documents, managers their teams' invoices, the admin everything.
public struct InvoiceDocumentService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let invoicing: InvoiceService
    let invoices = InvoiceStore()
    let lines = InvoiceLineStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
        self.invoicing = InvoiceService(pool: pool, clock: clock)
    }

    /// The UBL 2.1 file of an issued document, for whoever may read the invoice.
    /// - Throws: `notFound` when it does not exist or the caller may not read it;
    ///   `conflict` for a draft (it has no number yet: issue it first).
    public func ubl(_ id: InvoiceID, caller: Caller) async throws -> Data {
        guard let invoice = try await invoices.find(id, on: pool) else { throw DomainError.notFound(entity: "invoice") }
        try await invoicing.requireRead(invoice, caller: caller, on: pool)
        return try await ublData(for: invoice, on: pool)
    }

    /// The UBL 2.1 file of an issued document without a permission check: for
    /// rendering inside the issuing transaction (pass that transaction as `db`).
    public func ublData(for invoice: Invoice, on db: some PostgresQueryable) async throws -> Data {
        try UBLWriter.data(try UBLDocument.tree(try await ublSource(for: invoice, on: db)))
    }

    /// What the UBL is made of, all of it frozen at issue.
    func ublSource(for invoice: Invoice, on db: some PostgresQueryable) async throws -> UBLSource {
        guard invoice.isIssued else { throw DomainError.conflict("A draft has no number yet and is no e-invoice: issue it first.") }
        guard let parties = try await invoices.parties(invoice.id, on: db) else {
            throw DomainError.conflict("A draft has no number yet and is no e-invoice: issue it first.")
        }
        let seller = try SheafJSON.decoder.decode(SellerParty.self, from: Data(parties.seller.utf8))
        let buyer = try SheafJSON.decoder.decode(BuyerParty.self, from: Data(parties.buyer.utf8))
        let documentLines = try await lines.lines(of: [invoice.id], on: db).sorted { $0.position < $1.position }
        var referenced: [InvoiceID] = invoice.creditedInvoiceID.map { [$0] } ?? []
        for line in documentLines {
            if let deposit = line.planned.deductedDeposit, !referenced.contains(deposit) { referenced.append(deposit) }
        }
        var preceding: [UBLDocumentReference] = []
        for id in referenced {
            if let earlier = try await invoices.find(id, on: db), let issue = earlier.issue {
                preceding.append(UBLDocumentReference(number: issue.number, issueDate: issue.issueDate))
            }
        }
        return UBLSource(invoice: invoice, lines: documentLines, seller: seller, buyer: buyer, precedingInvoices: preceding)
    }
}
