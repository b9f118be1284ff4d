public import Foundation
public import Postgres

/// Names the groups of a report: projects, clients and people by id.
public struct ReportLabelStore: Sendable {
    public init() {}

    /// `name (code)` of each project, the name of each client or user, by id text.
    public func labels(projects: [UUID], clients: [UUID], users: [UUID], on db: some PostgresQueryable) async throws -> [String: String] {
        guard !projects.isEmpty || !clients.isEmpty || !users.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT id::text AS id, name || ' (' || code || ')' AS label FROM projects WHERE id = ANY(\(projects)::uuid[])
            UNION ALL SELECT id::text, name FROM clients WHERE id = ANY(\(clients)::uuid[])
            UNION ALL SELECT id::text, name FROM users WHERE id = ANY(\(users)::uuid[])
            """
        ) { row in (try row.decode("id", as: String.self), try row.decode("label", as: String.self)) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
