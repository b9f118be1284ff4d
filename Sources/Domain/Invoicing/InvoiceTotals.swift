/// The totals of an invoice or credit note (SPEC §5, EN 16931 BG-22), which reconcile
/// exactly (BR-CO-10…16):
/// - lines = Σ line nets
/// - tax-exclusive = lines − allowances + charges
/// - tax = Σ VAT of each (category, rate) group
/// - tax-inclusive = tax-exclusive + tax
/// - payable = tax-inclusive − prepaid
public struct InvoiceTotals: Sendable, Hashable {
    public let lineExtension: Money
    public let allowanceTotal: Money
    public let chargeTotal: Money
    public let taxExclusive: Money
    public let taxTotal: Money
    public let taxInclusive: Money
    /// Cash already received against this very document (BT-113), not earlier deposits.
    public let prepaid: Money
    public let payable: Money
    public let vat: [VATBreakdownGroup]

    /// - Throws: ``DomainError/invalid(_:)`` on overflow or mixed currencies.
    public init(
        lines: [(net: Money, tax: LineTax)], adjustments: [DocumentAdjustment] = [], prepaid: Money? = nil, currency: Currency
    ) throws(DomainError) {
        lineExtension = try Money.sum(lines.map(\.net), in: currency)
        allowanceTotal = try Money.sum(adjustments.filter { $0.kind == .allowance }.map(\.amount), in: currency)
        chargeTotal = try Money.sum(adjustments.filter { $0.kind == .charge }.map(\.amount), in: currency)
        taxExclusive = try lineExtension.subtracting(allowanceTotal).adding(chargeTotal)
        vat = try VATBreakdown.groups(of: lines + adjustments.map { ($0.signed, $0.tax) }, currency: currency)
        taxTotal = try Money.sum(vat.map(\.amount), in: currency)
        taxInclusive = try taxExclusive.adding(taxTotal)
        self.prepaid = prepaid ?? .zero(currency)
        payable = try taxInclusive.subtracting(self.prepaid)
    }
}
