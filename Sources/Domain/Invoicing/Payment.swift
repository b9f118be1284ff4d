public import Foundation

/// A payment received against an invoice, or the reversal of a mistaken one
/// (negative, pointing at the payment it reverses). Never changed or deleted.
public struct Payment: Sendable, Hashable {
    public let id: PaymentID
    public let invoiceID: InvoiceID
    public let paidOn: LocalDate
    public let amount: Money
    public let method: PaymentMethod
    public let reference: String
    public let reversesPaymentID: PaymentID?
    public let reason: String?
    public let recordedBy: UserID?
    public let recordedAt: Date

    public init(
        id: PaymentID, invoiceID: InvoiceID, paidOn: LocalDate, amount: Money, method: PaymentMethod, reference: String,
        reversesPaymentID: PaymentID? = nil, reason: String? = nil, recordedBy: UserID?, recordedAt: Date
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.paidOn = paidOn
        self.amount = amount
        self.method = method
        self.reference = reference
        self.reversesPaymentID = reversesPaymentID
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
