import HTTPTypes
public import Domain
import Foundation
public import Hummingbird
import Services

/// An RFC 9457 problem document (`application/problem+json`).
public struct Problem: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    public var requestId: String?
    public var errors: [FieldError]?

    public init(status: HTTPResponse.Status, code: String, detail: String, errors: [FieldError]? = nil) {
        self.type = "https://sheaf.invalid/problems/\(code.replacingOccurrences(of: "_", with: "-"))"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
    }

    /// The response carrying this problem, with extra headers (e.g. `Retry-After`).
    public func response(headers extra: HTTPFields = [:]) -> Response {
        let body = (try? SheafJSON.encoder.encode(self)) ?? Data(#"{"status":500,"title":"Internal Server Error"}"#.utf8)
        var headers = extra
        headers[.contentType] = "application/problem+json"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension DomainError {
    /// The one place where domain errors become HTTP statuses.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthenticated, .invalidCredentials: .unauthorized
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .versionMismatch: .preconditionFailed
        case .tooManyRequests: .tooManyRequests
        }
    }

    var problem: Problem {
        Problem(status: httpStatus, code: code, detail: message, errors: fieldErrors.isEmpty ? nil : fieldErrors)
    }
}

/// An error of the HTTP layer that is already a problem document: malformed JSON, a
/// missing `If-Match`, a bad `Idempotency-Key`, plain HTTP on a credentials endpoint.
/// ``ProblemMiddleware`` answers it as it is.
protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

/// Credentials travel over HTTPS only.
struct InsecureTransport: ProblemConvertible {
    var problem: Problem {
        Problem(
            status: .forbidden, code: "insecure_transport",
            detail: "This endpoint requires HTTPS: credentials must never travel in clear text. Use https://, or a reverse proxy "
                + "listed in SHEAF_TRUSTED_PROXIES that sends X-Forwarded-Proto: https.")
    }
}
