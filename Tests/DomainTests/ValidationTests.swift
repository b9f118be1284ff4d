import Domain
import Testing

@Suite("Validation")
struct ValidationTests {
    @Test func validationReportsEveryProblemAtOnceInOrder() {
        var validation = Validation()
        validation.require(false, field: "name", message: "Enter a name.")
        validation.require(true, field: "email", message: "Never shown.")
        validation.add(field: "minutes", message: "Enter more than 0 minutes.")
        #expect(!validation.isValid)
        #expect(
            throws: DomainError.invalid([
                FieldError(field: "name", message: "Enter a name."),
                FieldError(field: "minutes", message: "Enter more than 0 minutes."),
            ])
        ) {
            try validation.throwIfInvalid()
        }
    }

    @Test func aValidInputDoesNotThrow() throws {
        var validation = Validation()
        validation.require(true, field: "name", message: "Enter a name.")
        #expect(validation.isValid)
        try validation.throwIfInvalid()
    }

    @Test func collectGathersFieldErrorsOfThrowingChecksAndKeepsGoing() throws {
        var validation = Validation()
        let currency = try validation.collect { () throws(DomainError) in try Currency("eur") }
        let rate = try validation.collect { () throws(DomainError) in
            try HourlyRate(parsing: "87.5", currency: .eur)
        }
        #expect(currency == nil)
        #expect(rate?.scaled == 875_000)
        #expect(validation.errors.map(\.field) == ["currency"])
    }

    @Test func collectRethrowsErrorsThatAreNotAboutInput() {
        var validation = Validation()
        #expect(throws: DomainError.versionMismatch) {
            _ = try validation.collect { () throws(DomainError) -> Int in throw .versionMismatch }
        }
        #expect(validation.isValid)
    }
}
