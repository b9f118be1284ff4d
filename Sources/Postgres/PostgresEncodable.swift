public import Foundation

/// A bound parameter value as sent to libpq: text format, binary format, or NULL.
public enum PostgresBind: Sendable, Equatable {
    case null
    case text(String)
    case binary(Data)
}

/// A Swift value that can be sent as a statement parameter.
public protocol PostgresEncodable: Sendable {
    var postgresBind: PostgresBind { get }
}

/// Types that can be elements of an array parameter (text array literal).
public protocol PostgresArrayElement: PostgresEncodable {}

extension String: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(self) }
}

extension Substring: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Int: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Int64: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Int32: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Int16: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(String(self)) }
}

extension Bool: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(self ? "t" : "f") }
}

extension UUID: PostgresArrayElement {
    public var postgresBind: PostgresBind { .text(uuidString.lowercased()) }
}

extension Date: PostgresArrayElement {
    /// Sent as an RFC 3339 UTC timestamp with microseconds, PostgreSQL's own precision.
    public var postgresBind: PostgresBind { .text(PostgresTimestamp.format(self)) }
}

extension Data: PostgresEncodable {
    public var postgresBind: PostgresBind { .binary(self) }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// Sent as a PostgreSQL array literal (`{"a","b"}`); every element is quoted.
    public var postgresBind: PostgresBind {
        var literal = "{"
        for (offset, element) in enumerated() {
            if offset > 0 { literal += "," }
            switch element.postgresBind {
            case .null: literal += "NULL"
            case .text(let text):
                literal += "\""
                for character in text {
                    if character == "\"" || character == "\\" { literal += "\\" }
                    literal.append(character)
                }
                literal += "\""
            case .binary: preconditionFailure("binary values cannot be array elements")
            }
        }
        return .text(literal + "}")
    }
}

/// A JSON document bound as text; the statement casts it (`\(json)::jsonb`).
public struct PostgresJSON: PostgresEncodable, Sendable {
    public let text: String
    public init(text: String) { self.text = text }
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    public var postgresBind: PostgresBind { .text(text) }
}
