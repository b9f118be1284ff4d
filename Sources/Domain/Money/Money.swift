/// An exact amount of money: an integer number of minor units (cents) in one currency.
///
/// Never floating point (SPEC §5). Arithmetic is checked: combining different
/// currencies or overflowing `Int64` throws ``DomainError/invalid(_:)`` on the
/// field `amount` rather than trapping or wrapping.
public struct Money: Hashable, Sendable, Codable {
    /// The amount in minor units, e.g. `12345` for 123.45 EUR; negative for credits.
    public let amountMinor: Int64
    /// The currency of the amount.
    public let currency: Currency

    /// Creates an amount from minor units.
    public init(amountMinor: Int64, currency: Currency) {
        self.amountMinor = amountMinor
        self.currency = currency
    }

    /// Parses a decimal string in major units (`"123.45"`, `"123,4"`, `"-5"`) into an
    /// amount, refusing more decimals than the currency has.
    /// - Throws: ``DomainError/invalid(_:)`` on `field`.
    public init(parsing text: String, currency: Currency, field: String = "amount") throws(DomainError) {
        let minor = try FixedPoint.parse(text, scale: currency.minorUnitDigits, field: field)
        self.init(amountMinor: minor, currency: currency)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(amountMinor: 0, currency: currency)
    }

    /// Whether the amount is exactly zero.
    public var isZero: Bool { amountMinor == 0 }
    /// Whether the amount is below zero.
    public var isNegative: Bool { amountMinor < 0 }

    /// The amount in major units with every minor digit, e.g. `"123.40"`, `"-5.00"`, `"1200"` (JPY).
    public var decimalString: String {
        FixedPoint.format(amountMinor, scale: currency.minorUnitDigits)
    }

    /// `self + other`.
    /// - Throws: ``DomainError/invalid(_:)`` when the currencies differ or the sum overflows.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        try requireSameCurrency(other)
        return try result(amountMinor.addingReportingOverflow(other.amountMinor))
    }

    /// `self - other`.
    /// - Throws: ``DomainError/invalid(_:)`` when the currencies differ or the difference overflows.
    public func subtracting(_ other: Money) throws(DomainError) -> Money {
        try requireSameCurrency(other)
        return try result(amountMinor.subtractingReportingOverflow(other.amountMinor))
    }

    /// `self × factor`, e.g. a unit price times a whole quantity.
    /// - Throws: ``DomainError/invalid(_:)`` on overflow.
    public func multiplied(by factor: Int64) throws(DomainError) -> Money {
        try result(amountMinor.multipliedReportingOverflow(by: factor))
    }

    /// `self × numerator / denominator`, rounded half away from zero to a minor unit,
    /// computed exactly in 128 bits. For percentages and rates:
    /// 20 % VAT is `scaled(by: 20, over: 100)`, 5.5 % is `scaled(by: 55, over: 1000)`.
    /// - Throws: ``DomainError/invalid(_:)`` when `denominator` is zero or the result overflows.
    public func scaled(by numerator: Int64, over denominator: Int64) throws(DomainError) -> Money {
        guard denominator != 0 else { throw .invalid(field: "amount", message: "Cannot divide an amount by zero.") }
        let exact = FixedPoint.divideRoundingHalfUp(Int128(amountMinor) * Int128(numerator), by: Int128(denominator))
        return Money(amountMinor: try FixedPoint.narrow(exact, or: Self.overflow), currency: currency)
    }

    /// The opposite amount, e.g. for a credit note line.
    /// - Throws: ``DomainError/invalid(_:)`` for `Int64.min`, which has no opposite.
    public func negated() throws(DomainError) -> Money {
        try result(Int64(0).subtractingReportingOverflow(amountMinor))
    }

    /// The exact sum of `amounts`, all in `currency`; zero when empty.
    /// - Throws: ``DomainError/invalid(_:)`` on a currency mismatch or overflow.
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(DomainError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts {
            total = try total.adding(amount)
        }
        return total
    }

    static let overflow = DomainError.invalid(field: "amount", message: "The amount is too large.")

    private func requireSameCurrency(_ other: Money) throws(DomainError) {
        guard currency == other.currency else {
            throw .invalid(
                field: "currency",
                message: "Amounts in \(currency.code) and \(other.currency.code) cannot be combined."
            )
        }
    }

    private func result(_ outcome: (partialValue: Int64, overflow: Bool)) throws(DomainError) -> Money {
        guard !outcome.overflow else { throw Self.overflow }
        return Money(amountMinor: outcome.partialValue, currency: currency)
    }
}

extension Money: CustomStringConvertible {
    /// The amount and code, e.g. `123.45 EUR`.
    public var description: String { "\(decimalString) \(currency.code)" }
}
