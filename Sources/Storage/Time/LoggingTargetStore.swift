public import Domain
public import Postgres

/// A project as time logging and imports see it: its scope, names, status and currency.
public struct LoggingProject: Sendable, Hashable {
    public let scope: ProjectScope
    public let name: String
    public let code: String
    public let status: ProjectStatus
    public let currency: Currency

    /// The target of time logged on `task` of this project.
    public func target(task: LoggingTarget.Task?) -> LoggingTarget {
        LoggingTarget(project: scope, projectName: name, projectStatus: status, currency: currency, task: task)
    }
}

/// Loads what time is logged against (projects, tasks) and by whom (active staff).
public struct LoggingTargetStore: Sendable {
    public init() {}

    static let projectSelect: SQL = """
        SELECT p.id, p.client_id, p.team_id, p.name, p.code, p.status, p.currency,
               COALESCE((SELECT array_agg(pm.user_id) FROM project_members pm WHERE pm.project_id = p.id), '{}') AS member_ids
        FROM projects p
        """

    static func decodeProject(_ row: PostgresRow) throws -> LoggingProject {
        LoggingProject(
            scope: ProjectScope(
                id: try row.decode("id"), clientID: try row.decode("client_id"), teamID: try row.decode("team_id"),
                memberIDs: Set(try row.decode("member_ids", as: [UserID].self))),
            name: try row.decode("name"), code: try row.decode("code"), status: try row.decode("status"),
            currency: try row.decode("currency"))
    }

    static func decodeTask(_ row: PostgresRow) throws -> LoggingTarget.Task {
        LoggingTarget.Task(
            id: try row.decode("id"), projectID: try row.decode("project_id"), name: try row.decode("name"),
            billable: try row.decode("billable"), archived: try row.decode("archived"))
    }

    public func project(_ id: ProjectID, on db: some PostgresQueryable) async throws -> LoggingProject? {
        try await db.queryOptional("\(Self.projectSelect) WHERE p.id = \(id)").map(Self.decodeProject)
    }

    public func task(_ id: TaskID, on db: some PostgresQueryable) async throws -> LoggingTarget.Task? {
        try await db.queryOptional("SELECT id, project_id, name, billable, archived FROM tasks WHERE id = \(id)").map(Self.decodeTask)
    }

    /// The target of `task` on `project`; nil when the project does not exist (the task
    /// is nil in the target when it does not exist).
    public func target(project: ProjectID, task: TaskID, on db: some PostgresQueryable) async throws -> LoggingTarget? {
        guard let found = try await self.project(project, on: db) else { return nil }
        return found.target(task: try await self.task(task, on: db))
    }

    /// Projects whose code or name (case-insensitively, runs of whitespace as one space)
    /// is among `codes` or `names`.
    public func projects(codes: [String], names: [String], on db: some PostgresQueryable) async throws -> [LoggingProject] {
        guard !codes.isEmpty || !names.isEmpty else { return [] }
        return try await db.query(
            """
            \(Self.projectSelect)
            WHERE lower(p.code) = ANY(\(codes.map { Self.key($0) }))
               OR regexp_replace(lower(p.name), '\\s+', ' ', 'g') = ANY(\(names.map { Self.key($0) }))
            ORDER BY p.id
            """, Self.decodeProject)
    }

    /// Lowercased, with runs of whitespace as one space (as the import matches names).
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every task of `projects`.
    public func tasks(of projects: [ProjectID], on db: some PostgresQueryable) async throws -> [LoggingTarget.Task] {
        guard !projects.isEmpty else { return [] }
        return try await db.query(
            "SELECT id, project_id, name, billable, archived FROM tasks WHERE project_id = ANY(\(projects)) ORDER BY name, id",
            Self.decodeTask)
    }

    /// Every active collaborator (staff, not client contacts), by email.
    public func activeStaff(on db: some PostgresQueryable) async throws -> [StaffMember] {
        try await db.query("SELECT id, email, name FROM users WHERE active AND role <> 'client' ORDER BY lower(email), id") { row in
            StaffMember(id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name"))
        }
    }
}
