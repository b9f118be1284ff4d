/// A stored invoice line with what it bills.
public struct InvoiceLine: Sendable, Hashable {
    public let id: InvoiceLineID
    public let invoiceID: InvoiceID
    public var position: Int
    public var planned: PlannedLine
    /// `round(quantity × unit price)`, as stored.
    public let net: Money
    /// On a credit note: the credited invoice's line.
    public let creditedLineID: InvoiceLineID?

    public init(id: InvoiceLineID, invoiceID: InvoiceID, position: Int, planned: PlannedLine, net: Money, creditedLineID: InvoiceLineID? = nil) {
        self.id = id
        self.invoiceID = invoiceID
        self.position = position
        self.planned = planned
        self.net = net
        self.creditedLineID = creditedLineID
    }

    public var kind: InvoiceLineKind { planned.kind }
}

public typealias InvoiceLineID = ID<IDTag.InvoiceLine>
public typealias PaymentID = ID<IDTag.Payment>

extension IDTag {
    public enum InvoiceLine {}
    public enum Payment {}
}
