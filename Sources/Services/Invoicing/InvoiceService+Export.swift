public import Domain
public import Foundation
import Postgres
import Storage

extension InvoiceService {
    /// The most documents one export holds; narrower filters split a larger one.
    public static let maximumExportRows = 20_000

    /// The documents the caller may read matching `query`, as RFC 4180 CSV: one row per
    /// document, or per line with `lines` (issue 12 item 12).
    public func exportCSV(_ query: InvoiceQuery, lines perLine: Bool, caller: Caller) async throws -> Data {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let views = try await list(bounded, caller: caller)
        guard views.count <= Self.maximumExportRows else {
            throw DomainError.invalid(field: "from", message: "More than \(Self.maximumExportRows) documents match; narrow the filters.")
        }
        var clientNames: [ClientID: String] = [:]
        var numbers: [InvoiceID: String] = [:]
        for view in views { numbers[view.invoice.id] = view.invoice.issue?.number }
        var documents: [InvoiceCSV.Document] = []
        for view in views.reversed() {
            let invoice = view.invoice
            if clientNames[invoice.clientID] == nil { clientNames[invoice.clientID] = try await clients.find(invoice.clientID, on: pool)?.name }
            var buyerVAT = ""
            if invoice.isIssued, let parties = try await invoices.parties(invoice.id, on: pool) {
                buyerVAT = (try? SheafJSON.decoder.decode(BuyerParty.self, from: Data(parties.buyer.utf8)))?.vatNumber ?? ""
            }
            var creditedNumber = ""
            if let credited = invoice.creditedInvoiceID {
                if numbers[credited] == nil { numbers[credited] = try await invoices.find(credited, on: pool)?.issue?.number }
                creditedNumber = numbers[credited] ?? ""
            }
            let stored = invoice.issue?.totals ?? StoredTotals(view.totals)
            documents.append(
                InvoiceCSV.Document(
                    number: invoice.issue?.number ?? "", kind: invoice.kind, status: view.status, issueDate: invoice.issue?.issueDate,
                    dueDate: invoice.dueDate, clientName: clientNames[invoice.clientID] ?? "", clientVATNumber: buyerVAT,
                    currency: invoice.currency, creditedNumber: creditedNumber, taxExclusiveMinor: stored.taxExclusiveMinor,
                    taxTotalMinor: stored.taxTotalMinor, payableMinor: stored.payableMinor, vat: stored.vat,
                    creditedMinor: view.credited.amountMinor, paidMinor: view.paid.amountMinor, balanceMinor: view.balance.amountMinor,
                    structuredCommunication: invoice.issue?.structuredCommunication?.description ?? "", lines: view.lines))
        }
        return (perLine ? InvoiceCSV.lines(documents) : InvoiceCSV.documents(documents)).data()
    }
}
