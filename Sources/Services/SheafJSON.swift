public import Foundation

/// The one JSON coding of Sheaf, for the wire (API) and for audit snapshots (Services):
/// keys are `snake_case` on the wire and camelCase in Swift (`projectId` ↔ `project_id`;
/// wire and snapshot types name their properties so that both directions agree),
/// timestamps RFC 3339 UTC with milliseconds, keys sorted.
///
/// Decoding accepts `snake_case` keys only: a key spelt any other way (`projectId`)
/// is kept as it was sent, marked so that it names no property, so a strict DTO
/// refuses it as unknown and names it as sent (``wireName(_:)``).
public enum SheafJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatTimestamp(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            WireKey(stringValue: propertyName(path.last?.stringValue ?? ""))
        }
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must be an RFC 3339 timestamp"))
            }
            return date
        }
        return decoder
    }()

    /// `value` as JSON text (an audit snapshot, a stored document).
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// RFC 3339 UTC with milliseconds: `2026-12-01T20:38:41.123Z`.
    public static func formatTimestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon)
                .timeZone(separator: .omitted))
    }

    /// An RFC 3339 timestamp, with or without fractional seconds.
    public static func parseTimestamp(_ text: String) -> Date? {
        (try? Date(
            text,
            strategy: .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon)
                .timeZone(separator: .omitted)))
            ?? (try? Date(text, strategy: .iso8601))
    }

    /// The Swift property a wire key decodes into: `project_id` → `projectId`; a key that
    /// is not `snake_case` gets a `?` in front, which no property name has.
    static func propertyName(_ wireKey: String) -> String {
        let parts = wireKey.split(separator: "_", omittingEmptySubsequences: false)
        let isSnakeCase =
            !parts.contains(where: \.isEmpty)
            && wireKey.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard isSnakeCase else { return "?" + wireKey }
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
            .joined()
    }

    /// The wire spelling of a decoding key, for messages naming a field: `projectId` →
    /// `project_id`; a key that was not `snake_case` as it was sent.
    public static func wireName(_ key: String) -> String {
        if key.hasPrefix("?") { return String(key.dropFirst()) }
        var name = ""
        for character in key {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    private struct WireKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// An optional property written as `null` when nil (synthesized encoding leaves nil
/// optionals out): for wire fields that are always present.
@propertyWrapper
public struct Nullable<Value> {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }
}

extension Nullable: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension Nullable: Sendable where Value: Sendable {}
extension Nullable: Equatable where Value: Equatable {}
