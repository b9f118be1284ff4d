import Domain

/// An effective-dated rate on the wire: `rate` is the decimal text ("87.50"),
/// `rate_scaled` the exact integer (major units × 10 000).
struct UserRateDTO: Encodable, Sendable {
    let id: ID<UserRate>
    let userId: UserID
    let kind: UserRate.Kind
    let effectiveFrom: LocalDate
    let rate: String
    let rateScaled: Int64
    let currency: String

    init(_ rate: UserRate) {
        id = rate.id
        userId = rate.userID
        kind = rate.kind
        effectiveFrom = rate.effectiveFrom
        self.rate = rate.rate.decimalString
        rateScaled = rate.rate.scaled
        currency = rate.rate.currency.code
    }
}
