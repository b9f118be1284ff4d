public import Domain
import Foundation
public import Postgres

/// SQL for `projects`. A duplicate code (case-insensitive) becomes a 409, an unknown
/// client or team a 422.
public struct ProjectStore: Sendable {
    public init() {}

    static let columns: SQL = """
        p.id, p.client_id, p.team_id, p.name, p.code, p.status, p.billing_model, p.currency, p.budget_minutes, p.budget_amount_minor,
        p.estimated_minutes, p.contract_amount_minor, p.planned_expenses_minor, p.requires_client_validation, p.summary_frequency, p.version,
        p.created_at,
        COALESCE((SELECT array_agg(pm.user_id) FROM project_members pm WHERE pm.project_id = p.id), '{}') AS member_ids
        """

    static func decode(_ row: PostgresRow) throws -> Project {
        let currency: Currency = try row.decode("currency")
        func money(_ column: String) throws -> Money? {
            try row.decode(column, as: Int64?.self).map { Money(amountMinor: $0, currency: currency) }
        }
        return Project(
            id: try row.decode("id"), clientID: try row.decode("client_id"), teamID: try row.decode("team_id"), name: try row.decode("name"),
            code: try row.decode("code"), status: try row.decode("status"), billingModel: try row.decode("billing_model"),
            currency: currency, budgetMinutes: try row.decode("budget_minutes"), budgetAmount: try money("budget_amount_minor"),
            estimatedMinutes: try row.decode("estimated_minutes"), contractAmount: try money("contract_amount_minor"),
            plannedExpenses: try money("planned_expenses_minor"), requiresClientValidation: try row.decode("requires_client_validation"),
            summaryFrequency: try row.decode("summary_frequency", as: String?.self).flatMap(SummaryFrequency.init(rawValue:)),
            memberIDs: Set(try row.decode("member_ids", as: [UserID].self)), version: try row.decode("version"),
            createdAt: try row.decode("created_at"))
    }

    static let known: [String: DomainError] = [
        "projects_code_key": .conflict("A project with this code already exists."),
        "projects_client_id_fkey": .invalid(field: "client_id", message: "is not a known client"),
        "projects_team_id_fkey": .invalid(field: "team_id", message: "is not a known team"),
    ]

    public func insert(_ project: Project, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, status, billing_model, currency, budget_minutes,
                                      budget_amount_minor, estimated_minutes, contract_amount_minor, planned_expenses_minor,
                                      requires_client_validation, summary_frequency, version, created_at)
                VALUES (\(project.id), \(project.clientID), \(project.teamID), \(project.name), \(project.code), \(project.status),
                        \(project.billingModel), \(project.currency), \(project.budgetMinutes), \(project.budgetAmount?.amountMinor),
                        \(project.estimatedMinutes), \(project.contractAmount?.amountMinor), \(project.plannedExpenses?.amountMinor),
                        \(project.requiresClientValidation), \(project.summaryFrequency?.rawValue),
                        \(project.version), \(project.createdAt))
                """)
        }
    }

    public func find(_ id: ProjectID, on db: some PostgresQueryable) async throws -> Project? {
        try await db.queryOptional("SELECT \(Self.columns) FROM projects p WHERE p.id = \(id)").map(Self.decode)
    }

    /// Locks the project row for the rest of the transaction.
    public func findForUpdate(_ id: ProjectID, on db: PostgresTransaction) async throws -> Project? {
        try await db.queryOptional("SELECT \(Self.columns) FROM projects p WHERE p.id = \(id) FOR UPDATE OF p").map(Self.decode)
    }

    /// Up to `limit + 1` visible projects by name, so the caller can tell whether more follow.
    public func list(_ query: ProjectQuery, on db: some PostgresQueryable) async throws -> [Project] {
        var conditions: [SQL] = [Self.condition(query.visibility)]
        if let client = query.clientID { conditions.append("p.client_id = \(client)") }
        if let team = query.teamID { conditions.append("p.team_id = \(team)") }
        if let status = query.status { conditions.append("p.status = \(status)") }
        if let model = query.billingModel { conditions.append("p.billing_model = \(model)") }
        if let after = query.after { conditions.append("(lower(p.name), p.id) > (\(after.name), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM projects p WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY lower(p.name), p.id LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// The SQL form of ``CatalogVisibility/includes(_:)``.
    static func condition(_ visibility: CatalogVisibility) -> SQL {
        switch visibility {
        case .everything:
            return "true"
        case .staff(let user, let teams):
            return """
                (p.team_id = ANY(\(Array(teams))) OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = \(user)))
                """
        case .client(let client):
            return "p.client_id = \(client)"
        case .nothing:
            return "false"
        }
    }

    /// Writes every mutable field in one statement if the version still matches;
    /// false when someone changed the project first.
    public func update(_ project: Project, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                UPDATE projects SET team_id = \(project.teamID), name = \(project.name), code = \(project.code), status = \(project.status),
                       billing_model = \(project.billingModel), budget_minutes = \(project.budgetMinutes),
                       budget_amount_minor = \(project.budgetAmount?.amountMinor), estimated_minutes = \(project.estimatedMinutes),
                       contract_amount_minor = \(project.contractAmount?.amountMinor),
                       planned_expenses_minor = \(project.plannedExpenses?.amountMinor),
                       requires_client_validation = \(project.requiresClientValidation),
                       summary_frequency = \(project.summaryFrequency?.rawValue), version = version + 1
                WHERE id = \(project.id) AND version = \(expectedVersion)
                """) == 1
        }
    }
}
