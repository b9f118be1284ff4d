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

/// What became of a request with an `Idempotency-Key`.
public enum IdempotencyOutcome<Value: Sendable>: Sendable {
    /// First use (or every earlier use rolled back): the request ran; this is its answer.
    case ran(Value)
    /// Done before: answer this instead of running it again.
    case replay(KeptResponse)
    /// Another request with the key is running right now.
    case inProgress
    /// The key was used for a different request (method, path, query or body).
    case mismatch
    /// Done before, but the kept answer cannot be opened (the server's secret changed):
    /// running it again could create a duplicate.
    case unreadable
}

/// Keeps the first answer to each (user, key) for 24 hours in PostgreSQL, so it holds
/// across server instances.
///
/// The key, the request's writes and the kept answer share one transaction
/// (``PostgresPool/withSharedTransaction(maxAttempts:_:)``): every service the request
/// calls joins it. So an answer is kept exactly when the writes it reports committed,
/// and "in progress" is a lock that transaction holds — a transaction that dies (crash,
/// restart, lost connection) releases its key by itself, and the retry either replays
/// the committed answer or runs anew.
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

    /// Runs `work` for `user`'s request under `key`, unless the key says otherwise.
    ///
    /// `request` identifies the request (method, path, query and body; a digest is kept).
    /// `work` returns its answer and what to keep of it; keeping nothing (a server error)
    /// rolls back all the request wrote, and so does a thrown error, which goes up. The
    /// answer is returned only after COMMIT succeeded: when COMMIT fails, an error goes up
    /// and nothing was committed, except when the connection broke during COMMIT, whose
    /// outcome is unknown — a retry with the key then replays or runs anew.
    ///
    /// `work` may run more than once: after a serialization failure, a deadlock or a
    /// connection lost before COMMIT, the whole transaction is run again (nothing of the
    /// failed attempt is left).
    public func perform<Value: Sendable>(
        user: UserID, key: String, request: Data, _ work: () async throws -> (answer: Value, keep: KeptResponse?)
    ) async throws -> IdempotencyOutcome<Value> {
        let scope = "user:\(user)"
        let hash = SHA256.hash(data: request).map { String(format: "%02x", $0) }.joined()
        return try await pool.withSharedTransaction { tx -> TransactionOutcome<IdempotencyOutcome<Value>> in
            switch try await store.claim(scope: scope, key: key, requestHash: hash, on: tx) {
            case .inProgress: return .rollback(.inProgress)
            case .mismatch: return .rollback(.mismatch)
            case .replay(let stored):
                guard let body = stored.bodySealed ? open(stored.body, scope: scope, key: key) : stored.body else { return .rollback(.unreadable) }
                return .rollback(
                    .replay(KeptResponse(status: stored.status, contentType: stored.contentType, location: stored.location, etag: stored.etag, body: body)))
            case .claimed:
                let (answer, keep) = try await work()
                guard let keep else { return .rollback(.ran(answer)) }
                try await store.keep(scope: scope, key: key, requestHash: hash, response: try seal(keep, scope: scope, key: key), on: tx)
                return .commit(.ran(answer))
            }
        }
    }

    private func seal(_ response: KeptResponse, scope: String, key: String) throws -> StoredResponse {
        let sealed = try AES.GCM.seal(response.body, using: sealingKey, authenticating: associatedData(scope, key))
        // The default 12-byte nonce always gives a combined representation.
        guard let combined = sealed.combined else { preconditionFailure("AES.GCM with a standard nonce has a combined form") }
        return StoredResponse(
            status: response.status, contentType: response.contentType, location: response.location, etag: response.etag, body: combined,
            bodySealed: true)
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
