@testable import API
import Domain
import Testing

/// How the client's language writes numbers and money on the validation pages
/// (issue 11 item 15): French groups with a narrow no-break space (U+202F) and puts
/// the euro sign after a no-break space (U+00A0), as CLDR does.
@Suite("Client language")
struct ClientLanguageTests {
    @Test(arguments: [
        (ClientLanguage.en, "3000.00", "EUR", "€3,000.00"),
        (.fr, "3000.00", "EUR", "3\u{202F}000,00\u{00A0}€"),
        (.nl, "3000.00", "EUR", "€\u{00A0}3.000,00"),
        (.de, "3000.00", "EUR", "3.000,00\u{00A0}€"),
        (.en, "1234567.5", "EUR", "€1,234,567.5"),
        (.en, "-42.10", "EUR", "-€42.10"),
        (.fr, "999.99", "EUR", "999,99\u{00A0}€"),
        (.en, "80.00", "CHF", "CHF\u{00A0}80.00"),
        (.de, "333.3333", "USD", "333,3333\u{00A0}$"),
        (.en, "12", "JPY", "JPY\u{00A0}12"),
    ])
    func moneyIsWrittenAsTheLanguageWritesIt(language: ClientLanguage, value: String, currency: String, expected: String) {
        #expect(language.money(value, currency: currency) == expected)
    }

    @Test(arguments: [
        (nil, ClientLanguage.en), ("", .en), ("fr", .fr), ("fr-BE,fr;q=0.9,en;q=0.8", .fr), ("nl-BE", .nl),
        ("de-CH, de;q=0.9", .de), ("es-ES, it;q=0.9", .en), ("en;q=0.2, de;q=0.8", .de), ("fr;q=0, nl", .nl), ("*", .en),
        ("DE", .de), ("fr;q=abc, nl;q=0.5", .nl),
    ] as [(String?, ClientLanguage)])
    func theLanguageIsTheBestSupportedOneTheBrowserAsksFor(header: String?, expected: ClientLanguage) {
        #expect(ClientLanguage(acceptLanguage: header) == expected)
    }

    @Test func hoursKeepTheirTwoDecimalsWithTheLanguagesMarks() {
        #expect(ClientLanguage.en.hours("1234.50") == "1,234.50")
        #expect(ClientLanguage.fr.hours("1234.50") == "1\u{202F}234,50")
        #expect(ClientLanguage.nl.hours("0.33") == "0,33")
        #expect(ClientLanguage.de.hours("not a number") == "not a number")
    }

    @Test func expenseCategoriesAreWords() {
        #expect(ValidationLabels.category("software_licence", in: .en) == "Software licence")
        #expect(ValidationLabels.category("travel", in: .fr) == "Déplacement")
        #expect(ValidationLabels.category("catering_and_more", in: .en) == "Catering and more")
    }
}
