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
        let documents = try await exportDocuments(query, caller: caller)
        return (perLine ? InvoiceCSV.lines(documents) : InvoiceCSV.documents(documents)).data()
    }

    /// The documents of ``exportCSV(_:lines:caller:)`` as an XLSX workbook with dates as
    /// dates and amounts as numbers in each document's currency (issue 16 item 4).
    public func exportXLSX(_ query: InvoiceQuery, lines perLine: Bool, caller: Caller) async throws -> Data {
        let documents = try await exportDocuments(query, caller: caller)
        return try XLSXWriter.data(perLine ? InvoiceCSV.linesSheet(documents) : InvoiceCSV.documentsSheet(documents))
    }

    /// The documents the caller may read matching `query`, oldest first, as the exports need them.
    func exportDocuments(_ query: InvoiceQuery, caller: Caller) async throws -> [InvoiceCSV.Document] {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let views = try await list(bounded, caller: caller)
        guard views.count <= Self.maximumExportRows else {
            throw DomainError.invalid(field: "from", message: "More than \(Self.maximumExportRows) documents match; narrow the filters.")
        }
        let names = try await invoices.exportNames(views.map(\.invoice.id), on: pool)
        var documents: [InvoiceCSV.Document] = []
        for view in views.reversed() {
            let invoice = view.invoice
            let named = names[invoice.id]
            let stored = invoice.issue?.totals ?? StoredTotals(view.totals)
            documents.append(
                InvoiceCSV.Document(
                    number: invoice.issue?.number ?? "", kind: invoice.kind, status: view.status, issueDate: invoice.issue?.issueDate,
                    dueDate: invoice.dueDate, clientName: named?.clientName ?? "", clientVATNumber: named?.buyerVATNumber ?? "",
                    currency: invoice.currency, creditedNumber: named?.creditedNumber ?? "", taxExclusiveMinor: stored.taxExclusiveMinor,
                    taxTotalMinor: stored.taxTotalMinor, payableMinor: stored.payableMinor, vat: stored.vat,
                    creditedMinor: view.credited.amountMinor, paidMinor: view.paid.amountMinor, balanceMinor: view.balance.amountMinor,
                    structuredCommunication: invoice.issue?.structuredCommunication?.description ?? "", lines: view.lines))
        }
        return documents
    }
}
