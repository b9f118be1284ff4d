import HTTPTypes
import Foundation
public import Hummingbird
import Logging

/// Keeps a well-formed incoming `X-Request-Id` or makes one, puts it on every log line
/// of the request and echoes it on the response (error responses included).
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[Self.header]
        let id = incoming.flatMap { Self.isAcceptable($0) ? $0 : nil } ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// Printable ASCII without spaces, at most 128 characters: safe to log and echo.
    static func isAcceptable(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 128 && value.utf8.allSatisfy { $0 > 32 && $0 < 127 }
    }
}
