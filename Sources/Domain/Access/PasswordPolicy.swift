/// The rules a new password must follow.
///
/// Note for hashing: bcrypt reads only the first 72 bytes of its input, so a
/// service that accepts up to ``maximumBytes`` must pre-hash (or otherwise
/// account for) longer passwords.
public enum PasswordPolicy {
    /// The fewest characters (grapheme clusters, as people count them) allowed.
    public static let minimumCharacters = 12
    /// The most UTF-8 bytes allowed, bounding the cost of hashing.
    public static let maximumBytes = 1024

    /// Every problem with `password`, as field errors on `field` (empty when it is fine):
    /// too short, too long, or equal to `email` (compared trimmed and case-insensitively).
    public static func problems(password: String, email: String?, field: String = "password") -> [FieldError] {
        var validation = Validation()
        validation.require(
            password.count >= minimumCharacters,
            field: field,
            message: "Use at least \(minimumCharacters) characters."
        )
        validation.require(
            password.utf8.count <= maximumBytes,
            field: field,
            message: "Use at most \(maximumBytes) bytes."
        )
        if let email, !Email.normalize(email).isEmpty {
            validation.require(
                Email.normalize(password) != Email.normalize(email),
                field: field,
                message: "Do not use your email address as your password."
            )
        }
        return validation.errors
    }

    /// Throws when `password` breaks a rule.
    /// - Throws: ``DomainError/invalid(_:)`` with every problem found.
    public static func validate(password: String, email: String?, field: String = "password") throws(DomainError) {
        let problems = problems(password: password, email: email, field: field)
        if !problems.isEmpty { throw .invalid(problems) }
    }
}
