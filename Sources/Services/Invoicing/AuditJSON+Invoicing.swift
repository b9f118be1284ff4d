import Domain
import Foundation

/// Audit snapshots of invoices: the state, the totals and every line with what it bills.
extension AuditJSON {
    struct InvoiceSnapshot: Encodable, Sendable {
        struct Line: Encodable, Sendable {
            let id: InvoiceLineID
            let kind: String
            let description: String
            let quantity: String
            let unitPrice: String
            let netMinor: Int64
            let vatCategory: String
            let vatRateBp: Int?
            let items: [String]
        }

        let id: InvoiceID
        let kind: String
        let clientId: ClientID
        let currency: String
        let status: String
        let number: String?
        let issueDate: LocalDate?
        let dueDate: LocalDate?
        let notes: String
        let buyerReference: String?
        let orderReference: String?
        let timeAnnex: Bool
        let taxExclusiveMinor: Int64
        let taxTotalMinor: Int64
        let payableMinor: Int64
        let lines: [Line]

        init(_ view: InvoiceView) {
            let invoice = view.invoice
            id = invoice.id
            kind = invoice.kind.rawValue
            clientId = invoice.clientID
            currency = invoice.currency.code
            status = view.status.rawValue
            number = invoice.issue?.number
            issueDate = invoice.issue?.issueDate
            dueDate = invoice.dueDate
            notes = invoice.notes
            buyerReference = invoice.buyerReference
            orderReference = invoice.orderReference
            timeAnnex = invoice.timeAnnex
            taxExclusiveMinor = view.totals.taxExclusive.amountMinor
            taxTotalMinor = view.totals.taxTotal.amountMinor
            payableMinor = view.totals.payable.amountMinor
            lines = view.lines.map {
                Line(
                    id: $0.id, kind: $0.kind.rawValue, description: $0.planned.description, quantity: $0.planned.quantity.decimalString,
                    unitPrice: $0.planned.unitPrice.decimalString, netMinor: $0.net.amountMinor, vatCategory: $0.planned.tax.category.rawValue,
                    vatRateBp: $0.planned.tax.rateBP, items: $0.planned.items.map { "\($0.kind.rawValue):\($0.id)" })
            }
        }
    }

    static func invoice(_ view: InvoiceView) throws -> String {
        try encode(InvoiceSnapshot(view))
    }
}
