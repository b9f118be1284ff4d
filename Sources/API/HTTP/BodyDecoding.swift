import Foundation
import Services

/// Decoding helpers for request DTOs, so that every mistake becomes a 422 naming the
/// field (through ``JSONBody``) with a message a person understands.
///
/// For PATCH bodies: an absent key leaves the field unchanged; `null` is refused for
/// fields that cannot be empty; an unknown key is refused, so that a misspelt field
/// is reported instead of silently doing nothing.
extension KeyedDecodingContainer {
    /// One of an enumeration's raw values, e.g. a role or a rate kind.
    func decodeChoice<Choice: RawRepresentable & CaseIterable & Decodable>(_ type: Choice.Type, forKey key: Key) throws -> Choice
    where Choice.RawValue == String {
        let raw = try decode(String.self, forKey: key)
        guard let value = Choice(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "must be one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A PATCH field: nil when absent; `null` is an error.
    func decodeChange<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(Value.self, .init(codingPath: codingPath + [key], debugDescription: "cannot be null"))
        }
        return try decode(Value.self, forKey: key)
    }

    /// A PATCH choice field: nil when absent; `null` is an error.
    func decodeChoiceChange<Choice: RawRepresentable & CaseIterable & Decodable>(_ type: Choice.Type, forKey key: Key) throws -> Choice?
    where Choice.RawValue == String {
        guard try decodeChange(String.self, forKey: key) != nil else { return nil }
        return try decodeChoice(Choice.self, forKey: key)
    }

    /// A PATCH whole-number field: nil when absent; `null` or a fraction is an error.
    ///
    /// Read through `Decimal` (exact; never floating point) because Foundation reports
    /// `1.5` for an `Int` as malformed JSON, which would be a 400 instead of a 422.
    func decodeWholeNumberChange(forKey key: Key) throws -> Int? {
        guard let value = try decodeChange(Decimal.self, forKey: key) else { return nil }
        return try Self.wholeNumber(value, codingPath: codingPath + [key])
    }

    /// A PATCH field holding an array of whole numbers: nil when absent.
    func decodeWholeNumbersChange(forKey key: Key) throws -> [Int]? {
        guard let values = try decodeChange([Decimal].self, forKey: key) else { return nil }
        return try values.enumerated().map { offset, value in
            try Self.wholeNumber(value, codingPath: codingPath + [key, AnyCodingKey(index: offset)])
        }
    }

    private static func wholeNumber(_ value: Decimal, codingPath: [any CodingKey]) throws -> Int {
        var exact = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        guard rounded == value, value.magnitude < 1_000_000_000_000 else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: codingPath, debugDescription: "must be a whole number"))
        }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// A nullable whole-number PATCH field: nil when absent, `.some(nil)` for `null`.
    func decodeNullableWholeNumberChange(forKey key: Key) throws -> Int?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decodeWholeNumberChange(forKey: key))
    }

    /// A nullable PATCH field: nil when absent, `.some(nil)` for `null`.
    func decodeNullableChange<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(Value.self, forKey: key))
    }
}

/// Any JSON object key (for finding keys a DTO does not know) or array position.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init?(intValue: Int) { self.init(index: intValue) }
    /// An array position, shown as `[n]` in field names.
    init(index: Int) {
        stringValue = String(index)
        intValue = index
    }
}

extension Decoder {
    /// Refuses keys of the JSON object that `Key` does not name (422 on the first one).
    ///
    /// Keys arrive converted by ``SheafJSON`` (`project_id` as `projectId`), the way
    /// `Key` names them (synthesized `CodingKeys` or a key enum of property names); a
    /// key that was not `snake_case` (`projectId` as sent) matches nothing and is refused.
    func rejectUnknownKeys<Key: CodingKey>(_ known: Key.Type) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where Key(stringValue: key.stringValue) == nil {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: BodyDecoding.unknownField))
        }
    }

    /// The JSON object keyed by `Key`, after refusing the keys `Key` does not name.
    func strictContainer<Key: CodingKey>(keyedBy known: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try rejectUnknownKeys(known)
        return try container(keyedBy: known)
    }
}

/// Words shared by the body decoding helpers.
enum BodyDecoding {
    /// The message of a key the request does not know (``BodyErrors`` recognises it).
    static let unknownField = "unknown field"
}
