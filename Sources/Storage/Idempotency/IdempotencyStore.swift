public import Foundation
public import Postgres

/// A response kept for replay under an `Idempotency-Key`.
public struct StoredResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var location: String?
    public var etag: String?
    public var body: Data
    /// Whether ``body`` is sealed (encrypted and authenticated) rather than plain.
    public var bodySealed: Bool

    public init(status: Int, contentType: String?, location: String?, etag: String?, body: Data, bodySealed: Bool = false) {
        self.status = status
        self.contentType = contentType
        self.location = location
        self.etag = etag
        self.body = body
        self.bodySealed = bodySealed
    }
}

/// What a request with an `Idempotency-Key` may do.
public enum IdempotencyClaim: Sendable, Equatable {
    /// No answer is kept for the key and this transaction now holds it: run the request,
    /// then ``IdempotencyStore/keep(scope:key:requestHash:response:on:)`` in the same transaction.
    case claimed
    /// The key was used for this same request: answer with the first response.
    case replay(StoredResponse)
    /// Another transaction holds the key: the first request with it is still running.
    case inProgress
    /// The key was used for a different request.
    case mismatch
}

/// SQL for `idempotency_keys`. Keys live 24 hours.
///
/// A row exists only for an answer that committed, in the same transaction as the write
/// it answers. "In progress" is not stored: it is a transaction-scoped advisory lock on
/// the key, which PostgreSQL releases when that transaction ends in any way — COMMIT,
/// ROLLBACK, a lost connection, a server restart — so no key can be left stuck.
public struct IdempotencyStore: Sendable {
    public init() {}

    /// Takes the key's lock for the rest of `tx` (without waiting: a key another
    /// transaction holds is `inProgress`), then reads what is kept for it.
    public func claim(scope: String, key: String, requestHash: String, on tx: PostgresTransaction) async throws -> IdempotencyClaim {
        // 64-bit hash of a namespaced text: collisions with other keys, or with the other
        // advisory locks of the schema (login throttle, time-entry days), are negligible.
        let locked = try await tx.queryOne(
            "SELECT pg_try_advisory_xact_lock(hashtextextended(\("sheaf.idempotency:\(scope)\n\(key)"), 0)) AS locked")
        guard try locked.decode("locked", as: Bool.self) else { return .inProgress }
        // Under the lock, nothing else writes this key's row: what the statements below
        // read is final until this transaction ends.
        try await tx.execute(
            "DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key) AND created_at < now() - interval '24 hours'")
        guard let row = try await tx.queryOptional(
            "SELECT request_hash, status, content_type, location, etag, body, body_sealed FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)")
        else { return .claimed }
        guard try row.decode("request_hash", as: String.self) == requestHash else { return .mismatch }
        return .replay(
            StoredResponse(
                status: try row.decode("status"), contentType: try row.decode("content_type"), location: try row.decode("location"),
                etag: try row.decode("etag"), body: try row.decode("body", as: Data?.self) ?? Data(),
                bodySealed: try row.decode("body_sealed")))
    }

    /// Keeps the answer to a claimed key, in the transaction that claimed it.
    public func keep(scope: String, key: String, requestHash: String, response: StoredResponse, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, location, etag, body, body_sealed)
            VALUES (\(scope), \(key), \(requestHash), \(response.status), \(response.contentType), \(response.location),
                    \(response.etag), \(response.body), \(response.bodySealed))
            """)
    }

    /// Drops the answers kept since before `cutoff` (they are no longer replayed).
    /// - Returns: how many were dropped.
    @discardableResult
    public func prune(before cutoff: Date, on db: some PostgresQueryable) async throws -> Int {
        try await db.execute("DELETE FROM idempotency_keys WHERE created_at < \(cutoff)")
    }
}
