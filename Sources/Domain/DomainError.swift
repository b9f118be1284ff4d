/// The one error type that services throw. The API layer maps it to an HTTP
/// status and an RFC 9457 problem document in one place.
///
/// Every case has a stable machine ``code`` and a human ``message`` that never
/// reveals internals (no SQL, no stack, no other client's data).
public enum DomainError: Error, Sendable, Hashable {
    /// The entity does not exist, or the caller may not learn that it exists.
    /// `entity` is a human noun such as `"project"` or `"time entry"`.
    case notFound(entity: String)
    /// The caller is known but not allowed to do this; the reason is a human sentence.
    case forbidden(String)
    /// No valid session accompanies the request.
    case unauthenticated
    /// A login failed: the email is unknown, the password wrong or the account
    /// inactive — deliberately indistinguishable.
    case invalidCredentials
    /// The input has one or more invalid fields.
    case invalid([FieldError])
    /// The request conflicts with the current state; the reason is a human sentence.
    case conflict(String)
    /// The entity changed since the caller read it (stale `If-Match`).
    case versionMismatch
    /// Too many attempts; the caller may retry after this many seconds (at least 1).
    case tooManyRequests(retryAfterSeconds: Int)

    /// An account with this email exists already (emails are unique, ignoring case).
    public static let emailTaken = DomainError.conflict("A user with this email already exists.")

    /// A single invalid field.
    public static func invalid(field: String, message: String) -> DomainError {
        .invalid([FieldError(field: field, message: message)])
    }

    /// A stable, machine-readable identifier of the kind of error (`snake_case`).
    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .unauthenticated: "unauthenticated"
        case .invalidCredentials: "invalid_credentials"
        case .invalid: "invalid_input"
        case .conflict: "conflict"
        case .versionMismatch: "version_mismatch"
        case .tooManyRequests: "too_many_requests"
        }
    }

    /// A clear sentence for people, safe to show to the caller.
    public var message: String {
        switch self {
        case .notFound(let entity):
            "The requested \(entity) was not found."
        case .forbidden(let reason):
            reason.isEmpty ? "You are not allowed to do this." : reason
        case .unauthenticated:
            "Sign in first: this request needs a valid session token."
        case .invalidCredentials:
            "The email or password is wrong."
        case .invalid(let errors):
            errors.count == 1 ? "One field is invalid." : "\(errors.count) fields are invalid."
        case .conflict(let reason):
            reason.isEmpty ? "The request conflicts with the current state." : reason
        case .versionMismatch:
            "This was changed by someone else since you read it. Reload it and try again."
        case .tooManyRequests(let seconds):
            "Too many attempts. Try again in \(seconds) second\(seconds == 1 ? "" : "s")."
        }
    }

    /// The field errors of an ``invalid(_:)`` error; empty for every other case.
    public var fieldErrors: [FieldError] {
        if case .invalid(let errors) = self { errors } else { [] }
    }
}

extension DomainError: CustomStringConvertible {
    /// `code: message`, suitable for logs.
    public var description: String { "\(code): \(message)" }
}
