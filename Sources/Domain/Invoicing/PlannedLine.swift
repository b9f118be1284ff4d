/// A line a draft will hold: what the server computed from billable items (or what
/// the admin typed), before it is stored.
public struct PlannedLine: Sendable, Hashable {
    public var kind: InvoiceLineKind
    public var projectID: ProjectID?
    public var description: String
    public var quantity: InvoiceQuantity
    public var unitPrice: UnitPrice
    public var tax: LineTax
    /// The work's dates (EN 16931 BG-26), when the line bills dated work.
    public var periodFrom: LocalDate?
    public var periodTo: LocalDate?
    /// What the line bills; empty for manual and deposit lines.
    public var items: [BillableReference]
    /// The deposit invoice a deduction line takes off.
    public var deductedDeposit: InvoiceID?

    public init(
        kind: InvoiceLineKind, projectID: ProjectID?, description: String, quantity: InvoiceQuantity, unitPrice: UnitPrice,
        tax: LineTax, periodFrom: LocalDate? = nil, periodTo: LocalDate? = nil, items: [BillableReference] = [],
        deductedDeposit: InvoiceID? = nil
    ) {
        self.kind = kind
        self.projectID = projectID
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.tax = tax
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.items = items
        self.deductedDeposit = deductedDeposit
    }

    /// `round(quantity × unit price)`.
    public func net() throws(DomainError) -> Money {
        try InvoiceLineNet.of(quantity, at: unitPrice)
    }
}
