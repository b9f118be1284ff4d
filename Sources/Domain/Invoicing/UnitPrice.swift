/// The price of one unit on an invoice line, never negative, with up to 4 decimals of
/// the major unit so an hourly rate keeps its precision on the document (SPEC §5:
/// "rates keep their four decimals in the unit price"). ``scaled`` is major units × 10 000.
public struct UnitPrice: Hashable, Sendable {
    public static let scale = 4
    public static let scaleFactor: Int64 = 10_000

    public let scaled: Int64
    public let currency: Currency

    /// - Throws: ``DomainError/invalid(_:)`` when negative (EN 16931 BR-27).
    public init(scaled: Int64, currency: Currency, field: String = "unit_price") throws(DomainError) {
        guard scaled >= 0 else { throw .invalid(field: field, message: "A unit price cannot be negative; use a negative quantity.") }
        self.scaled = scaled
        self.currency = currency
    }

    /// Parses `"82.5"`, `"95.0000"`.
    public init(parsing text: String, currency: Currency, field: String = "unit_price") throws(DomainError) {
        try self.init(scaled: FixedPoint.parse(text, scale: Self.scale, field: field), currency: currency, field: field)
    }

    /// The price of an hour.
    public init(_ rate: HourlyRate) {
        self.scaled = rate.scaled
        self.currency = rate.currency
    }

    /// An amount of money as a price (a milestone, a fee, a deposit).
    public init(_ amount: Money) throws(DomainError) {
        let (scaled, overflow) = amount.amountMinor.multipliedReportingOverflow(
            by: Self.scaleFactor / amount.currency.minorUnitsPerMajorUnit)
        guard !overflow else { throw Money.overflow }
        try self.init(scaled: scaled, currency: amount.currency)
    }

    /// `"82.50"`, `"436.7888"`: the currency's minor digits at least.
    public var decimalString: String {
        FixedPoint.format(scaled, scale: Self.scale, minimumFractionDigits: currency.minorUnitDigits)
    }
}
