/// What has been credited and paid on an invoice.
public struct InvoiceSettlement: Sendable, Hashable {
    public let credited: Int64
    public let paid: Int64
    public let creditNoteIDs: [InvoiceID]

    public init(credited: Int64, paid: Int64, creditNoteIDs: [InvoiceID]) {
        self.credited = credited
        self.paid = paid
        self.creditNoteIDs = creditNoteIDs
    }
}
