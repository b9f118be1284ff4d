/// A small JSON value with one canonical text form, so that the same content
/// always yields the same bytes (and the same digest).
///
/// Canonical form (compatible with RFC 8785 for the values used here): no
/// whitespace; object keys sorted by their UTF-8 bytes (the same order as RFC 8785's
/// UTF-16 order for the ASCII keys Sheaf uses); strings escape only `"`, `\` and
/// control characters below U+0020 (`\b \t \n \f \r`, others as lowercase `\u00xx`),
/// every other character as literal UTF-8, not normalized; only integers, never
/// floating-point numbers (amounts and hours travel as decimal strings).
public indirect enum CanonicalJSON: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case integer(Int64)
    /// A string.
    case string(String)
    /// An array, in its given order.
    case array([CanonicalJSON])
    /// An object; its keys are written sorted.
    case object([String: CanonicalJSON])

    /// The canonical text.
    public var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .integer(let value):
            output += String(value)
        case .string(let value):
            Self.writeString(value, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]!.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\u{0C}": output += "\\f"
            case "\r": output += "\\r"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
