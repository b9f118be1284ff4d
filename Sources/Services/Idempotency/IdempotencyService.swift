import Crypto
public import Domain
public import Foundation
public import Postgres
import Storage

/// A response kept for retries of the same `Idempotency-Key` (SPEC §6).
public struct KeptResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var location: String?
    public var etag: String?
    public var body: Data

    public init(status: Int, contentType: String?, location: String?, etag: String?, body: Data) {
        self.status = status
        self.contentType = contentType
        self.location = location
        self.etag = etag
        self.body = body
    }
}

/// What a request's `Idempotency-Key` says about running it.
public enum IdempotencyOutcome: Sendable, Equatable {
    /// First use: run the request, then ``IdempotencyService/complete(_:response:)``.
    case run(IdempotencyTicket)
    /// Done before: answer this instead of running it again.
    case replay(KeptResponse)
    /// Another request with the key is still running.
    case inProgress
    /// The key was used for a different request (method, path, query or body).
    case mismatch
    /// Done before, but the kept answer cannot be opened (the server's secret changed):
    /// running it again could create a duplicate.
    case unreadable
}

/// The claim on one key by one user, returned by ``IdempotencyService/claim(user:key:request:)``.
public struct IdempotencyTicket: Sendable, Equatable {
    let scope: String
    let key: String
}

/// Keeps the first answer to each (user, key) for 24 hours in PostgreSQL, so it holds
/// across server instances.
///
/// Kept bodies are sealed (AES-GCM, bound to the user and key) under a key derived from
/// the server's secret: some responses carry a capability — the token of a validation
/// link, shown once — and a database dump must not hand it out.
public struct IdempotencyService: Sendable {
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

    /// Claims `key` for `user`'s request, identified by a digest of `request` (method,
    /// path, query and body), or says why it must not run.
    public func claim(user: UserID, key: String, request: Data) async throws -> IdempotencyOutcome {
        let scope = "user:\(user)"
        let hash = SHA256.hash(data: request).map { String(format: "%02x", $0) }.joined()
        switch try await store.claim(scope: scope, key: key, requestHash: hash, on: pool) {
        case .claimed: return .run(IdempotencyTicket(scope: scope, key: key))
        case .inProgress: return .inProgress
        case .mismatch: return .mismatch
        case .replay(let stored):
            guard let body = stored.bodySealed ? open(stored.body, scope: scope, key: key) : stored.body else { return .unreadable }
            return .replay(
                KeptResponse(status: stored.status, contentType: stored.contentType, location: stored.location, etag: stored.etag, body: body))
        }
    }

    /// Keeps the answer of a claimed request for its retries.
    public func complete(_ ticket: IdempotencyTicket, response: KeptResponse) async throws {
        let sealed = try AES.GCM.seal(response.body, using: sealingKey, authenticating: associatedData(ticket.scope, ticket.key))
        // The default 12-byte nonce always gives a combined representation.
        guard let combined = sealed.combined else { preconditionFailure("AES.GCM with a standard nonce has a combined form") }
        try await store.complete(
            scope: ticket.scope, key: ticket.key,
            response: StoredResponse(
                status: response.status, contentType: response.contentType, location: response.location, etag: response.etag,
                body: combined, bodySealed: true),
            on: pool)
    }

    /// Forgets a claim whose request failed, so a retry runs it.
    public func release(_ ticket: IdempotencyTicket) async {
        try? await store.release(scope: ticket.scope, key: ticket.key, on: pool)
    }

    /// Binding the user and key as associated data stops a sealed body from being
    /// replayed under another row.
    private func associatedData(_ scope: String, _ key: String) -> Data { Data("\(scope)\n\(key)".utf8) }

    /// nil for a rotated secret or an altered row.
    private func open(_ sealed: Data, scope: String, key: String) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: sealingKey, authenticating: associatedData(scope, key))
    }
}
