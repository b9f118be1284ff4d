import Foundation
public import Hummingbird

/// Refuses bodies over `SHEAF_MAX_BODY_BYTES` with 413 before any handler runs, whether
/// the size is declared (`Content-Length`) or only discovered while streaming.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    let maxBytes: Int

    public init(maxBytes: Int) { self.maxBytes = maxBytes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = maxBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var request = request
        // Buffering here also lets later middleware (idempotency) read the body.
        _ = try await request.collectBody(upTo: maxBytes)
        return try await next(request, context)
    }
}
