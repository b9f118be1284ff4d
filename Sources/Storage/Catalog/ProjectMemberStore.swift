public import Domain
public import Foundation
public import Postgres

/// SQL for `project_members`: who is assigned to a project. Adding someone twice is a 409.
public struct ProjectMemberStore: Sendable {
    public init() {}

    static let columns: SQL = "pm.user_id, u.name, u.email, u.role, u.active, pm.added_at"

    static func decode(_ row: PostgresRow) throws -> ProjectMemberRecord {
        ProjectMemberRecord(
            userID: try row.decode("user_id"), name: try row.decode("name"), email: try row.decode("email"), role: try row.decode("role"),
            isActive: try row.decode("active"), addedAt: try row.decode("added_at"))
    }

    static let known: [String: DomainError] = [
        "project_members_pkey": .conflict("This user is already a member of the project."),
        "project_members_user_id_fkey": .invalid(field: "user_id", message: "is not the id of an existing user"),
        "project_members_project_id_fkey": .notFound(entity: "project"),
    ]

    /// The members of a project, by name.
    public func members(of projectID: ProjectID, on db: some PostgresQueryable) async throws -> [ProjectMemberRecord] {
        try await db.query(
            """
            SELECT \(Self.columns) FROM project_members pm JOIN users u ON u.id = pm.user_id
            WHERE pm.project_id = \(projectID) ORDER BY lower(u.name), pm.user_id
            """, Self.decode)
    }

    public func member(_ userID: UserID, of projectID: ProjectID, on db: some PostgresQueryable) async throws -> ProjectMemberRecord? {
        try await db.queryOptional(
            """
            SELECT \(Self.columns) FROM project_members pm JOIN users u ON u.id = pm.user_id
            WHERE pm.project_id = \(projectID) AND pm.user_id = \(userID)
            """
        ).map(Self.decode)
    }

    public func add(_ userID: UserID, to projectID: ProjectID, at now: Date, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute("INSERT INTO project_members (project_id, user_id, added_at) VALUES (\(projectID), \(userID), \(now))")
        }
    }

    /// Removes a member; false when the user was not a member.
    public func remove(_ userID: UserID, from projectID: ProjectID, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute("DELETE FROM project_members WHERE project_id = \(projectID) AND user_id = \(userID)") == 1
    }
}
