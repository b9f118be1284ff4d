import Foundation
import Domain
import Postgres

/// The one place where integrity violations become domain errors, so that no
/// `PostgresError` from a bad write becomes a 500 by accident and no store matches
/// SQLSTATE strings or constraint names on its own.
///
/// A store names what it knows: constraints (and the triggers that raise with
/// `CONSTRAINT = …`) by name, then SQLSTATEs it gives a sentence of its own. What it
/// did not name gets, by default, a generic 409 (unique) or 422 (foreign key, check,
/// not null, out of range) naming the column the constraint is about; a store that
/// wants any other error to stay a `PostgresError` says `others: .rethrown`.
enum ConstraintErrors {
    /// What happens to a violation the store did not name.
    enum Others {
        /// A generic domain error naming the column.
        case generic
        /// The `PostgresError` goes up unchanged.
        case rethrown
    }

    /// Runs `body`; a `PostgresError` is rethrown as the `DomainError` from
    /// `known[constraint]`, else `sqlStates[sqlState]`, else as `others` says.
    @discardableResult
    static func mapping<T>(
        _ known: [String: DomainError], sqlStates: [String: DomainError] = [:], others: Others = .generic,
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError {
            throw domainError(for: error, known: known, sqlStates: sqlStates, others: others) ?? error
        }
    }

    static func domainError(
        for error: PostgresError, known: [String: DomainError], sqlStates: [String: DomainError] = [:], others: Others = .generic
    ) -> DomainError? {
        if let constraint = error.constraint, let mapped = known[constraint] { return mapped }
        if let sqlState = error.sqlState, let mapped = sqlStates[sqlState] { return mapped }
        // Raised by the period-close triggers (sql/0014) whatever the store: the detail is the month.
        if error.constraint == "period_closed" {
            return .conflict(
                "The period \(error.detail ?? "") is closed for this client's invoicing: no time or expense dated in it can be added, "
                    + "changed or deleted. An admin can reopen it.")
        }
        guard others == .generic else { return nil }
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
