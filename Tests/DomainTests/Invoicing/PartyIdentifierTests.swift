import Domain
import Testing

@Suite("Party identifiers")
struct PartyIdentifierTests {
    @Test(
        arguments: [
            // raw, normalized (nil = invalid)
            ("0123456749", "0123456749"),  // 97 − (01234567 mod 97 = 48) = 49
            ("0123.456.749", "0123456749"),
            ("BE 0123 456 749", "0123456749"),
            ("123456749", "0123456749"),  // old 9-digit format gets its leading 0
            ("0202239951", "0202239951"),
            ("0000009797", "0000009797"),  // body mod 97 = 0 → check 97
            ("0123456748", nil),  // wrong check
            ("2123456749", nil),  // must start with 0 or 1
            ("01234567490", nil),
            ("01234A6749", nil),
            ("", nil),
        ] as [(String, String?)])
    func belgianCompanyNumbersCarryTheirMod97Check(raw: String, expected: String?) {
        #expect(BelgianCompanyNumber.normalized(raw) == expected)
    }

    @Test(
        arguments: [
            ("BE68539007547034", "BE68539007547034"),
            ("be68 5390 0754 7034", "BE68539007547034"),
            ("DE89370400440532013000", "DE89370400440532013000"),
            ("FR1420041010050500013M02606", "FR1420041010050500013M02606"),
            ("GB29NWBK60161331926819", "GB29NWBK60161331926819"),
            ("NL91ABNA0417164300", "NL91ABNA0417164300"),
            ("BE68539007547035", nil),  // check digits do not match
            ("BE6853900754703", nil),  // one character short for BE (16)
            ("DE8937040044053201300", nil),  // one short for DE (22)
            ("ZZ68539007547034", nil),  // no such country
            ("BEXX539007547034", nil),
            ("", nil),
        ] as [(String, String?)])
    func ibansHaveTheirCountrysLengthAndAMod97Check(raw: String, expected: String?) {
        #expect(IBAN.normalized(raw) == expected)
    }

    @Test func everySEPACountryHasAnIBANLength() {
        let sepa = [
            "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GI", "GR", "HR", "HU", "IE", "IS", "IT",
            "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA",
        ]
        #expect(sepa.filter { IBAN.lengths[$0] == nil } == [])
    }

    @Test(
        arguments: [
            ("GEBABEBB", true), ("gkcc bebb", true), ("DEUTDEFF500", true), ("GEBABEB", false), ("GEBAXXBB", false),
            ("1EBABEBB", false), ("GEBABEBB5", false), ("GEBABEBB5000", false),
        ])
    func bicsHaveTheISO9362Shape(raw: String, valid: Bool) {
        #expect((BIC.normalized(raw) != nil) == valid)
    }

    @Test(
        arguments: [
            ("BE0123456749", "BE0123456749"),
            ("be 0123.456.749", "BE0123456749"),
            ("BE123456749", "BE0123456749"),
            ("FR40303265045", "FR40303265045"),
            ("EL123456789", "EL123456789"),  // Greece's prefix is not its ISO code
            ("DE123456789", "DE123456789"),
            ("BE0123456748", nil),  // Belgian numbers are checked
            ("0123456749", nil),  // no country prefix
            ("XX123456789", nil),
            ("DE1", nil),
            ("FR12345678901234", nil),  // more than 13 after the prefix
        ] as [(String, String?)])
    func vatNumbersHaveACountryPrefix(raw: String, expected: String?) {
        #expect(VATNumber.normalized(raw) == expected)
    }

    @Test(
        arguments: [
            ("billing@example.be", true), ("a.b+c@sub.example.com", true), ("no-at.example.be", false), ("a@b", false),
            ("a b@example.be", false), ("@example.be", false), ("a@@example.be", false), ("a@example..be", false),
        ])
    func emailAddressesHaveAnAtAndADomain(address: String, valid: Bool) {
        #expect(EmailAddress.isValid(address) == valid)
    }

    @Test(arguments: [("BE", true), ("NL", true), ("GB", true), ("UK", false), ("EU", false), ("be", false), ("BEL", false)])
    func countryCodesComeFromTheISOList(code: String, assigned: Bool) {
        #expect(CountryCode.isAssigned(code) == assigned)
    }

    @Test func theCountryListIsTheWholeISOList() {
        #expect(CountryCode.all.count == 249)
    }
}
