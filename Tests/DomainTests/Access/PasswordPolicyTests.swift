import Domain
import Testing

@Suite("PasswordPolicy")
struct PasswordPolicyTests {
    static let tooShort = FieldError(field: "password", message: "Use at least 12 characters.")
    static let tooLong = FieldError(field: "password", message: "Use at most 1024 bytes.")
    static let isEmail = FieldError(field: "password", message: "Do not use your email address as your password.")

    @Test(
        arguments: [
            ("correct horse", "alice@example.com", [FieldError]()),
            ("twelve chars", "alice@example.com", []),
            ("eleven char", "alice@example.com", [tooShort]),
            ("", nil, [tooShort]),
            (String(repeating: "👩‍👩‍👧‍👦", count: 12), nil, []),  // 12 characters, 300 bytes
            (String(repeating: "👩‍👩‍👧‍👦", count: 11), nil, [tooShort]),
            (String(repeating: "x", count: 1024), nil, []),
            (String(repeating: "x", count: 1025), nil, [tooLong]),
            (String(repeating: "é", count: 513), nil, [tooLong]),  // 513 characters, 1026 bytes
            ("Alice.Martin@Example.com", " alice.martin@example.com ", [isEmail]),
            ("ab@exam.com", "AB@EXAM.COM", [tooShort, isEmail]),
            ("alice.martin@example.com", "", []),
        ] as [(String, String?, [FieldError])]
    )
    func aPasswordIsCheckedForLengthAndAgainstTheEmail(password: String, email: String?, expected: [FieldError]) {
        #expect(PasswordPolicy.problems(password: password, email: email) == expected)
    }

    @Test func validateThrowsEveryProblemTogether() throws {
        #expect(throws: DomainError.invalid([Self.tooShort, Self.isEmail])) {
            try PasswordPolicy.validate(password: "ab@exam.com", email: "ab@exam.com")
        }
        try PasswordPolicy.validate(password: "a long enough passphrase", email: "a@example.co")
    }

    @Test func theFieldNameCanBeChosen() {
        let problems = PasswordPolicy.problems(password: "short", email: nil, field: "new_password")
        #expect(problems.map(\.field) == ["new_password"])
    }
}
