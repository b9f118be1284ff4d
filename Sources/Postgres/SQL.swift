/// A SQL statement whose interpolated values become bind parameters.
///
/// ```swift
/// let sql: SQL = "SELECT name FROM users WHERE id = \(id) AND active = \(true)"
/// // text: SELECT name FROM users WHERE id = $1 AND active = $2
/// ```
/// Values never enter the SQL text. The only way to put raw text into a statement is
/// `\(unsafeRaw: …)` or `SQL(unsafeRaw:)`: keep those greppable and constant.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable {
        case text(String)
        case bind(PostgresBind)
    }

    var parts: [Part]

    public init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
    }

    /// Raw SQL text, for statements built by the program itself (never user input).
    public init(unsafeRaw text: String) {
        parts = [.text(text)]
    }

    /// The statement text with `$1…$n` placeholders.
    public var text: String {
        var out = ""
        var index = 0
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .bind:
                index += 1
                out += "$\(index)"
            }
        }
        return out
    }

    /// The bound values, in placeholder order.
    public var binds: [PostgresBind] {
        parts.compactMap { if case .bind(let bind) = $0 { bind } else { nil } }
    }

    /// The statement text only: bound values are never printed.
    public var description: String { text }

    /// Appends another fragment, keeping its binds.
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.parts += rhs.parts
        return result
    }

    /// Joins fragments with a separator that is itself SQL: a literal (`" AND "`, `", "`)
    /// or a fragment built like any other, so no unchecked text gets in this way.
    public static func joined(_ fragments: [SQL], separator: SQL) -> SQL {
        var result = SQL(unsafeRaw: "")
        for (offset, fragment) in fragments.enumerated() {
            if offset > 0 { result.parts += separator.parts }
            result.parts += fragment.parts
        }
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            parts.append(.text(literal))
        }

        /// A value: becomes `$n`.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            parts.append(.bind(value.postgresBind))
        }

        /// An optional value: `nil` binds SQL NULL.
        public mutating func appendInterpolation(_ value: (some PostgresEncodable)?) {
            parts.append(.bind(value?.postgresBind ?? .null))
        }

        /// Another fragment, with its own binds renumbered into this statement.
        public mutating func appendInterpolation(_ fragment: SQL) {
            parts += fragment.parts
        }

        /// Raw text. Only for identifiers or keywords chosen by the program itself.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            parts.append(.text(text))
        }
    }
}
