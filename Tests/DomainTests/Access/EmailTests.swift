import Domain
import Foundation
import Testing

@Suite("Email")
struct EmailTests {
    @Test(arguments: [
        ("alice@example.com", "alice@example.com"),
        ("  Alice@Example.COM \n", "alice@example.com"),
        ("o'brien+invoices@mail.example.co.uk", "o'brien+invoices@mail.example.co.uk"),
        ("ÉLODIE@exemple.fr", "élodie@exemple.fr"),
    ])
    func aValidAddressIsTrimmedAndComparedLowercased(raw: String, normalized: String) throws {
        let email = try Email(raw)
        #expect(email.normalized == normalized)
        #expect(email.address == raw.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Email.normalize(raw) == normalized)
    }

    @Test func addressesDifferingOnlyInCaseAreEqual() throws {
        #expect(try Email("Alice@Example.com") == Email("alice@example.COM"))
        #expect(Set([try Email("A@b.co"), try Email("a@B.CO")]).count == 1)
    }

    @Test(arguments: [
        ("", "Enter an email address."),
        ("   ", "Enter an email address."),
        ("alice", "An email address contains exactly one @."),
        ("alice@@example.com", "An email address contains exactly one @."),
        ("a@b@example.com", "An email address contains exactly one @."),
        ("@example.com", "Enter the part before the @."),
        ("alice@", "Enter a domain such as example.com after the @."),
        ("alice@localhost", "Enter a domain such as example.com after the @."),
        ("alice@.example.com", "Enter a domain such as example.com after the @."),
        ("alice@example.com.", "Enter a domain such as example.com after the @."),
        ("alice@example..com", "Enter a domain such as example.com after the @."),
        ("ali ce@example.com", "An email address cannot contain spaces."),
        ("alice@exa\tmple.com", "An email address cannot contain spaces."),
        ("alice\u{0}@example.com", "An email address cannot contain spaces."),
        (String(repeating: "a", count: 65) + "@example.com", "Use at most 64 characters before the @."),
        ("a@" + String(repeating: "b", count: 249) + ".com", "Use at most 254 characters."),  // 255 bytes
    ])
    func aMalformedAddressIsRefusedWithOneClearMessage(raw: String, message: String) {
        #expect(Email.problems(raw) == [FieldError(field: "email", message: message)])
        #expect(throws: DomainError.invalid(field: "email", message: message)) { try Email(raw) }
    }

    @Test func anAddressOfExactly254BytesIsAccepted() throws {
        let raw = "a@" + String(repeating: "b", count: 249) + ".co"
        #expect(raw.utf8.count == 254)
        _ = try Email(raw)
    }

    @Test func anEmailRoundTripsAsTheAddressAsEntered() throws {
        let email = try Email("Alice@Example.com")
        let data = try JSONEncoder().encode([email])
        #expect(String(decoding: data, as: UTF8.self) == #"["Alice@Example.com"]"#)
        #expect(try JSONDecoder().decode([Email].self, from: data).first?.address == "Alice@Example.com")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Email].self, from: Data(#"["nope"]"#.utf8))
        }
    }
}
