import Domain
import Foundation

/// The NUL character (U+0000) is refused in every JSON string and query value: no
/// field of Sheaf holds one, PostgreSQL text cannot store it, and a C library on the
/// way would cut the value at it (an email `member@x\u0000junk` must never match
/// `member@x`). 422 naming every field that holds one.
enum NULCharacters {
    /// The fields of the JSON `body` whose key or string value holds a NUL, as paths
    /// (`note`, `entries[2].comment`); empty for a body without any (or not JSON at all,
    /// which the decoder reports itself).
    static func fields(inJSON body: Data) -> [String] {
        // Fast path: JSON can carry a NUL only as the escape \u0000 (a raw control byte is
        // malformed JSON, refused by the decoder).
        guard Self.mayHoldEscapedNUL(body), let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return []
        }
        var found: [String] = []
        func walk(_ value: Any, _ path: String) {
            switch value {
            case let text as String:
                if text.unicodeScalars.contains("\u{0}") { found.append(path.isEmpty ? "body" : path) }
            case let array as [Any]:
                for (index, element) in array.enumerated() { walk(element, "\(path)[\(index)]") }
            case let object as [String: Any]:
                for key in object.keys.sorted() {
                    let child = path.isEmpty ? key : "\(path).\(key)"
                    if key.unicodeScalars.contains("\u{0}") { found.append(child) } else { walk(object[key]!, child) }
                }
            default:
                break
            }
        }
        walk(value, "")
        return found
    }

    /// 422 when the JSON `body` holds a NUL anywhere.
    static func refuse(inJSON body: Data) throws {
        let fields = fields(inJSON: body)
        guard !fields.isEmpty else { return }
        throw DomainError.invalid(fields.map { FieldError(field: $0, message: message) })
    }

    static let message = "must not contain the NUL character (\\u0000)"

    private static func mayHoldEscapedNUL(_ body: Data) -> Bool {
        let pattern = Array(#"\u0000"#.utf8)
        guard body.count >= pattern.count else { return false }
        return body.indices.dropLast(pattern.count - 1).contains { start in
            body[start] == UInt8(ascii: "\\") && body[start + 1] == UInt8(ascii: "u")
                && body[(start + 2)..<(start + 6)].allSatisfy { $0 == UInt8(ascii: "0") }
        }
    }
}
