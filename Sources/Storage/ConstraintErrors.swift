import Foundation
import Domain
import Postgres

/// Turns integrity violations of the catalog's tables into domain errors, so that no
/// `PostgresError` from a bad write becomes a 500: the known constraints get their
/// own sentence, the rest a generic 409 (unique) or 422 (foreign key, check, not null)
/// naming the column the constraint is about.
enum ConstraintErrors {
    /// Runs `body`; an integrity violation is rethrown as the `DomainError` from
    /// `known[constraint]`, or a generic one.
    @discardableResult
    static func mapping<T>(_ known: [String: DomainError], _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw domainError(for: error, known: known) ?? error
        }
    }

    static func domainError(for error: PostgresError, known: [String: DomainError]) -> DomainError? {
        if let constraint = error.constraint, let mapped = known[constraint] { return mapped }
        let field = error.column ?? field(of: error)
        switch error.sqlState {
        case SQLState.uniqueViolation: return .conflict("This \(field.replacingOccurrences(of: "_", with: " ")) is already taken.")
        case SQLState.foreignKeyViolation: return .invalid(field: field, message: "does not name an existing record")
        case SQLState.checkViolation: return .invalid(field: field, message: "is out of range")
        case SQLState.notNullViolation: return .invalid(field: field, message: "is required")
        case SQLState.numericValueOutOfRange: return .invalid(field: field, message: "is too large")
        default: return nil
        }
    }

    /// The column a default constraint name is about: `projects_client_id_fkey` → `client_id`.
    static func field(of error: PostgresError) -> String {
        guard var name = error.constraint else { return "value" }
        if let table = error.table, name.hasPrefix("\(table)_") { name.removeFirst(table.count + 1) }
        for suffix in ["_fkey", "_check", "_key", "_pkey"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name.isEmpty ? "value" : name
    }
}
