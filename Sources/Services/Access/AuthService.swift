import Crypto
public import Domain
public import Foundation
import Logging
public import Postgres
import Storage

/// A new session: the token is shown once and never stored.
public struct IssuedSession: Sendable {
    public let token: String
    public let sessionID: SessionID
    public let expiresAt: Date
    public let user: User
}

/// A session as its owner sees it in the list.
public struct SessionSummary: Sendable {
    public let id: SessionID
    public let createdAt: Date
    public let lastSeenAt: Date
    public let expiresAt: Date
    public let clientAddress: String
    public let userAgent: String?
    public let isCurrent: Bool
}

/// Login, logout, session checks and password changes (SPEC §7).
public struct AuthService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let hasher: PasswordHasher
    let lifetime: SessionLifetime
    let throttle: LoginThrottle
    let sessions = SessionStore()
    let users = UserStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, hasher: PasswordHasher, lifetime: SessionLifetime, throttle: LoginThrottle = LoginThrottle()) {
        self.pool = pool
        self.clock = clock
        self.hasher = hasher
        self.lifetime = lifetime
        self.throttle = throttle
    }

    /// Checks the password and opens a session. Wrong password and unknown email get the
    /// same error after the same work; throttled attempts are refused before any check.
    public func login(email rawEmail: String, password: String, origin: RequestOrigin, userAgent: String?) async throws -> IssuedSession {
        // No address is longer than 254 bytes: refuse one before it costs a throttle
        // lookup, a decoy bcrypt or a row in login_failures (whose index it would overflow).
        guard rawEmail.utf8.count <= Email.maximumBytes else {
            throw DomainError.invalid(field: "email", message: "Use at most \(Email.maximumBytes) characters.")
        }
        let email = Email.normalize(rawEmail)
        let address = origin.clientAddress ?? "unknown"
        let now = clock.now()
        // The attempt is counted before the password is checked, under a lock per account
        // and per address: bcrypt takes a while, and attempts racing through it must not
        // all pass a count taken before any of them was recorded (30 at once used to give
        // 30 × 401 and no 429). It is recorded as a failure until it turns out right.
        try await pool.withTransaction { tx in
            try await sessions.lockAttempts(email: email, clientAddress: address, on: tx)
            let failures = try await sessions.failures(
                email: email, accountSince: throttle.windowStart(of: throttle.perAccount, now: now), clientAddress: address,
                addressSince: throttle.windowStart(of: throttle.perAddress, now: now), on: tx)
            try throttle.check(account: failures.account, address: failures.address, now: now)
            try await sessions.recordFailure(email: email, clientAddress: address, at: now, on: tx)
        }

        let credentials = try await users.credentials(email: email, on: pool)
        var valid = false
        if let credentials {
            valid = try await hasher.verify(password, hash: credentials.passwordHash) && credentials.user.isActive
        } else {
            try await hasher.verifyDecoy(password)
        }
        guard valid, let user = credentials?.user else { throw DomainError.invalidCredentials }

        let token = Self.newToken()
        let sessionID = SessionID.random()
        let absoluteExpiry = now.addingTimeInterval(lifetime.absoluteLifetime.seconds)
        try await pool.withTransaction { tx in
            try await sessions.clearAccountFailures(email: email, on: tx)
            try await sessions.insert(
                id: sessionID, userID: user.id, tokenHash: Self.digest(token), now: now, absoluteExpiry: absoluteExpiry,
                clientAddress: address, userAgent: userAgent.map { String($0.prefix(300)) }, on: tx)
            // A script that logs in on every run must not pile up live tokens: the oldest go.
            try await sessions.revokeOldest(userID: user.id, keeping: Self.maximumSessionsPerUser, at: now, on: tx)
            try await audit.append(
                AuditEntry(action: .sessionCreated, subjectType: .session, subjectID: sessionID.description), actor: user.id,
                origin: origin, on: tx)
        }
        return IssuedSession(
            token: token, sessionID: sessionID, expiresAt: lifetime.expiresAt(createdAt: now, lastSeenAt: now), user: user)
    }

    /// The caller behind a token, or nil when the token is unknown, revoked, idle too
    /// long, past its absolute lifetime, or its user is deactivated.
    public func authenticate(token: String, origin: RequestOrigin) async throws -> (Caller, expiresAt: Date)? {
        guard Self.isWellFormed(token) else { return nil }
        let now = clock.now()
        let idleSince = now.addingTimeInterval(-lifetime.idleTimeout.seconds)
        guard let (session, user) = try await sessions.authenticate(tokenHash: Self.digest(token), now: now, idleSince: idleSince, on: pool)
        else { return nil }
        // Sliding idle expiry without a write on every request.
        if now.timeIntervalSince(session.lastSeenAt) > 30 {
            try await sessions.touch(session.id, at: now, on: pool)
        }
        let expiresAt = lifetime.expiresAt(createdAt: session.createdAt, lastSeenAt: max(now, session.lastSeenAt))
        return (Caller(user: user, sessionID: session.id, origin: origin), min(expiresAt, session.absoluteExpiry))
    }

    public func logout(_ caller: Caller) async throws {
        guard let sessionID = caller.sessionID else { return }
        try await pool.withTransaction { tx in
            _ = try await sessions.revoke(sessionID, userID: caller.user.id, at: clock.now(), on: tx)
            try await audit.append(
                AuditEntry(action: .sessionRevoked, subjectType: .session, subjectID: sessionID.description), actor: caller.user.id,
                origin: caller.origin, on: tx)
        }
    }

    public func listSessions(_ caller: Caller) async throws -> [SessionSummary] {
        let now = clock.now()
        return try await sessions.listActive(
            userID: caller.user.id, now: now, idleSince: now.addingTimeInterval(-lifetime.idleTimeout.seconds), on: pool
        ).map { session in
            SessionSummary(
                id: session.id, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt,
                expiresAt: min(lifetime.expiresAt(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt), session.absoluteExpiry),
                clientAddress: session.clientAddress, userAgent: session.userAgent, isCurrent: session.id == caller.sessionID)
        }
    }

    /// Revokes one of the caller's own sessions; someone else's is "not found".
    public func revokeSession(_ id: SessionID, caller: Caller) async throws {
        try await pool.withTransaction { tx in
            guard try await sessions.revoke(id, userID: caller.user.id, at: clock.now(), on: tx) else {
                throw DomainError.notFound(entity: "session")
            }
            try await audit.append(
                AuditEntry(action: .sessionRevoked, subjectType: .session, subjectID: id.description), actor: caller.user.id,
                origin: caller.origin, on: tx)
        }
    }

    /// Changes the caller's password after checking the current one; every other
    /// session of the caller is revoked.
    public func changePassword(current: String, new: String, caller: Caller) async throws {
        try PasswordPolicy.validate(password: new, email: caller.user.email, field: "new_password")
        guard let credentials = try await users.credentials(id: caller.user.id, on: pool),
            try await hasher.verify(current, hash: credentials.passwordHash)
        else { throw DomainError.invalid(field: "current_password", message: "is not your current password") }
        let hash = try await hasher.hash(new)
        try await pool.withTransaction { tx in
            try await users.setPassword(caller.user.id, hash: hash, on: tx)
            let revoked = try await sessions.revokeAll(userID: caller.user.id, except: caller.sessionID, at: clock.now(), on: tx)
            try await audit.append(
                AuditEntry(
                    action: .userPasswordChanged, subjectType: .user, subjectID: caller.user.id.description,
                    after: #"{"other_sessions_revoked":\#(revoked)}"#),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    /// Sets a new password for the account with `email` from the server's command line
    /// (`sheaf reset-password`: the way back into a lost admin account), without the
    /// current one; every session of the account is revoked and the reset is audited.
    /// - Returns: the account.
    /// - Throws: ``DomainError/notFound(entity:)`` for an unknown email,
    ///   ``DomainError/invalid(_:)`` on `password` when the policy refuses it.
    public func resetPassword(email: String, new: String) async throws -> User {
        guard let credentials = try await users.credentials(email: Email.normalize(email), on: pool) else {
            throw DomainError.notFound(entity: "user")
        }
        let user = credentials.user
        try PasswordPolicy.validate(password: new, email: user.email, field: "password")
        let hash = try await hasher.hash(new)
        try await pool.withTransaction { tx in
            try await users.setPassword(user.id, hash: hash, on: tx)
            let revoked = try await sessions.revokeAll(userID: user.id, at: clock.now(), on: tx)
            try await audit.append(
                AuditEntry(
                    action: .userPasswordReset, subjectType: .user, subjectID: user.id.description,
                    after: #"{"sessions_revoked":\#(revoked)}"#),
                actor: nil, origin: .commandLine, on: tx)
        }
        return user
    }

    /// Live sessions one user may hold; a new login revokes the oldest beyond it.
    public static let maximumSessionsPerUser = 50

    // MARK: Tokens

    /// 32 random bytes (256 bits), base64url without padding: 43 characters.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }
    }
}

extension Duration {
    var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
