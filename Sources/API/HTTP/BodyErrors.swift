import Domain
import Foundation
import Services

/// Every invalid field of a request body in one answer (a project without `team_id`,
/// `code` and `billing_model` took three round trips when only the first was named).
///
/// Swift's decoding stops at the first problem. To find the next one, the body is
/// decoded again with a stand-in where the problem was — a value of a plausible type
/// for a missing or mistyped field, nothing for an unknown one — until it decodes or no
/// stand-in gets past the problem. The stand-ins only ever serve to look further: the
/// request is refused with everything found.
enum BodyErrors {
    /// The 422 naming every field problem of `data` as `T`, given the first one; or
    /// what `first` alone means when it is not about a field (malformed JSON).
    static func collect<T: Decodable>(_ type: T.Type, from data: Data, first: DecodingError) -> any Error {
        let described = JSONBody.describe(first)
        guard case .invalid = described as? DomainError,
            var body = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return described }
        var found: [FieldError] = []
        var error = first
        for _ in 0..<50 {
            guard case .invalid(let fields) = JSONBody.describe(error) as? DomainError else { break }
            for field in fields where !found.contains(field) { found.append(field) }
            let path = Self.path(of: error)
            var next: DecodingError?
            for standIn in Self.standIns(for: error) {
                let trial = Self.setting(body, at: path, to: standIn)
                do {
                    _ = try SheafJSON.decoder.decode(T.self, from: try JSONSerialization.data(withJSONObject: trial, options: [.fragmentsAllowed]))
                    return DomainError.invalid(found)
                } catch let later as DecodingError where !Self.path(of: later).starts(with: path) {
                    // Past this field (a problem inside the stand-in itself is not the
                    // client's: try the next stand-in).
                    body = trial
                    next = later
                    break
                } catch {
                    continue
                }
            }
            guard let next else { break }
            error = next
        }
        return DomainError.invalid(found)
    }

    /// The JSON path (wire names, array indexes) of the problem.
    static func path(of error: DecodingError) -> [PathStep] {
        let keys: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): keys = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): keys = context.codingPath
        @unknown default: keys = []
        }
        return keys.map { $0.intValue.map(PathStep.index) ?? .key(SheafJSON.wireName($0.stringValue)) }
    }

    enum PathStep: Equatable {
        case key(String)
        case index(Int)
    }

    /// `nil` removes the value (an unknown field).
    static func standIns(for error: DecodingError) -> [Any?] {
        if case .dataCorrupted(let context) = error {
            if context.debugDescription == BodyDecoding.unknownField { return [nil] }
            let choices = "must be one of "
            if context.debugDescription.hasPrefix(choices),
                let first = context.debugDescription.dropFirst(choices.count).split(separator: ",").first
            {
                return [String(first).trimmingCharacters(in: .whitespaces)]
            }
        }
        return [
            "00000000-0000-4000-8000-000000000000", "2000-01-03", "2000-01-03T00:00:00Z", "1", 1, true, [String: Any](), [Any](), "x",
        ]
    }

    static func setting(_ value: Any, at path: [PathStep], to standIn: Any?) -> Any {
        guard let step = path.first else { return standIn ?? NSNull() }
        let rest = Array(path.dropFirst())
        switch step {
        case .key(let key):
            var object = value as? [String: Any] ?? [:]
            if rest.isEmpty, standIn == nil {
                object[key] = nil
            } else {
                object[key] = setting(object[key] ?? [String: Any](), at: rest, to: standIn)
            }
            return object
        case .index(let index):
            var array = value as? [Any] ?? []
            guard array.indices.contains(index) else { return array }
            array[index] = setting(array[index], at: rest, to: standIn)
            return array
        }
    }
}
