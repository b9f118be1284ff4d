import Domain

/// An amount on the wire (SPEC §6): `{"amount_minor": 12345, "currency": "EUR"}`.
struct MoneyDTO: Encodable, Sendable, Equatable {
    let amountMinor: Int64
    let currency: String

    init(_ money: Money) {
        amountMinor = money.amountMinor
        currency = money.currency.code
    }
}
