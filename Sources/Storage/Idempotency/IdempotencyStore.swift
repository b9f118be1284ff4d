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
    /// First use of the key: run the request, then `complete` or `release`.
    case claimed
    /// The key was used for this same request: answer with the first response.
    case replay(StoredResponse)
    /// The first request with this key is still running.
    case inProgress
    /// The key was used for a different request.
    case mismatch
}

/// SQL for `idempotency_keys`. Keys live 24 hours.
public struct IdempotencyStore: Sendable {
    public init() {}

    public func claim(scope: String, key: String, requestHash: String, on db: some PostgresQueryable) async throws -> IdempotencyClaim {
        try await db.execute(
            "DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key) AND created_at < now() - interval '24 hours'")
        let inserted = try await db.execute(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (\(scope), \(key), \(requestHash))
            ON CONFLICT (scope, key) DO NOTHING
            """)
        if inserted == 1 { return .claimed }
        guard let row = try await db.queryOptional(
            "SELECT request_hash, state, status, content_type, location, etag, body, body_sealed FROM idempotency_keys WHERE scope = \(scope) AND key = \(key)")
        else { return try await claim(scope: scope, key: key, requestHash: requestHash, on: db) }
        guard try row.decode("request_hash", as: String.self) == requestHash else { return .mismatch }
        guard try row.decode("state", as: String.self) == "done" else { return .inProgress }
        return .replay(
            StoredResponse(
                status: try row.decode("status"), contentType: try row.decode("content_type"), location: try row.decode("location"),
                etag: try row.decode("etag"), body: try row.decode("body", as: Data?.self) ?? Data(),
                bodySealed: try row.decode("body_sealed")))
    }

    public func complete(scope: String, key: String, response: StoredResponse, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            UPDATE idempotency_keys SET state = 'done', status = \(response.status), content_type = \(response.contentType),
                   location = \(response.location), etag = \(response.etag), body = \(response.body),
                   body_sealed = \(response.bodySealed)
            WHERE scope = \(scope) AND key = \(key)
            """)
    }

    /// Forgets a claim whose request failed on the server side, so a retry can run it.
    public func release(scope: String, key: String, on db: some PostgresQueryable) async throws {
        try await db.execute("DELETE FROM idempotency_keys WHERE scope = \(scope) AND key = \(key) AND state = 'pending'")
    }
}
