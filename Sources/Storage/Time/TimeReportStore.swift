public import Domain
public import Postgres

/// Whose time a report covers.
public enum StaffSelection: Sendable, Hashable {
    /// Every active collaborator.
    case everyone
    /// The active members of these teams, plus one more user (the manager asking).
    case teams([TeamID], plus: UserID?)
    /// One user, if active staff.
    case user(UserID)
}

/// SQL of the time reports (missing time).
public struct TimeReportStore: Sendable {
    public init() {}

    /// The active collaborators (staff, not client contacts) `selection` names, by name.
    /// With `limit`, at most that many, after `after` in the same order (keyset paging).
    public func activeStaff(
        _ selection: StaffSelection, after: StaffMember? = nil, limit: Int? = nil, on db: some PostgresQueryable
    ) async throws -> [StaffMember] {
        let condition: SQL
        switch selection {
        case .everyone:
            condition = "true"
        case .teams(let teams, let extra):
            condition = """
                (EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = ANY(\(teams))) OR u.id = \(extra))
                """
        case .user(let user):
            condition = "u.id = \(user)"
        }
        var following: SQL = "true"
        if let after { following = "(lower(u.name), lower(u.email), u.id) > (lower(\(after.name)), lower(\(after.email)), \(after.id))" }
        return try await db.query(
            """
            SELECT u.id, u.email, u.name FROM users u
            WHERE u.active AND u.role <> 'client' AND \(condition)
              AND \(following)
            ORDER BY lower(u.name), lower(u.email), u.id
            LIMIT \(limit.map(Int64.init) ?? Int64.max)
            """
        ) { row in StaffMember(id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name")) }
    }

    /// The dates from `from` through `to` on which each of `users` logged any time.
    public func loggedDates(of users: [UserID], from: LocalDate, to: LocalDate, on db: some PostgresQueryable) async throws
        -> [UserID: Set<LocalDate>]
    {
        guard !users.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT DISTINCT user_id, work_date FROM time_entries
            WHERE user_id = ANY(\(users)) AND work_date BETWEEN \(from) AND \(to)
            """
        ) { row in (try row.decode("user_id", as: UserID.self), try row.decode("work_date", as: LocalDate.self)) }
        var dates: [UserID: Set<LocalDate>] = [:]
        for (user, date) in rows { dates[user, default: []].insert(date) }
        return dates
    }
}
