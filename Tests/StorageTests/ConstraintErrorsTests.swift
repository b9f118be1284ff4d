import Domain
import Postgres
@testable import Storage
import Testing

@Suite struct ConstraintErrorsTests {
    static let readOnly = DomainError.conflict("read-only")
    static let keptAsProof = DomainError.conflict("kept as proof")

    static func violation(_ sqlState: String, constraint: String? = nil, table: String? = "projects") -> PostgresError {
        PostgresError(kind: .server, message: "server text", sqlState: sqlState, constraint: constraint, table: table)
    }

    @Test func aNamedConstraintWinsOverItsSQLState() {
        let error = Self.violation(SQLState.checkViolation, constraint: "projects_read_only")
        let mapped = ConstraintErrors.domainError(
            for: error, known: ["projects_read_only": Self.readOnly], sqlStates: [SQLState.checkViolation: Self.keptAsProof])
        #expect(mapped == Self.readOnly)
    }

    @Test func aNamedSQLStateWinsOverTheGenericSentence() {
        let error = Self.violation(SQLState.foreignKeyViolation, constraint: "validation_entries_time_entry_id_fkey")
        #expect(ConstraintErrors.domainError(for: error, known: [:], sqlStates: [SQLState.foreignKeyViolation: Self.keptAsProof]) == Self.keptAsProof)
    }

    @Test func unnamedViolationsGetAGenericErrorNamingTheColumn() {
        let unique = Self.violation(SQLState.uniqueViolation, constraint: "projects_code_key")
        #expect(ConstraintErrors.domainError(for: unique, known: [:]) == .conflict("This code is already taken."))
        let foreignKey = Self.violation(SQLState.foreignKeyViolation, constraint: "projects_client_id_fkey")
        #expect(ConstraintErrors.domainError(for: foreignKey, known: [:]) == .invalid(field: "client_id", message: "does not name an existing record"))
    }

    @Test func unnamedViolationsStayPostgresErrorsWhenTheStoreSaysSo() {
        let unique = Self.violation(SQLState.uniqueViolation, constraint: "projects_code_key")
        #expect(ConstraintErrors.domainError(for: unique, known: ["other": Self.readOnly], others: .rethrown) == nil)
    }

    @Test func otherServerErrorsAreNeverMapped() {
        let syntax = Self.violation("42601")
        #expect(ConstraintErrors.domainError(for: syntax, known: [:]) == nil)
    }
}
