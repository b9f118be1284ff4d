import Domain
import Foundation
import Services

/// Decoding helpers for the catalog's request bodies: durations given in minutes or
/// hours, money objects, and optional fields of creates (where `null` means "none").
extension KeyedDecodingContainer {
    /// An optional field of a create: nil when absent or `null`.
    func decodeOptional<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode(Value.self, forKey: key)
    }

    /// An optional whole number of a create: nil when absent or `null`; a fraction is a 422.
    func decodeOptionalWholeNumber(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumberChange(forKey: key)
    }

    /// A duration of a create, given as `<stem>_minutes` (a whole number) or
    /// `<stem>_hours` (`"12.5"` or `12.5`, up to 2 decimals); nil when neither is given.
    func decodeDuration(minutes minutesKey: Key, hours hoursKey: Key) throws -> DurationInput? {
        try decodeDurationChange(minutes: minutesKey, hours: hoursKey) ?? nil
    }

    /// A duration of a PATCH: nil when both keys are absent, `.some(nil)` when the
    /// given one is `null` (clears it).
    func decodeDurationChange(minutes minutesKey: Key, hours hoursKey: Key) throws -> DurationInput?? {
        switch (contains(minutesKey), contains(hoursKey)) {
        case (false, false):
            return nil
        case (true, true):
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [hoursKey],
                    debugDescription: "cannot be given with \(SheafJSON.wireName(minutesKey.stringValue)): give the duration once"))
        case (true, false):
            if try decodeNil(forKey: minutesKey) { return .some(nil) }
            return try decodeWholeNumberChange(forKey: minutesKey).map { .minutes($0) }
        case (false, true):
            if try decodeNil(forKey: hoursKey) { return .some(nil) }
            return .some(.hours(try decodeDecimalText(forKey: hoursKey)))
        }
    }

    /// A decimal given as a JSON string (`"12.5"`) or number (`12.5`), as text: numbers
    /// are read through `Decimal`, never floating point.
    func decodeDecimalText(forKey key: Key) throws -> String {
        if let text = try? decode(String.self, forKey: key) { return text }
        guard let number = try? decode(Decimal.self, forKey: key) else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: codingPath + [key], debugDescription: "must be a decimal number"))
        }
        return "\(number)"
    }

    /// A money object of a create (`{"amount_minor": 500000, "currency": "EUR"}`, the
    /// currency optional): nil when absent or `null`.
    func decodeAmount(forKey key: Key) throws -> AmountInput? {
        try decodeAmountChange(forKey: key) ?? nil
    }

    /// A money object of a PATCH: nil when absent, `.some(nil)` for `null` (clears it).
    func decodeAmountChange(forKey key: Key) throws -> AmountInput?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        guard let object = try? nestedContainer(keyedBy: AmountKey.self, forKey: key) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription: #"must be an amount such as {"amount_minor": 500000, "currency": "EUR"}"#))
        }
        guard let minor = try object.decodeWholeNumberChange(forKey: .amountMinor) else {
            throw DecodingError.keyNotFound(AmountKey.amountMinor, .init(codingPath: object.codingPath, debugDescription: "is required"))
        }
        return .some(AmountInput(amountMinor: Int64(minor), currency: try object.decodeOptional(String.self, forKey: .currency)))
    }
}

/// The keys of a money object.
enum AmountKey: String, CodingKey {
    case currency, amountMinor
}
