import Domain
import Foundation
import Testing

@Suite("Currency")
struct CurrencyTests {
    @Test(arguments: [
        ("EUR", 2), ("USD", 2), ("GBP", 2), ("CHF", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3),
        ("BHD", 3), ("CLF", 4), ("SEK", 2), ("XYZ", 2),
    ])
    func aCurrencyKnowsItsMinorUnitDigits(code: String, digits: Int) throws {
        let currency = try Currency(code)
        #expect(currency.code == code)
        #expect(currency.minorUnitDigits == digits)
    }

    @Test(arguments: ["", "eur", "Eur", "EU", "EURO", "E1R", "€UR", " EUR", "ÉUR"])
    func aMalformedCodeIsRefused(code: String) {
        #expect(
            throws: DomainError.invalid(
                field: "currency",
                message: "Use a three-letter ISO 4217 currency code such as EUR."
            )
        ) {
            try Currency(code)
        }
    }

    @Test func aCurrencyRoundTripsAsABareCode() throws {
        let data = try JSONEncoder().encode([Currency.chf])
        #expect(String(decoding: data, as: UTF8.self) == #"["CHF"]"#)
        #expect(try JSONDecoder().decode([Currency].self, from: data) == [.chf])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Currency].self, from: Data(#"["chf"]"#.utf8))
        }
    }
}
