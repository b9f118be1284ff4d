import Foundation

/// What an expense bills the client (SPEC §4.5 "expenses with markup"): the amount
/// plus the markup when rechargeable, nothing otherwise, and the VAT on that.
///
/// Markups and VAT rates are basis points (1000 = 10 %); each result is rounded half
/// up to a minor unit on its own, so the invoice line and its VAT are exactly these.
///
/// ```swift
/// let charge = try ExpenseCharge(amount: 120.00 EUR, rechargeable: true, markupBasisPoints: 1000, vatRateBasisPoints: 2000)
/// charge.billable  // 132.00 EUR
/// charge.vat       // 26.40 EUR
/// ```
public struct ExpenseCharge: Hashable, Sendable {
    /// Basis points in one whole (100 %).
    public static let basisPointsPerWhole: Int64 = 10_000

    /// What the client is billed, excluding VAT: zero for a non-rechargeable expense.
    public let billable: Money
    /// The VAT on ``billable`` at the expense's rate.
    public let vat: Money

    /// - Throws: ``DomainError/invalid(_:)`` when a result overflows.
    public init(amount: Money, rechargeable: Bool, markupBasisPoints: Int, vatRateBasisPoints: Int) throws(DomainError) {
        billable = try Self.billableAmount(amount, rechargeable: rechargeable, markupBasisPoints: markupBasisPoints)
        vat = try Self.vatAmount(on: billable, rateBasisPoints: vatRateBasisPoints)
    }

    /// `amount × (10000 + markup) / 10000`, rounded half up; zero unless rechargeable.
    public static func billableAmount(_ amount: Money, rechargeable: Bool, markupBasisPoints: Int) throws(DomainError) -> Money {
        guard rechargeable else { return .zero(amount.currency) }
        return try amount.scaled(by: basisPointsPerWhole + Int64(markupBasisPoints), over: basisPointsPerWhole)
    }

    /// `net × rate / 10000`, rounded half up.
    public static func vatAmount(on net: Money, rateBasisPoints: Int) throws(DomainError) -> Money {
        try net.scaled(by: Int64(rateBasisPoints), over: basisPointsPerWhole)
    }
}
