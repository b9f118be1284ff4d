/// A price per hour with up to 4 decimals of the major unit, so that a day rate
/// divided by 8 (or by 3) loses no money (SPEC §2 "Rates").
///
/// ``scaled`` is the rate in **major units × 10 000**: 87.50 EUR/h is `875_000`,
/// 333.3333 EUR/h is `3_333_333`. Rates are never negative.
/// Amounts are rounded to minor units only when an amount is computed.
public struct HourlyRate: Hashable, Sendable {
    /// Number of decimals a rate carries.
    public static let scale = 4
    /// `10^scale`: the value of ``scaled`` for a rate of one major unit per hour.
    public static let scaleFactor: Int64 = 10_000

    /// The rate in major units × 10 000 per hour.
    public let scaled: Int64
    /// The currency of the rate.
    public let currency: Currency

    /// Creates a rate from its scaled value (major units × 10 000).
    /// - Throws: ``DomainError/invalid(_:)`` on `field` when `scaled` is negative.
    public init(scaled: Int64, currency: Currency, field: String = "rate") throws(DomainError) {
        guard scaled >= 0 else { throw .invalid(field: field, message: "A rate cannot be negative.") }
        self.scaled = scaled
        self.currency = currency
    }

    /// Parses a decimal rate in major units per hour: `"87.5"`, `"87,5"`, `"1234.5678"`.
    /// - Throws: ``DomainError/invalid(_:)`` on `field` for malformed text, more than
    ///   4 decimals, a negative value or overflow.
    public init(parsing text: String, currency: Currency, field: String = "rate") throws(DomainError) {
        try self.init(scaled: FixedPoint.parse(text, scale: Self.scale, field: field), currency: currency, field: field)
    }

    /// The hourly rate equivalent to a day rate: `dayRate / hoursPerDay`, rounded
    /// half up to 4 decimals (650.00 / 8 = 81.25; 1000.00 / 3 = 333.3333).
    /// - Throws: ``DomainError/invalid(_:)`` when `hoursPerDay` is not positive or the day rate is negative.
    public init(dayRate: Money, hoursPerDay: Int64, field: String = "rate") throws(DomainError) {
        guard hoursPerDay > 0 else {
            throw .invalid(field: "hours_per_day", message: "Hours per day must be more than 0.")
        }
        let exact = FixedPoint.divideRoundingHalfUp(
            Int128(dayRate.amountMinor) * Int128(Self.scaleFactor),
            by: Int128(dayRate.currency.minorUnitsPerMajorUnit) * Int128(hoursPerDay)
        )
        try self.init(
            scaled: FixedPoint.narrow(exact, or: Money.overflow),
            currency: dayRate.currency,
            field: field
        )
    }

    /// What `minutes` of work cost at this rate, rounded half up to a minor unit:
    /// `round(minutes × scaled × 10^minorDigits / (60 × 10 000))`, in exact integer arithmetic.
    /// - Throws: ``DomainError/invalid(_:)`` when `minutes` is negative or the amount overflows.
    public func amount(forMinutes minutes: Int) throws(DomainError) -> Money {
        guard minutes >= 0 else { throw .invalid(field: "minutes", message: "Minutes cannot be negative.") }
        // minutes × scaled fits in 128 bits; the power of ten may not.
        let (numerator, overflow) = (Int128(minutes) * Int128(scaled))
            .multipliedReportingOverflow(by: Int128(currency.minorUnitsPerMajorUnit))
        guard !overflow else { throw Money.overflow }
        let exact = FixedPoint.divideRoundingHalfUp(numerator, by: 60 * Int128(Self.scaleFactor))
        return Money(amountMinor: try FixedPoint.narrow(exact, or: Money.overflow), currency: currency)
    }

    /// What `hundredths` of an hour are billed at this rate, as an invoice time line
    /// nets (SPEC §5): `round(hundredths × scaled × 10^minorDigits / (100 × 10 000))`,
    /// half up, in exact integer arithmetic. 1.50 h at 87.50 EUR/h is 131.25 EUR.
    /// - Throws: ``DomainError/invalid(_:)`` when `hundredths` is negative or the amount overflows.
    public func amount(forHundredthsOfHour hundredths: Int64) throws(DomainError) -> Money {
        guard hundredths >= 0 else { throw .invalid(field: "minutes", message: "Hours cannot be negative.") }
        let (numerator, overflow) = (Int128(hundredths) * Int128(scaled))
            .multipliedReportingOverflow(by: Int128(currency.minorUnitsPerMajorUnit))
        guard !overflow else { throw Money.overflow }
        let exact = FixedPoint.divideRoundingHalfUp(numerator, by: 100 * Int128(Self.scaleFactor))
        return Money(amountMinor: try FixedPoint.narrow(exact, or: Money.overflow), currency: currency)
    }

    /// The rate in major units with trailing zeros dropped but at least the
    /// currency's minor digits: `"87.50"`, `"333.3333"`, `"1200"` (JPY).
    public var decimalString: String {
        FixedPoint.format(scaled, scale: Self.scale, minimumFractionDigits: currency.minorUnitDigits)
    }
}

extension HourlyRate: CustomStringConvertible {
    /// The rate, code and unit, e.g. `87.50 EUR/h`.
    public var description: String { "\(decimalString) \(currency.code)/h" }
}

extension HourlyRate: Codable {
    private enum CodingKeys: String, CodingKey {
        case scaled, currency
    }

    /// Decodes `{scaled, currency}` and refuses a negative rate.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scaled = try container.decode(Int64.self, forKey: .scaled)
        let currency = try container.decode(Currency.self, forKey: .currency)
        do {
            try self.init(scaled: scaled, currency: currency)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .scaled,
                in: container,
                debugDescription: "A rate cannot be negative."
            )
        }
    }

    /// Encodes `{scaled, currency}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scaled, forKey: .scaled)
        try container.encode(currency, forKey: .currency)
    }
}
