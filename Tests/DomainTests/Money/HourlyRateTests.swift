import Domain
import Foundation
import Testing

@Suite("HourlyRate")
struct HourlyRateTests {
    static let kwd = try! Currency("KWD")

    @Test(
        arguments: [
            ("87.5", 875_000), ("87,5", 875_000), ("1234.5678", 12_345_678), ("0", 0),
            ("81.25", 812_500),
        ] as [(String, Int64)]
    )
    func aRateParsesWithUpToFourDecimals(text: String, scaled: Int64) throws {
        #expect(try HourlyRate(parsing: text, currency: .eur).scaled == scaled)
    }

    @Test(arguments: [
        ("87.12345", "Use at most 4 decimal places."),
        ("-1", "A rate cannot be negative."),
        ("eighty", "Enter a number such as 12.5."),
    ])
    func anInvalidRateIsRefused(text: String, message: String) {
        #expect(throws: DomainError.invalid(field: "rate", message: message)) {
            try HourlyRate(parsing: text, currency: .eur)
        }
    }

    @Test(
        arguments: [
            (65_000, Currency.eur, 8, 812_500),  // 650.00 / 8 = 81.25
            (100_000, .eur, 3, 3_333_333),  // 1000.00 / 3 = 333.3333
            (20_000, .eur, 3, 666_667),  // 200.00 / 3 = 66.66666… → 66.6667
            (100_000, .eur, 7, 1_428_571),  // 1000.00 / 7 = 142.857142… → 142.8571
            (50_000, .jpy, 8, 62_500_000),  // ¥50000 / 8 = ¥6250
            (0, .eur, 8, 0),
        ] as [(Int64, Currency, Int64, Int64)]
    )
    func aDayRateBecomesAnHourlyRateWithoutLosingMoney(
        dayMinor: Int64,
        currency: Currency,
        hours: Int64,
        scaled: Int64
    ) throws {
        let rate = try HourlyRate(dayRate: Money(amountMinor: dayMinor, currency: currency), hoursPerDay: hours)
        #expect(rate == (try HourlyRate(scaled: scaled, currency: currency)))
    }

    @Test func aDayRateDividedByItsHoursBillsTheDayRateForAFullDay() throws {
        let rate = try HourlyRate(dayRate: Money(amountMinor: 65_000, currency: .eur), hoursPerDay: 8)
        #expect(try rate.amount(forMinutes: 8 * 60) == Money(amountMinor: 65_000, currency: .eur))
    }

    @Test func aDayRateNeedsPositiveHoursAndANonNegativeAmount() {
        let day = Money(amountMinor: 65_000, currency: .eur)
        #expect(throws: DomainError.invalid(field: "hours_per_day", message: "Hours per day must be more than 0.")) {
            try HourlyRate(dayRate: day, hoursPerDay: 0)
        }
        #expect(throws: DomainError.invalid(field: "rate", message: "A rate cannot be negative.")) {
            try HourlyRate(dayRate: Money(amountMinor: -1, currency: .eur), hoursPerDay: 8)
        }
    }

    @Test(
        arguments: [
            (875_000, Currency.eur, 60, 8_750),  // 87.50 × 1 h
            (875_000, .eur, 90, 13_125),  // 87.50 × 1.5 h
            (3_333_333, .eur, 180, 100_000),  // 333.3333 × 3 h = 999.9999 → 1000.00
            (3_333_333, .eur, 60, 33_333),  // 333.3333 → 333.33
            (1_000_000, .eur, 20, 3_333),  // 100 × 1/3 h = 33.333… → 33.33
            (1_000_000, .eur, 40, 6_667),  // 100 × 2/3 h = 66.666… → 66.67
            (1_000_000, .eur, 1, 167),  // 1.666… → 1.67
            (100, .eur, 30, 1),  // 0.005 EUR: an exact half cent rounds up
            (100, .eur, 29, 0),  // 0.00483 EUR rounds down
            (10_000_000, .jpy, 45, 750),  // ¥1000 × 0.75 h
            (101_250, kwd, 60, 10_125),  // 10.125 KWD, three minor digits
            (875_000, .eur, 0, 0),
            (10_000_000_000, .eur, 1_000_000, 1_666_666_666_667),  // 1 000 000 EUR/h × 16 666 h
        ] as [(Int64, Currency, Int, Int64)]
    )
    func anAmountIsMinutesTimesRateRoundedHalfUpToTheMinorUnit(
        scaled: Int64,
        currency: Currency,
        minutes: Int,
        minor: Int64
    ) throws {
        let rate = try HourlyRate(scaled: scaled, currency: currency)
        #expect(try rate.amount(forMinutes: minutes) == Money(amountMinor: minor, currency: currency))
    }

    @Test func negativeMinutesAreRefused() throws {
        let rate = try HourlyRate(scaled: 875_000, currency: .eur)
        #expect(throws: DomainError.invalid(field: "minutes", message: "Minutes cannot be negative.")) {
            try rate.amount(forMinutes: -1)
        }
    }

    @Test func anAmountTooLargeForMoneyIsRefused() throws {
        let rate = try HourlyRate(scaled: .max, currency: .eur)
        #expect(throws: DomainError.invalid(field: "amount", message: "The amount is too large.")) {
            try rate.amount(forMinutes: .max)
        }
        #expect(try rate.amount(forMinutes: 6_000).amountMinor == .max)  // 100 h at max/10⁴ EUR: the largest amount
        #expect(throws: DomainError.invalid(field: "amount", message: "The amount is too large.")) {
            try rate.amount(forMinutes: 6_001)
        }
    }

    @Test(
        arguments: [
            (875_000, Currency.eur, "87.50"), (3_333_333, .eur, "333.3333"),
            (812_500, .eur, "81.25"), (12_000_000, .jpy, "1200"), (10_000, .eur, "1.00"),
        ]
            as [(Int64, Currency, String)]
    )
    func aRatePrintsWithTheCurrencysDigitsOrMore(scaled: Int64, currency: Currency, text: String) throws {
        let rate = try HourlyRate(scaled: scaled, currency: currency)
        #expect(rate.decimalString == text)
        #expect(rate.description == "\(text) \(currency.code)/h")
    }

    @Test func aRateRoundTripsThroughJSONAndANegativeOneDoesNotDecode() throws {
        let rate = try HourlyRate(scaled: 875_000, currency: .eur)
        #expect(try JSONDecoder().decode(HourlyRate.self, from: JSONEncoder().encode(rate)) == rate)
        let negative = Data(#"{"scaled":-1,"currency":"EUR"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HourlyRate.self, from: negative) }
    }
}
