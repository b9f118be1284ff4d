public import Domain
import Foundation
public import Postgres

/// A client with one project (requiring client validation) run by the RoleWorld's
/// team, a billable and a non-billable task, the member assigned, and rates at every
/// level — inserted with SQL so tests of time, approval and validation do not depend
/// on the catalog API.
public struct WorkWorld: Sendable {
    public let roles: RoleWorld
    public let projectID: ProjectID
    public let billableTaskID: TaskID
    public let internalTaskID: TaskID
    /// A project of the other client, which the world's client contact must never see.
    public let otherProjectID: ProjectID
    public let otherTaskID: TaskID

    public static func make(pool: PostgresPool) async throws -> WorkWorld {
        try await make(roles: try await RoleWorld.make(pool: pool), pool: pool)
    }

    public static func make(roles: RoleWorld, pool: PostgresPool) async throws -> WorkWorld {
        let projectID = ProjectID.random()
        let otherProjectID = ProjectID.random()
        let billable = TaskID.random()
        let internalTask = TaskID.random()
        let otherTask = TaskID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, requires_client_validation, budget_minutes)
            VALUES (\(projectID), \(roles.clientID), \(roles.teamID), 'Website relaunch', \("WEB-\(UUID().uuidString.prefix(4))"),
                    'time_and_materials', 'EUR', true, 60000)
            """)
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(otherProjectID), \(roles.otherClientID), \(roles.teamID), 'Other client app', \("OTH-\(UUID().uuidString.prefix(4))"),
                    'time_and_materials', 'EUR')
            """)
        try await pool.execute(
            """
            INSERT INTO tasks (id, project_id, name, billable) VALUES
                (\(billable), \(projectID), 'Design', true),
                (\(internalTask), \(projectID), 'Internal meeting', false),
                (\(otherTask), \(otherProjectID), 'Build', true)
            """)
        for user in [roles.member.id, roles.manager.id, roles.admin.id] {
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(projectID), \(user))")
        }
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(otherProjectID), \(roles.member.id))")
        // Rates: collaborator default 80, project 90, member 95 from 2026-01-01; cost 50.
        try await pool.execute(
            """
            INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency) VALUES
                (\(UUID()), \(roles.member.id), 'billable', '2025-01-01', 800000, 'EUR'),
                (\(UUID()), \(roles.member.id), 'cost', '2025-01-01', 500000, 'EUR')
            """)
        try await pool.execute(
            """
            INSERT INTO project_rates (id, project_id, user_id, effective_from, rate_scaled) VALUES
                (\(UUID()), \(projectID), NULL, '2025-01-01', 900000),
                (\(UUID()), \(projectID), \(roles.member.id), '2026-01-01', 950000)
            """)
        return WorkWorld(
            roles: roles, projectID: projectID, billableTaskID: billable, internalTaskID: internalTask, otherProjectID: otherProjectID,
            otherTaskID: otherTask)
    }
}
