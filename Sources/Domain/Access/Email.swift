import Foundation

/// An email address that passed a basic syntax check, compared case-insensitively.
///
/// ``address`` keeps what the user typed (trimmed) for display; ``normalized``
/// (trimmed, lowercased) is what uniqueness and login compare. Two `Email`s are
/// equal when their normalized forms are. Encodes as the bare ``address`` string.
public struct Email: Sendable {
    /// The address as entered, without surrounding whitespace.
    public let address: String
    /// The trimmed, lowercased address used for comparison and uniqueness.
    public let normalized: String

    /// The longest accepted address, in UTF-8 bytes (RFC 5321 path limit).
    public static let maximumBytes = 254
    /// The longest accepted local part (before the `@`), in UTF-8 bytes.
    public static let maximumLocalPartBytes = 64

    /// Trims and checks `raw`.
    /// - Throws: ``DomainError/invalid(_:)`` on `field` with the first problem found.
    public init(_ raw: String, field: String = "email") throws(DomainError) {
        let problems = Self.problems(raw, field: field)
        guard problems.isEmpty else { throw .invalid(problems) }
        address = Self.trimmed(raw)
        normalized = Self.normalize(raw)
    }

    /// The comparison form of any string: trimmed and lowercased. Use it for
    /// lookups by email (login) even when the input is not a valid address.
    public static func normalize(_ raw: String) -> String {
        trimmed(raw).lowercased()
    }

    /// The syntax problem of `raw`, if any, as at most one field error: one `@`,
    /// a non-empty local part of at most 64 bytes, a domain with a dot and no
    /// empty label, no whitespace or control characters, at most 254 bytes.
    public static func problems(_ raw: String, field: String = "email") -> [FieldError] {
        guard let message = problem(trimmed(raw)) else { return [] }
        return [FieldError(field: field, message: message)]
    }

    private static func problem(_ address: String) -> String? {
        if address.isEmpty { return "Enter an email address." }
        if address.utf8.count > maximumBytes { return "Use at most \(maximumBytes) characters." }
        let hasSpaceOrControl = address.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }
        if hasSpaceOrControl { return "An email address cannot contain spaces." }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "An email address contains exactly one @." }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty { return "Enter the part before the @." }
        if local.utf8.count > maximumLocalPartBytes {
            return "Use at most \(maximumLocalPartBytes) characters before the @."
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 || labels.contains(where: \.isEmpty) {
            return "Enter a domain such as example.com after the @."
        }
        return nil
    }

    private static func trimmed(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Email: Hashable {
    /// Equal when the normalized forms are equal.
    public static func == (lhs: Email, rhs: Email) -> Bool {
        lhs.normalized == rhs.normalized
    }

    /// Hashes the normalized form.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }
}

extension Email: CustomStringConvertible {
    /// The address as entered.
    public var description: String { address }
}

extension Email: Codable {
    /// Decodes and checks a bare address string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an email address.")
        }
    }

    /// Encodes the address as entered.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(address)
    }
}
