import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// What every JSON request body must be before it is decoded: declared as JSON, and
/// free of duplicate keys and NUL characters.
enum JSONRequestChecks {
    /// `application/json` or any `+json` type; anything else (or nothing) is a 415. A
    /// browser can send `text/plain` across sites without asking first; a JSON
    /// endpoint that took it would be open to cross-site request forgery.
    static func requireJSONContentType(_ request: Request) throws {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw UnsupportedMediaType(received: mediaType)
        }
    }

    /// All the checks on a body that is about to be decoded.
    static func check(_ request: Request, body data: Data) throws {
        try requireJSONContentType(request)
        try NULCharacters.refuse(inJSON: data)
        let duplicates = DuplicateKeys.fields(inJSON: data)
        if !duplicates.isEmpty {
            throw DomainError.invalid(duplicates.map { FieldError(field: $0, message: "is given more than once") })
        }
    }
}

/// A body sent with another content type than the route reads (JSON unless said): 415.
struct UnsupportedMediaType: ProblemConvertible {
    let received: String?
    var expected = "JSON with Content-Type: application/json"
    var problem: Problem {
        Problem(
            status: .unsupportedMediaType, code: "unsupported_media_type",
            detail: "Send the body as \(expected)"
                + (received.map { " (this request said \($0))." } ?? " (this request named no content type)."))
    }
}

/// Object keys that appear twice in one JSON object (`{"a":1,"a":2}`): decoders keep
/// one silently, so the client's intent is unclear — refused by name.
enum DuplicateKeys {
    /// The paths of repeated keys (`minutes`, `budget_amount.currency`); empty when none.
    static func fields(inJSON data: Data) -> [String] {
        var scanner = Scanner(bytes: Array(data))
        var found: [String] = []
        scanner.value(path: "", found: &found)
        return found
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        /// Reads one string token and returns its decoded text (nil when malformed).
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let start = index
            var escaped = false
            index += 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { escaped = true }
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            // Most keys have no escape: read them as they are; decode the others properly
            // (so "a" and "\u0061" are the same key).
            guard escaped else { return String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self) }
            return try? JSONDecoder().decode(String.self, from: Data(bytes[start..<index]))
        }

        /// Walks one value; malformed JSON just stops the walk (the decoder reports it).
        mutating func value(path: String, found: inout [String]) {
            skipSpace()
            guard index < bytes.count else { return }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var seen = Set<String>()
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
                    guard let key = string() else { return }
                    let child = path.isEmpty ? key : "\(path).\(key)"
                    if !seen.insert(key).inserted, !found.contains(child) { found.append(child) }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return }
                    index += 1
                    value(path: child, found: &found)
                    skipSpace()
                    guard index < bytes.count else { return }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                    return
                }
            case UInt8(ascii: "["):
                index += 1
                var position = 0
                while true {
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
                    value(path: "\(path)[\(position)]", found: &found)
                    position += 1
                    skipSpace()
                    guard index < bytes.count else { return }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                    return
                }
            case UInt8(ascii: "\""):
                _ = string()
            default:
                while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) { index += 1 }
            }
        }
    }
}
