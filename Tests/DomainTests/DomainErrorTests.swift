import Domain
import Testing

@Suite("DomainError")
struct DomainErrorTests {
    @Test(arguments: [
        (DomainError.notFound(entity: "project"), "not_found", "The requested project was not found."),
        (.forbidden("Only the admin issues invoices."), "forbidden", "Only the admin issues invoices."),
        (.forbidden(""), "forbidden", "You are not allowed to do this."),
        (.unauthenticated, "unauthenticated", "Sign in first: this request needs a valid session token."),
        (.invalid(field: "minutes", message: "Enter more than 0 minutes."), "invalid_input", "One field is invalid."),
        (.conflict("This invoice is already issued."), "conflict", "This invoice is already issued."),
        (
            .versionMismatch, "version_mismatch",
            "This was changed by someone else since you read it. Reload it and try again."
        ),
        (.tooManyRequests(retryAfterSeconds: 1), "too_many_requests", "Too many attempts. Try again in 1 second."),
        (.tooManyRequests(retryAfterSeconds: 90), "too_many_requests", "Too many attempts. Try again in 90 seconds."),
        (.invalidCredentials, "invalid_credentials", "The email or password is wrong."),
    ])
    func everyErrorHasAStableCodeAndAHumanMessage(error: DomainError, code: String, message: String) {
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.description == "\(code): \(message)")
    }

    @Test func anInvalidErrorCarriesItsFieldErrors() {
        let errors = [FieldError(field: "a", message: "A."), FieldError(field: "b", message: "B.")]
        #expect(DomainError.invalid(errors).fieldErrors == errors)
        #expect(DomainError.invalid(errors).message == "2 fields are invalid.")
        #expect(DomainError.conflict("x").fieldErrors.isEmpty)
    }
}
