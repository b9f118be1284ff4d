public import Domain
import Foundation
public import Postgres

/// SQL for `project_rates` (a project's rate and its members' rates) and `task_rates`,
/// read together as ``ProjectRate``s in the project's currency. A second rate of the
/// same target from the same day is a 409.
public struct ProjectRateStore: Sendable {
    public init() {}

    /// Both tables as one: `user_id` is set for a member rate, `task_id` for a task rate.
    static let select: SQL = """
        SELECT r.id, r.project_id, r.user_id, NULL::uuid AS task_id, r.effective_from, r.rate_scaled, p.currency
        FROM project_rates r JOIN projects p ON p.id = r.project_id
        UNION ALL
        SELECT tr.id, t.project_id, NULL::uuid, tr.task_id, tr.effective_from, tr.rate_scaled, p.currency
        FROM task_rates tr JOIN tasks t ON t.id = tr.task_id JOIN projects p ON p.id = t.project_id
        """

    static func decode(_ row: PostgresRow) throws -> ProjectRate {
        let user: UserID? = try row.decode("user_id")
        let task: TaskID? = try row.decode("task_id")
        let target: ProjectRate.Target = if let task { .task(task) } else if let user { .member(user) } else { .project }
        return ProjectRate(
            id: try row.decode("id"), projectID: try row.decode("project_id"), target: target,
            effectiveFrom: try row.decode("effective_from"),
            rate: try HourlyRate.stored(try row.decode("rate_scaled"), currency: try row.decode("currency")))
    }

    public func insert(_ rate: ProjectRate, on db: some PostgresQueryable) async throws {
        let duplicate = DomainError.conflict("There is already a rate for this \(Self.noun(rate.target)) effective from \(rate.effectiveFrom).")
        let known: [String: DomainError] = [
            "project_rates_one_per_day": duplicate, "task_rates_one_per_day": duplicate,
            "project_rates_user_id_fkey": .invalid(field: "user_id", message: "is not the id of an existing user"),
            "task_rates_task_id_fkey": .invalid(field: "task_id", message: "is not a task of this project"),
        ]
        try await ConstraintErrors.mapping(known) {
            switch rate.target {
            case .project, .member:
                let user: UserID? = if case .member(let user) = rate.target { user } else { nil }
                try await db.execute(
                    """
                    INSERT INTO project_rates (id, project_id, user_id, effective_from, rate_scaled)
                    VALUES (\(rate.id), \(rate.projectID), \(user), \(rate.effectiveFrom), \(rate.rate.scaled))
                    """)
            case .task(let task):
                try await db.execute(
                    """
                    INSERT INTO task_rates (id, task_id, effective_from, rate_scaled)
                    VALUES (\(rate.id), \(task), \(rate.effectiveFrom), \(rate.rate.scaled))
                    """)
            }
        }
    }

    /// Every rate of a project and of its tasks: the project's first, then members', then
    /// tasks', each oldest first. (Load these into a ``RateResolver`` to price work.)
    public func list(projectID: ProjectID, on db: some PostgresQueryable) async throws -> [ProjectRate] {
        try await db.query(
            """
            SELECT * FROM (\(Self.select)) rates WHERE project_id = \(projectID)
            ORDER BY (task_id IS NOT NULL), (user_id IS NOT NULL), user_id, task_id, effective_from, id
            """, Self.decode)
    }

    /// One rate of a project; nil when it does not exist or belongs to another project.
    public func find(_ id: ID<ProjectRate>, projectID: ProjectID, on db: some PostgresQueryable) async throws -> ProjectRate? {
        try await db.queryOptional("SELECT * FROM (\(Self.select)) rates WHERE id = \(id) AND project_id = \(projectID)").map(Self.decode)
    }

    static func noun(_ target: ProjectRate.Target) -> String {
        switch target {
        case .project: "project"
        case .member: "member"
        case .task: "task"
        }
    }
}
