import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Small helpers to keep API tests readable.
extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        guard let dictionary = object as? [String: Any] else { throw JSONShapeError() }
        return dictionary
    }

    var isProblem: Bool { headers[.contentType] == "application/problem+json" }
}

struct JSONShapeError: Error {}

/// A JSON string literal for a value (quotes and escapes).
func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}

/// The `type` of a problem document, one per error code (`Sources/API/HTTP/Problem.swift`:
/// `https://sheaf.invalid/problems/` and the code with dashes), with the status it
/// travels with.
enum ProblemType: String, CustomStringConvertible {
    case invalidInput = "invalid-input"
    case conflict
    case versionMismatch = "version-mismatch"

    var uri: String { "https://sheaf.invalid/problems/\(rawValue)" }

    var status: HTTPResponse.Status {
        switch self {
        case .invalidInput: .unprocessableContent
        case .conflict: .conflict
        case .versionMismatch: .preconditionFailed
        }
    }

    var description: String { "\(status.code) \(rawValue)" }
}

extension TestResponse {
    /// The body as a problem document.
    func problem() throws -> Problem {
        try JSONDecoder().decode(Problem.self, from: Data(body.readableBytesView))
    }
}

/// Checks that `response` is a problem document of `type`: its status, content type and
/// `type` URI, so a test claims which error it got, not only which status.
func expectProblem(
    _ response: TestResponse, _ type: ProblemType, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == type.status, comment, sourceLocation: sourceLocation)
    #expect(response.isProblem, comment, sourceLocation: sourceLocation)
    #expect((try? response.problem())?.type == type.uri, "\(type): \(response.text) \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
}

extension TestResponse {
    /// The body decoded into a typed test DTO (keys in `snake_case`).
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(body.readableBytesView))
    }
}

/// A money object on the wire: `{"amount_minor": 12000, "currency": "EUR"}`.
struct MoneyBody: Decodable, Equatable {
    let amountMinor: Int
    let currency: String
}

extension Dictionary where Key == String, Value == Any {
    /// The money object under `key`, or nil when it is missing, null or not money.
    func money(_ key: String) -> MoneyBody? {
        guard let object = self[key] as? [String: Any], let minor = object["amount_minor"] as? Int,
            let currency = object["currency"] as? String
        else { return nil }
        return MoneyBody(amountMinor: minor, currency: currency)
    }
}
