import Domain
public import Foundation
public import Hummingbird
import Services

/// JSON in and out with the API's conventions (``SheafJSON``: snake_case keys from the
/// DTOs' property names, RFC 3339 timestamps), decoding errors reported as 422 naming
/// the field.
public enum JSONBody {
    /// Decodes the request body; malformed JSON is 400, a wrong or missing field 422.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some SheafContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        try JSONRequestChecks.check(request, body: data)
        do {
            return try SheafJSON.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw BodyErrors.collect(T.self, from: data, first: error)
        }
    }

    static func describe(_ error: DecodingError) -> any Error {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\(SheafJSON.wireName($0.stringValue))" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            // An array or a string where an object was expected: not this endpoint's JSON.
            return MalformedJSON()
        case .keyNotFound(let key, let context):
            return DomainError.invalid(field: path(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context):
            return DomainError.invalid(field: path(context.codingPath), message: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return DomainError.invalid(field: path(context.codingPath), message: "must be \(describe(type)), not null")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            // Foundation's own sentences name Swift types ("Cannot initialize Role from
            // invalid String value …"); ours are written for people.
            let message =
                context.debugDescription.hasPrefix("Cannot initialize")
                ? "is not one of the values this field takes (see the API document)" : context.debugDescription
            return DomainError.invalid(field: path(context.codingPath), message: message)
        default:
            return MalformedJSON()
        }
    }

    /// What a value of `type` looks like in JSON, for people (never a Swift type name).
    static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Decimal.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is LocalDate.Type: return "a date as YYYY-MM-DD"
        case is Date.Type: return "an RFC 3339 timestamp such as 2026-03-01T09:00:00Z"
        case is UUID.Type: return "a UUID"
        default:
            if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array" }
            if name.hasPrefix("Dictionary<") || name.contains("KeyedDecodingContainer") { return "an object" }
            if name.hasPrefix("ID<") { return "a UUID" }
            return "a value of the documented shape"
        }
    }

    /// A JSON response.
    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try SheafJSON.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// 201 with the created resource and its `Location`.
    public static func created(_ value: some Encodable, location: String, version: Int? = nil) throws -> Response {
        var headers: HTTPFields = [.location: location]
        if let version { headers[.eTag] = Versioning.etag(version) }
        return try response(value, status: .created, headers: headers)
    }
}

/// The body is not JSON at all: 400.
public struct MalformedJSON: ProblemConvertible {
    var problem: Problem {
        Problem(status: .badRequest, code: "malformed_json", detail: "The request body is not valid JSON (or not the JSON object this endpoint expects).")
    }
}

/// RFC 3339 UTC timestamps with milliseconds: `2026-12-01T20:38:41.123Z` (``SheafJSON``'s).
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        SheafJSON.formatTimestamp(date)
    }

    public static func parse(_ text: String) -> Date? {
        SheafJSON.parseTimestamp(text)
    }
}
