import Foundation
import HTTPTypes
public import Hummingbird
public import Services
import Domain

/// `Idempotency-Key` on POSTs (SPEC §6): the first response is kept in PostgreSQL (so it
/// holds across server instances) and a retry with the same key and body gets it back,
/// creating nothing new. Keys are scoped to the authenticated user: the middleware sits
/// on the authenticated routes only, so anonymous requests (login, signed links) are
/// not deduplicated (their keys would collide across clients). What is kept, and how
/// it is sealed, is ``IdempotencyService``'s business.
///
/// The handler runs inside the service's one transaction with the key: its writes and
/// the kept answer commit together. A thrown error (a problem answer further out) or a
/// 5xx answer rolls everything back, the key included, so a retry runs anew; a 2xx–4xx
/// answer is kept and sent only once it committed. A second request with the key while
/// the first runs gets 409 at once (it does not wait for the first).
public struct IdempotencyMiddleware: RouterMiddleware {
    public typealias Context = AuthenticatedContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    let idempotency: IdempotencyService

    public init(idempotency: IdempotencyService) {
        self.idempotency = idempotency
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        guard RequestIDMiddleware.isAcceptable(key), key.count <= 255 else {
            throw IdempotencyProblem.badKey
        }
        // The whole body is read before the transaction opens: a slow upload must not
        // hold a database connection.
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var identity = Data("\(request.method.rawValue) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8)
        identity.append(contentsOf: body.readableBytesView)

        // The handler may run more than once (the service reruns the transaction after a
        // deadlock or a connection lost before COMMIT); the collected body reads again.
        let outcome = try await idempotency.perform(user: context.caller.user.id, key: key, request: identity) {
            () async throws -> (answer: Response, keep: KeptResponse?) in
            let response = try await next(request, context)
            guard response.status.code < 500 else { return (response, nil) }
            let collector = CollectingWriter()
            try await response.body.write(collector)
            var kept = response
            kept.body = .init(byteBuffer: collector.buffer)
            return (
                kept,
                KeptResponse(
                    status: response.status.code, contentType: response.headers[.contentType], location: response.headers[.location],
                    etag: response.headers[.eTag], body: Data(collector.buffer.readableBytesView))
            )
        }
        switch outcome {
        case .ran(let response): return response
        case .replay(let kept): return Self.response(from: kept)
        case .mismatch: throw IdempotencyProblem.reusedForAnotherRequest
        case .inProgress: throw IdempotencyProblem.inProgress
        case .unreadable: throw IdempotencyProblem.cannotReplay
        }
    }

    static func response(from kept: KeptResponse) -> Response {
        var headers: HTTPFields = [replayedHeader: "true"]
        if let contentType = kept.contentType { headers[.contentType] = contentType }
        if let location = kept.location { headers[.location] = location }
        if let etag = kept.etag { headers[.eTag] = etag }
        return Response(
            status: HTTPResponse.Status(code: kept.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: kept.body)))
    }
}

/// Problems specific to idempotency keys.
struct IdempotencyProblem: ProblemConvertible {
    let problem: Problem

    static let badKey = IdempotencyProblem(
        problem: Problem(status: .badRequest, code: "bad_idempotency_key", detail: "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces."))
    static let reusedForAnotherRequest = IdempotencyProblem(
        problem: Problem(
            status: .unprocessableContent, code: "idempotency_key_reused",
            detail: "This Idempotency-Key was already used for a different request. Use a new key for a new request."))
    static let inProgress = IdempotencyProblem(
        problem: Problem(
            status: .conflict, code: "idempotency_key_in_progress",
            detail: "A request with this Idempotency-Key is still being processed. Retry in a moment."))
    static let cannotReplay = IdempotencyProblem(
        problem: Problem(
            status: .conflict, code: "idempotency_key_unreadable",
            detail: "A request with this Idempotency-Key was already processed, but its response can no longer be read "
                + "(the server's secret changed). Look the result up instead of retrying, or use a new key."))
}

/// Captures a response body so it can be stored and sent.
final class CollectingWriter: ResponseBodyWriter {
    var buffer = ByteBuffer()
    func write(_ buffer: ByteBuffer) async throws {
        var copy = buffer
        self.buffer.writeBuffer(&copy)
    }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
