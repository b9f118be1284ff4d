public import Domain
public import Foundation
public import Postgres

/// SQL for `teams` and `team_members`. A duplicate name (case-insensitive) becomes
/// `DomainError.conflict`.
public struct TeamStore: Sendable {
    public init() {}

    static let columns: SQL = """
        t.id, t.name, t.version,
        COALESCE((SELECT array_agg(tm.user_id ORDER BY tm.user_id) FROM team_members tm WHERE tm.team_id = t.id), '{}') AS member_ids,
        COALESCE((SELECT array_agg(tm.user_id ORDER BY tm.user_id) FROM team_members tm WHERE tm.team_id = t.id AND tm.is_lead),
            '{}') AS lead_ids
        """

    static func decodeTeam(_ row: PostgresRow) throws -> Team {
        let leads = Set(try row.decode("lead_ids", as: [UserID].self))
        let members = try row.decode("member_ids", as: [UserID].self).map {
            Team.Member(userID: $0, isLead: leads.contains($0))
        }
        return Team(id: try row.decode("id"), name: try row.decode("name"), version: try row.decode("version"), members: members)
    }

    static let duplicateName = DomainError.conflict("A team with this name already exists.")
    static let known = ["teams_name_key": duplicateName]

    public func insert(_ team: Team, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known, others: .rethrown) {
            try await db.execute("INSERT INTO teams (id, name, version) VALUES (\(team.id), \(team.name), \(team.version))")
        }
    }

    public func find(_ id: TeamID, on db: some PostgresQueryable) async throws -> Team? {
        try await db.queryOptional("SELECT \(Self.columns) FROM teams t WHERE t.id = \(id)").map(Self.decodeTeam)
    }

    /// Locks the team row for the rest of the transaction (renames, member changes, deletion).
    public func findForUpdate(_ id: TeamID, on db: PostgresTransaction) async throws -> Team? {
        try await db.queryOptional("SELECT \(Self.columns) FROM teams t WHERE t.id = \(id) FOR UPDATE OF t").map(Self.decodeTeam)
    }

    /// Up to `limit + 1` teams by name, so the caller can tell whether more follow.
    public func list(_ query: TeamQuery, on db: some PostgresQueryable) async throws -> [Team] {
        var condition: SQL = "true"
        if let after = query.after { condition = "(lower(t.name), t.id) > (\(after.name), \(after.id))" }
        return try await db.query(
            "SELECT \(Self.columns) FROM teams t WHERE \(condition) ORDER BY lower(t.name), t.id LIMIT \(query.limit + 1)",
            Self.decodeTeam)
    }

    /// Renames the team if the version still matches; false when someone changed it first.
    public func rename(_ id: TeamID, to name: String, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.known, others: .rethrown) {
            try await db.execute(
                "UPDATE teams SET name = \(name), version = version + 1 WHERE id = \(id) AND version = \(expectedVersion)") == 1
        }
    }

    /// Records that the team's membership changed, so its ETag changes too.
    public func bumpVersion(_ id: TeamID, on db: some PostgresQueryable) async throws {
        try await db.execute("UPDATE teams SET version = version + 1 WHERE id = \(id)")
    }

    /// Deletes the team; its memberships go with it (ON DELETE CASCADE).
    /// The codes of the projects `team` runs (which keep it from being deleted).
    public func projectCodes(of team: TeamID, on db: some PostgresQueryable) async throws -> [String] {
        try await db.query("SELECT code FROM projects WHERE team_id = \(team) ORDER BY lower(code)") { try $0.decode("code") }
    }

    /// Deletes the team (its memberships cascade); a project created for it meanwhile
    /// is a 409, not a 500.
    public func delete(_ id: TeamID, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(
            ["projects_team_id_fkey": DomainError.conflict("The team still runs projects: move them to another team first.")],
            others: .rethrown
        ) {
            try await db.execute("DELETE FROM teams WHERE id = \(id)") == 1
        }
    }

    // MARK: Members

    static let memberColumns: SQL = "tm.user_id, u.name, u.email, u.role, u.active, tm.is_lead, tm.added_at"

    static func decodeMember(_ row: PostgresRow) throws -> TeamMemberRecord {
        TeamMemberRecord(
            userID: try row.decode("user_id"), name: try row.decode("name"), email: try row.decode("email"), role: try row.decode("role"),
            isActive: try row.decode("active"), isLead: try row.decode("is_lead"), addedAt: try row.decode("added_at"))
    }

    /// Members of a team, leads first, then by name.
    public func members(of teamID: TeamID, on db: some PostgresQueryable) async throws -> [TeamMemberRecord] {
        try await db.query(
            """
            SELECT \(Self.memberColumns) FROM team_members tm JOIN users u ON u.id = tm.user_id
            WHERE tm.team_id = \(teamID) ORDER BY tm.is_lead DESC, lower(u.name), tm.user_id
            """, Self.decodeMember)
    }

    public func member(_ userID: UserID, of teamID: TeamID, on db: some PostgresQueryable) async throws -> TeamMemberRecord? {
        try await db.queryOptional(
            """
            SELECT \(Self.memberColumns) FROM team_members tm JOIN users u ON u.id = tm.user_id
            WHERE tm.team_id = \(teamID) AND tm.user_id = \(userID)
            """
        ).map(Self.decodeMember)
    }

    /// Adds a member, or sets the lead flag of an existing one.
    public func upsertMember(_ userID: UserID, of teamID: TeamID, isLead: Bool, at now: Date, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO team_members (team_id, user_id, is_lead, added_at) VALUES (\(teamID), \(userID), \(isLead), \(now))
            ON CONFLICT (team_id, user_id) DO UPDATE SET is_lead = EXCLUDED.is_lead
            """)
    }

    /// Removes a member; false when the user was not a member.
    public func removeMember(_ userID: UserID, of teamID: TeamID, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute("DELETE FROM team_members WHERE team_id = \(teamID) AND user_id = \(userID)") == 1
    }
}
