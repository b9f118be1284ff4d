public import Domain
public import Foundation
public import Postgres

/// A stored session (never its token: only the token's SHA-256 digest is kept).
public struct StoredSession: Sendable {
    public let id: SessionID
    public let userID: UserID
    public let createdAt: Date
    public let lastSeenAt: Date
    public let absoluteExpiry: Date
    public let clientAddress: String
    public let userAgent: String?
}

/// SQL for `sessions` and `login_failures`.
public struct SessionStore: Sendable {
    public init() {}

    public func insert(
        id: SessionID, userID: UserID, tokenHash: Data, now: Date, absoluteExpiry: Date, clientAddress: String, userAgent: String?,
        on db: some PostgresQueryable
    ) async throws {
        try await db.execute(
            """
            INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, absolute_expiry, client_address, user_agent)
            VALUES (\(id), \(userID), \(tokenHash), \(now), \(now), \(absoluteExpiry), \(clientAddress), \(userAgent))
            """)
    }

    static func decode(_ row: PostgresRow) throws -> StoredSession {
        StoredSession(
            id: try row.decode("id"), userID: try row.decode("user_id"), createdAt: try row.decode("created_at"),
            lastSeenAt: try row.decode("last_seen_at"), absoluteExpiry: try row.decode("absolute_expiry"),
            clientAddress: try row.decode("client_address"), userAgent: try row.decode("user_agent"))
    }

    /// The live session for a token digest and its user, if both are valid at `now`.
    public func authenticate(tokenHash: Data, now: Date, idleSince: Date, on db: some PostgresQueryable) async throws -> (
        StoredSession, User
    )? {
        guard
            let row = try await db.queryOptional(
                """
                SELECT s.id AS session_id, s.user_id, s.created_at AS session_created_at, s.last_seen_at, s.absolute_expiry,
                       s.client_address, s.user_agent, \(UserStore.columns)
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(tokenHash) AND s.revoked_at IS NULL AND s.absolute_expiry > \(now)
                  AND s.last_seen_at > \(idleSince) AND u.active
                """)
        else { return nil }
        let session = StoredSession(
            id: try row.decode("session_id"), userID: try row.decode("user_id"), createdAt: try row.decode("session_created_at"),
            lastSeenAt: try row.decode("last_seen_at"), absoluteExpiry: try row.decode("absolute_expiry"),
            clientAddress: try row.decode("client_address"), userAgent: try row.decode("user_agent"))
        return (session, try UserStore.decodeUser(row))
    }

    /// Records activity; called at most about once a minute per session.
    public func touch(_ id: SessionID, at now: Date, on db: some PostgresQueryable) async throws {
        try await db.execute("UPDATE sessions SET last_seen_at = \(now) WHERE id = \(id) AND last_seen_at < \(now)")
    }

    public func listActive(userID: UserID, now: Date, idleSince: Date, on db: some PostgresQueryable) async throws -> [StoredSession] {
        try await db.query(
            """
            SELECT id, user_id, created_at, last_seen_at, absolute_expiry, client_address, user_agent FROM sessions
            WHERE user_id = \(userID) AND revoked_at IS NULL AND absolute_expiry > \(now) AND last_seen_at > \(idleSince)
            ORDER BY created_at DESC, id
            """, Self.decode)
    }

    /// Revokes one session of a user; false when there is no such live session of theirs.
    public func revoke(_ id: SessionID, userID: UserID, at now: Date, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute(
            "UPDATE sessions SET revoked_at = \(now) WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL") == 1
    }

    /// Revokes every live session of a user except `keeping`; returns how many.
    @discardableResult
    public func revokeAll(userID: UserID, except keeping: SessionID? = nil, at now: Date, on db: some PostgresQueryable) async throws -> Int {
        try await db.execute(
            """
            UPDATE sessions SET revoked_at = \(now)
            WHERE user_id = \(userID) AND revoked_at IS NULL AND (\(keeping)::uuid IS NULL OR id <> \(keeping))
            """)
    }

    /// Revokes the user's oldest unrevoked sessions beyond the newest `keep`; returns how
    /// many. The user's rows are locked first, so two logins at once cannot both keep
    /// `keep` others.
    @discardableResult
    public func revokeOldest(userID: UserID, keeping keep: Int, at now: Date, on tx: PostgresTransaction) async throws -> Int {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtext(\("sheaf.sessions:\(userID)")))")
        return try await tx.execute(
            """
            UPDATE sessions SET revoked_at = \(now)
            WHERE user_id = \(userID) AND revoked_at IS NULL AND id NOT IN (
                SELECT id FROM sessions WHERE user_id = \(userID) AND revoked_at IS NULL
                ORDER BY created_at DESC, id DESC LIMIT \(keep))
            """)
    }

    // MARK: Login throttling

    /// Serializes login attempts of `email` and of `clientAddress` until the transaction
    /// ends (always in this order, so two attempts cannot deadlock).
    public func lockAttempts(email: String, clientAddress: String, on tx: PostgresTransaction) async throws {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtext(\("sheaf.login.email:\(email)")))")
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtext(\("sheaf.login.address:\(clientAddress)")))")
    }

    public func recordFailure(email: String, clientAddress: String, at now: Date, on db: some PostgresQueryable) async throws {
        try await db.execute(
            "INSERT INTO login_failures (email, client_address, failed_at) VALUES (\(email), \(clientAddress), \(now))")
    }

    /// Failures for an account and for an address since the given window starts.
    public func failures(
        email: String, accountSince: Date, clientAddress: String, addressSince: Date, on db: some PostgresQueryable
    ) async throws -> (account: LoginThrottle.Failures, address: LoginThrottle.Failures) {
        let row = try await db.queryOne(
            """
            SELECT (SELECT count(*) FROM login_failures WHERE email = \(email) AND failed_at >= \(accountSince)) AS account_count,
                   (SELECT min(failed_at) FROM login_failures WHERE email = \(email) AND failed_at >= \(accountSince)) AS account_oldest,
                   (SELECT count(*) FROM login_failures WHERE client_address = \(clientAddress) AND failed_at >= \(addressSince)) AS address_count,
                   (SELECT min(failed_at) FROM login_failures WHERE client_address = \(clientAddress) AND failed_at >= \(addressSince)) AS address_oldest
            """)
        return (
            LoginThrottle.Failures(count: try row.decode("account_count"), oldestAt: try row.decode("account_oldest")),
            LoginThrottle.Failures(count: try row.decode("address_count"), oldestAt: try row.decode("address_oldest"))
        )
    }

    /// A successful login clears the account's failures (not the address's: SPEC).
    public func clearAccountFailures(email: String, on db: some PostgresQueryable) async throws {
        try await db.execute("DELETE FROM login_failures WHERE email = \(email)")
    }

    /// Drops failures older than any window.
    /// - Returns: how many were dropped.
    @discardableResult
    public func pruneFailures(before cutoff: Date, on db: some PostgresQueryable) async throws -> Int {
        try await db.execute("DELETE FROM login_failures WHERE failed_at < \(cutoff)")
    }

    /// Drops the sessions that ended before `cutoff`: revoked, past their absolute
    /// expiry, or idle since before `idleSince` (the idle timeout before `cutoff`).
    /// - Returns: how many were dropped.
    @discardableResult
    public func pruneEnded(before cutoff: Date, idleSince: Date, on db: some PostgresQueryable) async throws -> Int {
        try await db.execute(
            "DELETE FROM sessions WHERE revoked_at < \(cutoff) OR absolute_expiry < \(cutoff) OR last_seen_at < \(idleSince)")
    }
}
