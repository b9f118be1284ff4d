import Domain
import Foundation
import Hummingbird
import HummingbirdCore

/// Reads a list endpoint's query-string filters, collecting every bad value so that
/// one 422 names them all. A parameter the handler never reads is refused (400 naming
/// it): a misspelt or unsupported filter (`task_id` where only `project_id` exists)
/// must not silently return everything. Routes that read no query at all are guarded
/// by ``QueryGuardMiddleware``.
///
/// ```swift
/// var query = QueryReader(request)
/// let role: Role? = query.choice("role")
/// let page = query.page()
/// try query.throwIfInvalid()
/// ```
struct QueryReader {
    private let parameters: [String: String]
    private(set) var errors: [FieldError] = []
    private let request: Request
    /// The names the handler asked for, known or not.
    private var read: Set<String> = []

    /// The routes whose handlers read a query string (with a ``QueryReader``); any
    /// other route refuses one (``QueryGuardMiddleware``). A route added here must
    /// read its parameters through a ``QueryReader``.
    static let routesReadingQueries: Set<String> = [
        "GET /api/v1/projects/{id}/summary",
        "GET /api/v1/users", "GET /api/v1/teams", "GET /api/v1/audit-events", "GET /api/v1/clients", "GET /api/v1/projects",
        "GET /api/v1/projects/{id}/milestones", "GET /api/v1/projects/{id}/change-requests", "GET /api/v1/time-entries",
        "GET /api/v1/approvals", "GET /api/v1/projects/{id}/retainer/periods", "GET /api/v1/reports/missing-time",
        "GET /api/v1/exports/time-entries.csv", "POST /api/v1/imports/time-entries", "GET /api/v1/expenses",
        "POST /api/v1/expenses/{id}/receipts", "GET /api/v1/exports/expenses.csv", "GET /api/v1/projects/{id}/validations",
        "GET /api/v1/billable", "GET /api/v1/invoices", "GET /api/v1/exports/invoices.csv", "GET /api/v1/reports/budget",
        "GET /api/v1/reports/profitability", "GET /api/v1/reports/utilization", "GET /api/v1/reports/receivables",
        "GET /api/v1/reports/unbilled", "GET /api/v1/reports/revenue", "GET /api/v1/webhooks/deliveries",
        "GET /api/v1/exports/time-entries.xlsx", "GET /api/v1/exports/expenses.xlsx", "GET /api/v1/exports/invoices.xlsx",
        "POST /api/v1/imports/projects", "POST /api/v1/imports/trello",
        // The console's pages (issue 19).
        "GET /app/week", "GET /app/approvals", "GET /app/missing-time", "GET /app/reports",
    ]

    init(_ request: Request) {
        self.request = request
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where parameters[String(key)] == nil {
            parameters[String(key)] = String(value)
        }
        self.parameters = parameters
    }

    /// The raw value of `name`, remembering that the handler reads it. A value holding
    /// a NUL character is refused (it would be cut short on its way to the database).
    private mutating func raw(_ name: String) -> String? {
        read.insert(name)
        guard let value = parameters[name] else { return nil }
        guard !value.unicodeScalars.contains("\u{0}") else {
            fail(name, NULCharacters.message)
            return nil
        }
        return value
    }

    /// Whether the query names `name` at all (even empty), as a parameter the handler reads.
    mutating func has(_ name: String) -> Bool {
        raw(name) != nil
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// A non-empty string of at most `maxLength` characters.
    mutating func text(_ name: String, maxLength: Int = 200) -> String? {
        guard let raw = raw(name) else { return nil }
        guard !raw.isEmpty, raw.count <= maxLength else {
            fail(name, "must be 1 to \(maxLength) characters")
            return nil
        }
        return raw
    }

    /// `true` or `false`.
    mutating func bool(_ name: String) -> Bool? {
        guard let raw = raw(name) else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default:
            fail(name, "must be true or false")
            return nil
        }
    }

    /// A UUID naming an entity of type `Entity`.
    mutating func id<Entity>(_ name: String, as type: ID<Entity>.Type = ID<Entity>.self) -> ID<Entity>? {
        guard let raw = raw(name) else { return nil }
        guard let id = ID<Entity>(uuidString: raw) else {
            fail(name, "must be a UUID")
            return nil
        }
        return id
    }

    /// A UUID where an empty value means none: an HTML form's "all" choice (the console's filters).
    mutating func idOrAll<Entity>(_ name: String, as type: ID<Entity>.Type = ID<Entity>.self) -> ID<Entity>? {
        guard let raw = raw(name), !raw.isEmpty else { return nil }
        guard let id = ID<Entity>(uuidString: raw) else {
            fail(name, "must be a UUID")
            return nil
        }
        return id
    }

    /// One of an enumeration's raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type = Choice.self) -> Choice?
    where Choice.RawValue == String {
        guard let raw = raw(name) else { return nil }
        guard let value = Choice(rawValue: raw) else {
            fail(name, "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// An RFC 3339 timestamp such as `2026-03-01T00:00:00Z`.
    mutating func timestamp(_ name: String) -> Date? {
        guard let raw = raw(name) else { return nil }
        // A `+` offset that was not percent-encoded may arrive as a space.
        guard let date = Timestamp.parse(raw) ?? Timestamp.parse(raw.replacingOccurrences(of: " ", with: "+")) else {
            fail(name, "must be an RFC 3339 timestamp such as 2026-03-01T00:00:00Z")
            return nil
        }
        return date
    }

    /// `limit` and `cursor`; on a bad value, the default page (and the error is kept).
    mutating func page() -> PageRequest {
        read.formUnion(["limit", "cursor"])
        do {
            return try PageRequest(request)
        } catch let error as DomainError {
            errors.append(contentsOf: error.fieldErrors)
        } catch {
            fail("cursor", "is not a cursor this server issued")
        }
        return PageRequest()
    }

    /// Reports a cursor whose key does not have the shape this list issues.
    mutating func badCursor() {
        fail("cursor", "is not a cursor this server issued")
    }

    /// 400 for parameters the route does not know, else 422 for every bad value.
    func throwIfInvalid() throws {
        let unknown = Set(parameters.keys).subtracting(read)
        if !unknown.isEmpty { throw UnknownQueryParameters(names: unknown.sorted(), known: read.sorted()) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}

/// Query parameters a route does not take: 400 naming them (and the ones it does take).
struct UnknownQueryParameters: ProblemConvertible {
    let names: [String]
    let known: [String]

    var problem: Problem {
        let list = names.joined(separator: ", ")
        let accepted = known.isEmpty ? "This route takes no query parameters." : "It takes: \(known.joined(separator: ", "))."
        return Problem(
            status: .badRequest, code: "unknown_query_parameter",
            detail: "Unknown query parameter\(names.count == 1 ? "" : "s") \(list). \(accepted)",
            errors: names.map { FieldError(field: $0, message: "is not a parameter of this route") })
    }
}
