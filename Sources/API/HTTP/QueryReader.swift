import Domain
import Foundation
import Hummingbird
import HummingbirdCore

/// Reads a list endpoint's query-string filters, collecting every bad value so that
/// one 422 names them all. Unknown parameters are ignored.
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

    init(_ request: Request) {
        self.request = request
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where parameters[String(key)] == nil {
            parameters[String(key)] = String(value)
        }
        self.parameters = parameters
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// A non-empty string of at most `maxLength` characters.
    mutating func text(_ name: String, maxLength: Int = 200) -> String? {
        guard let raw = parameters[name] else { return nil }
        guard !raw.isEmpty, raw.count <= maxLength else {
            fail(name, "must be 1 to \(maxLength) characters")
            return nil
        }
        return raw
    }

    /// `true` or `false`.
    mutating func bool(_ name: String) -> Bool? {
        guard let raw = parameters[name] else { return nil }
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
        guard let raw = parameters[name] else { return nil }
        guard let id = ID<Entity>(uuidString: raw) else {
            fail(name, "must be a UUID")
            return nil
        }
        return id
    }

    /// One of an enumeration's raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type = Choice.self) -> Choice?
    where Choice.RawValue == String {
        guard let raw = parameters[name] else { return nil }
        guard let value = Choice(rawValue: raw) else {
            fail(name, "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// An RFC 3339 timestamp such as `2026-03-01T00:00:00Z`.
    mutating func timestamp(_ name: String) -> Date? {
        guard let raw = parameters[name] else { return nil }
        // A `+` offset that was not percent-encoded may arrive as a space.
        guard let date = Timestamp.parse(raw) ?? Timestamp.parse(raw.replacingOccurrences(of: " ", with: "+")) else {
            fail(name, "must be an RFC 3339 timestamp such as 2026-03-01T00:00:00Z")
            return nil
        }
        return date
    }

    /// `limit` and `cursor`; on a bad value, the default page (and the error is kept).
    mutating func page() -> PageRequest {
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

    func throwIfInvalid() throws {
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}
