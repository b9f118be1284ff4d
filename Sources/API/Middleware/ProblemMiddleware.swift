import Foundation
import HTTPTypes
import Domain
public import Hummingbird
import Logging
import NIOCore
import Postgres

/// Turns every error into `application/problem+json`; the only place that does.
/// A 500 body never contains the error's text; the log line has its redacted description.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem: Problem
            var headers: HTTPFields = [:]
            switch error {
            case let error as DomainError:
                problem = error.problem
                if case .tooManyRequests(let seconds) = error { headers[.retryAfter] = String(seconds) }
                if error == .unauthenticated || error == .invalidCredentials { headers[.wwwAuthenticate] = "Bearer" }
            case let error as any ProblemConvertible:
                problem = error.problem
            case let error as HTTPError:
                problem = Self.problem(for: error, request: request)
            case is NIOTooManyBytesError:
                // A body read past `context.maxUploadSize` wherever it is read.
                problem = Self.problem(for: HTTPError(.contentTooLarge), request: request)
            case let error as PostgresError where error.kind == .invalidParameter:
                // The last line of defence: JSON and query values with a NUL are refused
                // by name before this; any other way in still gets a 422, never a cut value.
                problem = Problem(
                    status: .unprocessableContent, code: "invalid_input",
                    detail: "A value holds the NUL character (\\u0000), which Sheaf does not accept.")
            case let error as PostgresError where error.isConnectionProblem:
                context.logger.error("database unavailable", metadata: ["error": "\(error)"])
                problem = Problem(status: .serviceUnavailable, code: "database_unavailable", detail: "The database is not reachable right now. Try again shortly.")
                headers[.retryAfter] = "1"
            default:
                context.logger.error("unhandled error", metadata: ["error": "\(String(describing: error))", "type": "\(type(of: error))"])
                problem = Problem(status: .internalServerError, code: "internal_error", detail: "Something went wrong on our side. The request id helps us find it.")
            }
            problem.instance = request.uri.path
            problem.requestId = context.requestID
            return problem.response(headers: headers)
        }
    }

    static func problem(for error: HTTPError, request: Request) -> Problem {
        switch error.status {
        case .notFound:
            return Problem(status: .notFound, code: "not_found", detail: "No resource at \(request.method) \(request.uri.path).")
        case .contentTooLarge:
            return Problem(status: .contentTooLarge, code: "payload_too_large", detail: "The request body is larger than this server accepts.")
        case .methodNotAllowed:
            return Problem(status: .methodNotAllowed, code: "method_not_allowed", detail: "\(request.method) is not allowed on \(request.uri.path).")
        default:
            let detail = error.body ?? error.status.reasonPhrase
            return Problem(status: error.status, code: error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"), detail: detail)
        }
    }
}
