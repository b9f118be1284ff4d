import HTTPTypes
public import Hummingbird

/// Headers every response carries: `X-Content-Type-Options: nosniff` (a JSON or CSV
/// answer is never run as something else) and, when Sheaf terminates TLS itself,
/// `Strict-Transport-Security` (behind a proxy, the proxy sends it: deploy/nginx).
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    let strictTransport: Bool

    public init(strictTransport: Bool) { self.strictTransport = strictTransport }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.contentTypeOptions] = "nosniff"
        if strictTransport { response.headers[Self.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}
