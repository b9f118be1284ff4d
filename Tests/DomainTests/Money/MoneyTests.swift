import Domain
import Foundation
import Testing

@Suite("Money")
struct MoneyTests {
    @Test func amountsInOneCurrencyAddAndSubtractExactly() throws {
        let a = Money(amountMinor: 12_345, currency: .eur)
        let b = Money(amountMinor: 655, currency: .eur)
        #expect(try a.adding(b) == Money(amountMinor: 13_000, currency: .eur))
        #expect(try b.subtracting(a) == Money(amountMinor: -11_690, currency: .eur))
        #expect(try Money.sum([a, b, b], in: .eur).amountMinor == 13_655)
        #expect(try Money.sum([], in: .usd) == .zero(.usd))
    }

    @Test func amountsInDifferentCurrenciesDoNotCombine() {
        let eur = Money(amountMinor: 100, currency: .eur)
        let usd = Money(amountMinor: 100, currency: .usd)
        let expected = DomainError.invalid(field: "currency", message: "Amounts in EUR and USD cannot be combined.")
        #expect(throws: expected) { try eur.adding(usd) }
        #expect(throws: expected) { try eur.subtracting(usd) }
        #expect(throws: expected) { try Money.sum([eur, usd], in: .eur) }
    }

    @Test func overflowThrowsInsteadOfTrappingOrWrapping() {
        let overflow = DomainError.invalid(field: "amount", message: "The amount is too large.")
        let max = Money(amountMinor: .max, currency: .eur)
        let min = Money(amountMinor: .min, currency: .eur)
        #expect(throws: overflow) { try max.adding(Money(amountMinor: 1, currency: .eur)) }
        #expect(throws: overflow) { try min.subtracting(Money(amountMinor: 1, currency: .eur)) }
        #expect(throws: overflow) { try max.multiplied(by: 2) }
        #expect(throws: overflow) { try min.negated() }
        #expect(throws: overflow) { try max.scaled(by: 3, over: 2) }
    }

    @Test func multiplyingAndNegatingAreExact() throws {
        let price = Money(amountMinor: 1_999, currency: .eur)
        #expect(try price.multiplied(by: 3).amountMinor == 5_997)
        #expect(try price.negated().amountMinor == -1_999)
        #expect(try Money(amountMinor: .max, currency: .eur).scaled(by: 1, over: 1).amountMinor == .max)
    }

    @Test(
        arguments: [
            (1_234, 20, 100, 247),  // 246.8 → 247
            (-1_234, 20, 100, -247),  // credits round away from zero too
            (1_000, 55, 1_000, 55),  // 5.5 %
            (5, 1, 2, 3),  // exact half rounds up
            (-5, 1, 2, -3),
            (4, 1, 3, 1),
            (10_000, 115, 100, 11_500),  // 15 % markup
        ] as [(Int64, Int64, Int64, Int64)]
    )
    func scalingRoundsHalfUpToTheMinorUnit(amount: Int64, numerator: Int64, denominator: Int64, expected: Int64) throws
    {
        let scaled = try Money(amountMinor: amount, currency: .eur).scaled(by: numerator, over: denominator)
        #expect(scaled == Money(amountMinor: expected, currency: .eur))
    }

    @Test func scalingByZeroDenominatorIsRefused() {
        #expect(throws: DomainError.invalid(field: "amount", message: "Cannot divide an amount by zero.")) {
            try Money.zero(.eur).scaled(by: 1, over: 0)
        }
    }

    @Test(
        arguments: [
            (12_345, Currency.eur, "123.45"), (-5, .eur, "-0.05"), (0, .usd, "0.00"),
            (1_200, .jpy, "1200"), (1_500, try! Currency("KWD"), "1.500"),
        ] as [(Int64, Currency, String)]
    )
    func anAmountPrintsWithAllItsMinorDigits(minor: Int64, currency: Currency, text: String) {
        let money = Money(amountMinor: minor, currency: currency)
        #expect(money.decimalString == text)
        #expect(money.description == "\(text) \(currency.code)")
    }

    @Test(
        arguments: [
            ("123.45", Currency.eur, 12_345), ("123,4", .eur, 12_340), ("-5", .eur, -500),
            ("1200", .jpy, 1_200),
        ] as [(String, Currency, Int64)]
    )
    func anAmountParsesFromMajorUnits(text: String, currency: Currency, minor: Int64) throws {
        #expect(try Money(parsing: text, currency: currency).amountMinor == minor)
    }

    @Test func anAmountWithMoreDecimalsThanItsCurrencyIsRefused() {
        #expect(throws: DomainError.invalid(field: "amount", message: "Use at most 2 decimal places.")) {
            try Money(parsing: "123.456", currency: .eur)
        }
        #expect(throws: DomainError.invalid(field: "price", message: "Enter a whole number.")) {
            try Money(parsing: "12.5", currency: .jpy, field: "price")
        }
    }

    @Test func moneyRoundTripsThroughJSON() throws {
        let money = Money(amountMinor: 12_345, currency: .eur)
        let decoded = try JSONDecoder().decode(Money.self, from: JSONEncoder().encode(money))
        #expect(decoded == money)
    }

    @Test func zeroAndSignAreReported() {
        #expect(Money.zero(.eur).isZero)
        #expect(Money(amountMinor: -1, currency: .eur).isNegative)
        #expect(!Money(amountMinor: 1, currency: .eur).isNegative)
    }
}
