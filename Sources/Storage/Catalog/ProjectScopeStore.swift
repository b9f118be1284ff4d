public import Domain
import Foundation
public import Postgres

/// Loads the facts `Policy` needs about projects, so every service asks the same way.
public struct ProjectScopeStore: Sendable {
    public init() {}

    static let select: SQL = """
        SELECT p.id, p.client_id, p.team_id,
               COALESCE((SELECT array_agg(pm.user_id) FROM project_members pm WHERE pm.project_id = p.id), '{}') AS member_ids
        FROM projects p
        """

    static func decode(_ row: PostgresRow) throws -> ProjectScope {
        ProjectScope(
            id: try row.decode("id"), clientID: try row.decode("client_id"), teamID: try row.decode("team_id"),
            memberIDs: Set(try row.decode("member_ids", as: [UserID].self)))
    }

    /// The scope of one project, or nil when it does not exist.
    public func scope(_ id: ProjectID, on db: some PostgresQueryable) async throws -> ProjectScope? {
        try await db.queryOptional("\(Self.select) WHERE p.id = \(id)").map(Self.decode)
    }

    /// Scopes of several projects, keyed by id (missing ones are absent).
    public func scopes(_ ids: [ProjectID], on db: some PostgresQueryable) async throws -> [ProjectID: ProjectScope] {
        guard !ids.isEmpty else { return [:] }
        let scopes = try await db.query("\(Self.select) WHERE p.id = ANY(\(ids))", Self.decode)
        return Dictionary(uniqueKeysWithValues: scopes.map { ($0.id, $0) })
    }
}
