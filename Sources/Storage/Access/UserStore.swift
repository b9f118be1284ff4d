public import Domain
import Foundation
public import Postgres

/// A user row with its password hash, for authentication only.
public struct UserCredentials: Sendable {
    public let user: User
    public let passwordHash: String
}

/// SQL for `users`. Email uniqueness violations become `DomainError.conflict`.
public struct UserStore: Sendable {
    public init() {}

    static let known: [String: DomainError] = [
        "users_email_key": .conflict("A user with this email already exists."),
        "users_client_fk": .invalid(field: "client_id", message: "is not a known client"),
    ]

    static let columns: SQL = """
        u.id, u.email, u.name, u.role, u.active, u.client_id, u.time_zone, u.weekly_target_minutes, u.version, u.created_at,
        COALESCE((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.user_id = u.id), '{}') AS team_ids,
        COALESCE((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm WHERE tm.user_id = u.id AND tm.is_lead), '{}') AS lead_team_ids
        """

    static func decodeUser(_ row: PostgresRow) throws -> User {
        User(
            id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name"), role: try row.decode("role"),
            isActive: try row.decode("active"), clientID: try row.decode("client_id"), timeZone: try row.decode("time_zone"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"),
            teamIDs: try row.decode("team_ids"), leadTeamIDs: try row.decode("lead_team_ids"),
            weeklyTargetMinutes: try row.decode("weekly_target_minutes"))
    }

    public func insert(_ user: User, passwordHash: String, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known, others: .rethrown) {
            try await db.execute(
                """
                INSERT INTO users (id, email, name, role, active, password_hash, client_id, time_zone, created_at, updated_at)
                VALUES (\(user.id), \(user.email), \(user.name), \(user.role), \(user.isActive), \(passwordHash), \(user.clientID),
                        \(user.timeZone), \(user.createdAt), \(user.createdAt))
                """)
        }
    }

    public func find(_ id: UserID, on db: some PostgresQueryable) async throws -> User? {
        try await db.queryOptional("SELECT \(Self.columns) FROM users u WHERE u.id = \(id)").map(Self.decodeUser)
    }

    /// Locks the row for an update in the current transaction.
    public func findForUpdate(_ id: UserID, on db: PostgresTransaction) async throws -> User? {
        try await db.queryOptional("SELECT \(Self.columns) FROM users u WHERE u.id = \(id) FOR UPDATE OF u").map(Self.decodeUser)
    }

    public func credentials(email: String, on db: some PostgresQueryable) async throws -> UserCredentials? {
        try await db.queryOptional(
            "SELECT \(Self.columns), u.password_hash FROM users u WHERE lower(u.email) = lower(\(email))"
        ).map { UserCredentials(user: try Self.decodeUser($0), passwordHash: try $0.decode("password_hash")) }
    }

    public func credentials(id: UserID, on db: some PostgresQueryable) async throws -> UserCredentials? {
        try await db.queryOptional("SELECT \(Self.columns), u.password_hash FROM users u WHERE u.id = \(id)")
            .map { UserCredentials(user: try Self.decodeUser($0), passwordHash: try $0.decode("password_hash")) }
    }

    public func countAdmins(on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active").decode("n")
    }

    /// Locks every active admin row (in id order, so concurrent callers cannot deadlock)
    /// and returns their ids. Two admins demoting each other at once then see each
    /// other's change, and the last active admin stays. (`NO KEY UPDATE` does not block
    /// the key-share locks of foreign keys, so admins can still log in meanwhile.)
    public func lockActiveAdmins(on db: PostgresTransaction) async throws -> [UserID] {
        try await db.query("SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR NO KEY UPDATE") {
            try $0.decode("id")
        }
    }

    public func list(_ query: UserQuery, on db: some PostgresQueryable) async throws -> [User] {
        var conditions: [SQL] = ["true"]
        if let role = query.role { conditions.append("u.role = \(role)") }
        if let active = query.active { conditions.append("u.active = \(active)") }
        if let client = query.clientID { conditions.append("u.client_id = \(client)") }
        if let team = query.teamID {
            conditions.append("EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = \(team))")
        }
        if let after = query.after { conditions.append("(lower(u.email), u.id) > (\(after.email), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM users u WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY lower(u.email), u.id LIMIT \(query.limit + 1)
            """, Self.decodeUser)
    }

    /// Writes every mutable field in one statement if the version still matches;
    /// returns false when someone changed the row first.
    public func update(_ user: User, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.known, others: .rethrown) {
            try await db.execute(
                """
                UPDATE users SET email = \(user.email), name = \(user.name), role = \(user.role), active = \(user.isActive),
                       client_id = \(user.clientID), time_zone = \(user.timeZone),
                       weekly_target_minutes = \(user.weeklyTargetMinutes), version = version + 1, updated_at = now()
                WHERE id = \(user.id) AND version = \(expectedVersion)
                """) == 1
        }
    }

    public func setPassword(_ id: UserID, hash: String, on db: some PostgresQueryable) async throws {
        try await db.execute("UPDATE users SET password_hash = \(hash), version = version + 1, updated_at = now() WHERE id = \(id)")
    }
}
