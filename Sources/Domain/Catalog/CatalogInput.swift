/// A duration as a caller gives it: whole minutes, or hours as decimal text with up to
/// two decimals (`"12.5"`), which become minutes rounded half up (0.01 h is 1 minute).
public enum DurationInput: Hashable, Sendable {
    case minutes(Int)
    case hours(String)

    /// The duration in minutes. `name` is the field's stem: `budget` reports errors on
    /// `budget_minutes` or `budget_hours`, whichever was given.
    /// - Throws: ``DomainError/invalid(_:)`` for malformed text, more than two decimals,
    ///   zero or a negative duration, or an absurdly large one.
    public func minutes(name: String) throws(DomainError) -> Int {
        switch self {
        case .minutes(let minutes):
            let field = "\(name)_minutes"
            guard minutes > 0 else { throw .invalid(field: field, message: "must be more than 0") }
            guard minutes <= Project.maximumMinutes else { throw .invalid(field: field, message: "is too large") }
            return minutes
        case .hours(let text):
            let field = "\(name)_hours"
            let hundredths = try FixedPoint.parse(text, scale: 2, field: field)
            guard hundredths > 0 else { throw .invalid(field: field, message: "must be more than 0") }
            let minutes = FixedPoint.divideRoundingHalfUp(Int128(hundredths) * 60, by: 100)
            guard minutes <= Int128(Project.maximumMinutes) else { throw .invalid(field: field, message: "is too large") }
            return Int(minutes)
        }
    }
}

/// An amount as a caller gives it: minor units, and optionally the currency (which
/// must then be the project's).
public struct AmountInput: Hashable, Sendable {
    public var amountMinor: Int64
    public var currency: String?

    public init(amountMinor: Int64, currency: String?) {
        self.amountMinor = amountMinor
        self.currency = currency
    }

    /// The amount in `projectCurrency`. `field` names the money object (`budget_amount`).
    /// - Throws: ``DomainError/invalid(_:)`` on `<field>.currency` for a malformed code.
    ///   (A code that differs from the project's is reported by ``Project/problems``.)
    public func money(defaultCurrency projectCurrency: Currency, field: String) throws(DomainError) -> Money {
        let currency = try currency.map { code throws(DomainError) in try Currency(code, field: "\(field).currency") }
        return Money(amountMinor: amountMinor, currency: currency ?? projectCurrency)
    }
}
