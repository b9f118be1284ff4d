public import Domain
public import Foundation

extension OutboxEvents {
    /// An invoice or credit note as events carry it.
    struct InvoicePayload: Encodable, Sendable {
        let id: InvoiceID
        let kind: String
        @Nullable var number: String?
        let status: String
        let clientId: ClientID
        let clientName: String
        let currency: String
        @Nullable var issueDate: LocalDate?
        @Nullable var dueDate: LocalDate?
        @Nullable var structuredCommunication: String?
        let totalMinor: Int64
        let creditedMinor: Int64
        let paidMinor: Int64
        let balanceMinor: Int64
        @Nullable var creditedInvoiceId: InvoiceID?
        @Nullable var creditReason: String?

        init(_ view: InvoiceView, clientName: String) {
            let invoice = view.invoice
            id = invoice.id
            kind = invoice.kind.rawValue
            number = invoice.issue?.number
            status = view.status.rawValue
            clientId = invoice.clientID
            self.clientName = clientName
            currency = invoice.currency.code
            issueDate = invoice.issue?.issueDate
            dueDate = invoice.dueDate
            structuredCommunication = invoice.issue?.structuredCommunication?.description
            totalMinor = invoice.issue?.totals.payableMinor ?? view.totals.payable.amountMinor
            creditedMinor = view.credited.amountMinor
            paidMinor = view.paid.amountMinor
            balanceMinor = view.balance.amountMinor
            creditedInvoiceId = invoice.creditedInvoiceID
            creditReason = invoice.creditReason
        }
    }

    struct InvoiceEventPayload: Encodable, Sendable {
        let invoice: InvoicePayload
    }

    /// `invoice.issued`, `invoice.paid`, `invoice.overdue` or `credit_note.issued` about `view`.
    public static func invoice(_ type: OutboxEventType, _ view: InvoiceView, clientName: String, at date: Date) throws -> OutboxEvent {
        try event(
            type, at: date, subjectType: "invoice", subjectID: view.invoice.id.description, link: "/invoices/\(view.invoice.id)",
            payload: InvoiceEventPayload(invoice: InvoicePayload(view, clientName: clientName)))
    }

    struct PaymentEventPayload: Encodable, Sendable {
        struct PaymentPayload: Encodable, Sendable {
            let id: PaymentID
            let invoiceId: InvoiceID
            let paidOn: LocalDate
            let amountMinor: Int64
            let currency: String
            let method: String
            let reference: String
            @Nullable var reversesPaymentId: PaymentID?
            @Nullable var reason: String?
        }

        let payment: PaymentPayload
        let invoice: InvoicePayload
    }

    /// `payment.recorded` (a reversal is a negative payment) with the invoice as it stands after it.
    public static func payment(_ payment: Payment, invoice view: InvoiceView, clientName: String, at date: Date) throws -> OutboxEvent {
        try event(
            .paymentRecorded, at: date, subjectType: "payment", subjectID: payment.id.description, link: "/invoices/\(payment.invoiceID)/payments",
            payload: PaymentEventPayload(
                payment: .init(
                    id: payment.id, invoiceId: payment.invoiceID, paidOn: payment.paidOn, amountMinor: payment.amount.amountMinor,
                    currency: payment.amount.currency.code, method: payment.method.rawValue, reference: payment.reference,
                    reversesPaymentId: payment.reversesPaymentID, reason: payment.reason),
                invoice: InvoicePayload(view, clientName: clientName)))
    }
}
