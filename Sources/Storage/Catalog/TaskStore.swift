public import Domain
import Foundation
public import Postgres

/// SQL for `tasks`. A second task of the same name (case-insensitive) in one project is a 409.
public struct TaskStore: Sendable {
    public init() {}

    static let columns: SQL = "t.id, t.project_id, t.name, t.billable, t.estimated_minutes, t.archived, t.version, t.created_at, t.vat_rate_bp"

    static func decode(_ row: PostgresRow) throws -> ProjectTask {
        ProjectTask(
            id: try row.decode("id"), projectID: try row.decode("project_id"), name: try row.decode("name"),
            isBillable: try row.decode("billable"), estimatedMinutes: try row.decode("estimated_minutes"),
            isArchived: try row.decode("archived"), version: try row.decode("version"), createdAt: try row.decode("created_at"),
            vatRateBP: try row.decode("vat_rate_bp"))
    }

    static let known: [String: DomainError] = [
        "tasks_name_key": .conflict("This project already has a task with this name."),
        "tasks_project_id_fkey": .notFound(entity: "project"),
    ]

    public func insert(_ task: ProjectTask, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO tasks (id, project_id, name, billable, estimated_minutes, archived, version, created_at, vat_rate_bp)
                VALUES (\(task.id), \(task.projectID), \(task.name), \(task.isBillable), \(task.estimatedMinutes), \(task.isArchived),
                        \(task.version), \(task.createdAt), \(task.vatRateBP))
                """)
        }
    }

    /// The tasks of a project, by name.
    public func list(projectID: ProjectID, on db: some PostgresQueryable) async throws -> [ProjectTask] {
        try await db.query("SELECT \(Self.columns) FROM tasks t WHERE t.project_id = \(projectID) ORDER BY lower(t.name), t.id", Self.decode)
    }

    /// One task of a project; nil when it does not exist or belongs to another project.
    public func find(_ id: TaskID, projectID: ProjectID, on db: some PostgresQueryable) async throws -> ProjectTask? {
        try await db.queryOptional("SELECT \(Self.columns) FROM tasks t WHERE t.id = \(id) AND t.project_id = \(projectID)").map(Self.decode)
    }

    /// Locks the task row for an update in the current transaction.
    public func findForUpdate(_ id: TaskID, projectID: ProjectID, on db: PostgresTransaction) async throws -> ProjectTask? {
        try await db.queryOptional("SELECT \(Self.columns) FROM tasks t WHERE t.id = \(id) AND t.project_id = \(projectID) FOR UPDATE")
            .map(Self.decode)
    }

    /// Writes every mutable field if the version still matches; false when someone changed it first.
    public func update(_ task: ProjectTask, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                UPDATE tasks SET name = \(task.name), billable = \(task.isBillable), estimated_minutes = \(task.estimatedMinutes),
                       archived = \(task.isArchived), vat_rate_bp = \(task.vatRateBP), version = version + 1
                WHERE id = \(task.id) AND version = \(expectedVersion)
                """) == 1
        }
    }
}
