/// A document-level allowance (discount) or charge (EN 16931 BG-20/BG-21): an amount
/// with its own tax that changes the taxable base of that tax's group, not any line.
public struct DocumentAdjustment: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case allowance, charge
    }

    public let kind: Kind
    /// Always positive; ``kind`` gives the sign.
    public let amount: Money
    public let tax: LineTax
    public let reason: String

    public init(kind: Kind, amount: Money, tax: LineTax, reason: String) {
        self.kind = kind
        self.amount = amount
        self.tax = tax
        self.reason = reason
    }

    /// The amount with the sign it has on the taxable base.
    var signed: Money {
        kind == .charge ? amount : Money(amountMinor: -amount.amountMinor, currency: amount.currency)
    }
}
