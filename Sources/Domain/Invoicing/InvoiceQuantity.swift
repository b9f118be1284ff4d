/// A quantity on an invoice line with up to 4 decimals: ``scaled`` is the quantity
/// × 10 000 (12.75 hours is `127_500`, −1 is `-10_000`).
///
/// Negative quantities are how a line takes money off (a deposit deduction): prices
/// stay positive (EN 16931 BR-27).
public struct InvoiceQuantity: Hashable, Sendable, Comparable, Codable {
    /// Number of decimals a quantity carries.
    public static let scale = 4
    /// `10^scale`.
    public static let scaleFactor: Int64 = 10_000

    public let scaled: Int64

    public init(scaled: Int64) {
        self.scaled = scaled
    }

    /// A whole quantity.
    public init(_ whole: Int64) {
        self.scaled = whole * Self.scaleFactor
    }

    /// Parses `"12.75"`, `"-1"`; at most 4 decimals, at most ±1 000 000.
    public init(parsing text: String, field: String = "quantity") throws(DomainError) {
        let scaled = try FixedPoint.parse(text, scale: Self.scale, field: field)
        guard scaled.magnitude <= 1_000_000 * UInt64(Self.scaleFactor) else {
            throw .invalid(field: field, message: "A quantity is at most 1000000.")
        }
        guard scaled != 0 else { throw .invalid(field: field, message: "A quantity cannot be 0.") }
        self.scaled = scaled
    }

    /// Hours from minutes with two decimals, rounded half up (SPEC §5: "hours with two
    /// decimals derived from minutes"): 440 min → 7.33 h, 45 min → 0.75 h, 1 min → 0.02 h.
    public static func hours(fromMinutes minutes: Int) -> InvoiceQuantity {
        let hundredths = FixedPoint.divideRoundingHalfUp(Int128(minutes) * 100, by: 60)
        return InvoiceQuantity(scaled: Int64(hundredths) * (Self.scaleFactor / 100))
    }

    /// One (a lump sum, a fee, a milestone).
    public static let one = InvoiceQuantity(1)

    /// The opposite quantity (a credit or a deduction).
    public var negated: InvoiceQuantity { InvoiceQuantity(scaled: -scaled) }

    /// `"12.75"`, `"-1"`, `"7.3333"`: at least two decimals when there is a fraction, none for whole numbers.
    public var decimalString: String {
        scaled % Self.scaleFactor == 0
            ? FixedPoint.format(scaled, scale: Self.scale, minimumFractionDigits: 0)
            : FixedPoint.format(scaled, scale: Self.scale, minimumFractionDigits: 2)
    }

    public static func < (lhs: InvoiceQuantity, rhs: InvoiceQuantity) -> Bool { lhs.scaled < rhs.scaled }
}
