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
///
/// Kept bodies are sealed (AES-GCM, bound to the user and key) under a key derived
/// from the server's link secret: some responses carry a capability — the token of
/// a validation link, shown once — and a database dump must not hand it out.
public struct IdempotencyMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    let pool: PostgresPool
    let store = IdempotencyStore()
    let sealingKey: SymmetricKey

    /// - Parameter secret: the server secret (`SHEAF_LINK_SECRET`); the sealing key is
    ///   derived from it with HKDF, so it never equals the link-signing key.
    public init(pool: PostgresPool, secret: [UInt8]) {
        self.pool = pool
        self.sealingKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Data("sheaf idempotency response body v1".utf8), outputByteCount: 32)
    }

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
        case .replay(let stored): return try Self.response(from: stored, opening: sealingKey, scope: scope, key: key)
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
                etag: response.headers[.eTag], body: try Self.seal(data, with: sealingKey, scope: scope, key: key), bodySealed: true),
            on: pool)
        kept.body = .init(byteBuffer: collector.buffer)
        return kept
    }

    /// Binding the user and key as associated data stops a sealed body from being
    /// replayed under another row.
    static func seal(_ body: Data, with sealingKey: SymmetricKey, scope: String, key: String) throws -> Data {
        let box = try AES.GCM.seal(body, using: sealingKey, authenticating: Data("\(scope)\n\(key)".utf8))
        guard let combined = box.combined else { throw IdempotencyProblem.cannotReplay }
        return combined
    }

    static func open(_ sealed: Data, with sealingKey: SymmetricKey, scope: String, key: String) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return try AES.GCM.open(box, using: sealingKey, authenticating: Data("\(scope)\n\(key)".utf8))
        } catch {
            // Rotated secret or altered row: the request did run, so running it again could
            // create a duplicate; say so instead.
            throw IdempotencyProblem.cannotReplay
        }
    }

    static func response(from stored: StoredResponse, opening sealingKey: SymmetricKey, scope: String, key: String) throws -> Response {
        let body = stored.bodySealed ? try open(stored.body, with: sealingKey, scope: scope, key: key) : stored.body
        var headers: HTTPFields = [replayedHeader: "true"]
        if let contentType = stored.contentType { headers[.contentType] = contentType }
        if let location = stored.location { headers[.location] = location }
        if let etag = stored.etag { headers[.eTag] = etag }
        return Response(
            status: HTTPResponse.Status(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
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
