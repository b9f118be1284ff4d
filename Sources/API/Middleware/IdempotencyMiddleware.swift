import HTTPTypes
import Crypto
import Foundation
public import Hummingbird
import Postgres
import Storage

/// `Idempotency-Key` on POSTs (SPEC §6): the first response is kept in PostgreSQL (so it
/// holds across server instances) and a retry with the same key and body gets it back,
/// creating nothing new. Keys are scoped to the authenticated user; anonymous requests
/// are not deduplicated (their keys would collide across clients).
public struct IdempotencyMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    let pool: PostgresPool
    let store = IdempotencyStore()

    public init(pool: PostgresPool) { self.pool = pool }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[Self.header], let scope = context.idempotencyScope else {
            return try await next(request, context)
        }
        guard RequestIDMiddleware.isAcceptable(key), key.count <= 255 else {
            throw IdempotencyProblem.badKey
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()

        switch try await store.claim(scope: scope, key: key, requestHash: hash, on: pool) {
        case .mismatch: throw IdempotencyProblem.reusedForAnotherRequest
        case .inProgress: throw IdempotencyProblem.inProgress
        case .replay(let stored): return Self.response(from: stored)
        case .claimed: break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Errors become problem responses further out; a 4xx is kept for replay,
            // but the simplest safe rule is: a thrown request may be retried.
            try? await store.release(scope: scope, key: key, on: pool)
            throw error
        }
        guard response.status.code < 500 else {
            try? await store.release(scope: scope, key: key, on: pool)
            return response
        }
        let collector = CollectingWriter()
        var kept = response
        try await response.body.write(collector)
        let data = Data(collector.buffer.readableBytesView)
        try await store.complete(
            scope: scope, key: key,
            response: StoredResponse(
                status: response.status.code, contentType: response.headers[.contentType], location: response.headers[.location],
                etag: response.headers[.eTag], body: data),
            on: pool)
        kept.body = .init(byteBuffer: collector.buffer)
        return kept
    }

    static func response(from stored: StoredResponse) -> Response {
        var headers: HTTPFields = [replayedHeader: "true"]
        if let contentType = stored.contentType { headers[.contentType] = contentType }
        if let location = stored.location { headers[.location] = location }
        if let etag = stored.etag { headers[.eTag] = etag }
        return Response(
            status: HTTPResponse.Status(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
    }
}

/// Problems specific to idempotency keys.
struct IdempotencyProblem: Error {
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
