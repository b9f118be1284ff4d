/// The net amount of an invoice line (SPEC §5, EN 16931 BT-131):
/// `round(quantity × unit price)` to a minor unit, half away from zero, in exact
/// integer arithmetic. 7.33 h × 82.50 = 604.725 → 604.73 (bankers' rounding would
/// give 604.72).
public enum InvoiceLineNet {
    /// - Throws: ``DomainError/invalid(_:)`` when the amount does not fit.
    public static func of(_ quantity: InvoiceQuantity, at price: UnitPrice) throws(DomainError) -> Money {
        // quantity × price is scaled by 10^8; one minor unit is 10^(8 − minor digits).
        let (numerator, overflow) = (Int128(quantity.scaled) * Int128(price.scaled))
            .multipliedReportingOverflow(by: Int128(price.currency.minorUnitsPerMajorUnit))
        guard !overflow else { throw Money.overflow }
        let exact = FixedPoint.divideRoundingHalfUp(
            numerator, by: Int128(InvoiceQuantity.scaleFactor) * Int128(UnitPrice.scaleFactor))
        return Money(amountMinor: try FixedPoint.narrow(exact, or: Money.overflow), currency: price.currency)
    }
}
