public import Domain
import Foundation
public import Postgres

/// What an import from another tool (issue 16 item 1, Trello) writes to tasks beyond
/// their catalog fields: the card's contents, its people, and its id there.
public struct ImportedTaskDetails: Sendable {
    public let externalSource: String
    public let externalID: String
    public let description: String?
    public let dueOn: LocalDate?
    public let tags: [String]
    public let status: String?

    public init(externalSource: String, externalID: String, description: String?, dueOn: LocalDate?, tags: [String], status: String?) {
        self.externalSource = externalSource
        self.externalID = externalID
        self.description = description
        self.dueOn = dueOn
        self.tags = tags
        self.status = status
    }
}

extension TaskStore {
    /// The tasks of a project that came from `source`, by their id there.
    public func external(projectID: ProjectID, source: String, on db: some PostgresQueryable) async throws -> [String: ProjectTask] {
        let rows = try await db.query(
            """
            SELECT \(Self.columns), t.external_id FROM tasks t
            WHERE t.project_id = \(projectID) AND t.external_source = \(source) AND t.external_id IS NOT NULL
            """)
        var found: [String: ProjectTask] = [:]
        for row in rows { found[try row.decode("external_id", as: String.self)] = try Self.decode(row) }
        return found
    }

    /// Inserts an imported task with its details and people.
    public func insert(_ task: ProjectTask, details: ImportedTaskDetails, assignees: [UserID], on db: some PostgresQueryable) async throws {
        try await insert(task, on: db)
        try await link(task.id, details: details, assignees: assignees, on: db)
    }

    /// Gives an existing task (one of the same name made by hand) the imported details
    /// and id, so the next import finds it by that id.
    public func link(_ id: TaskID, details: ImportedTaskDetails, assignees: [UserID], on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            UPDATE tasks SET external_source = \(details.externalSource), external_id = \(details.externalID),
                   description = COALESCE(\(details.description), description), due_on = COALESCE(\(details.dueOn), due_on),
                   tags = CASE WHEN cardinality(\(details.tags)::text[]) > 0 THEN \(details.tags)::text[] ELSE tags END,
                   status = COALESCE(\(details.status), status)
            WHERE id = \(id)
            """)
        for user in assignees {
            try await db.execute("INSERT INTO task_assignees (task_id, user_id) VALUES (\(id), \(user)) ON CONFLICT DO NOTHING")
        }
    }
}

extension ProjectStore {
    /// The project an earlier import made from `source`'s object `id` (a Trello board).
    public func external(source: String, id: String, on db: some PostgresQueryable) async throws -> Project? {
        let found: ProjectID? = try await db.queryOptional(
            "SELECT id FROM projects WHERE external_source = \(source) AND external_id = \(id)")?.decode("id")
        guard let found else { return nil }
        return try await find(found, on: db)
    }

    /// Records where a project came from.
    public func setExternal(_ projectID: ProjectID, source: String, id: String, on db: some PostgresQueryable) async throws {
        try await db.execute("UPDATE projects SET external_source = \(source), external_id = \(id) WHERE id = \(projectID)")
    }
}
