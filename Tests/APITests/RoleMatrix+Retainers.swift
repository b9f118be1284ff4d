import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

extension MatrixFixture {
    /// A fresh time-and-materials project of the world's client, run by the world's team,
    /// with the member assigned; with a retainer (20 h, 2 000.00 EUR) when asked.
    func newRetainerProject(withRetainer: Bool) async throws -> ProjectID {
        let project = ProjectID.random()
        let code = "RET-\(unique())"
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(world.clientID), \(world.teamID), \("Retainer \(code)"), \(code), 'time_and_materials', 'EUR')
            """)
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(world.member.id))")
        if withRetainer {
            try await pool.execute(
                """
                INSERT INTO retainers (project_id, monthly_fee_minor, currency, included_minutes, overage_rate_scaled, period_start_day,
                                       start_date, unused_rule, alert_threshold_percent)
                VALUES (\(project), 200000, 'EUR', 1200, 950000, 1, '2026-01-01', 'forfeit', 80)
                """)
            try await pool.execute(
                "INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled) VALUES (\(project), '2026-01-01', 950000)")
        }
        return project
    }
}

/// Who may set, read and report on retainers (SPEC §3 rows "manage projects" and "see
/// budget progress"): those who manage the project set it; whoever sees the budget reads
/// it (the assigned member hours only, the client's contact with the money billed); the
/// report is the admin's and the team leads'.
extension RoleMatrixTests {
    static let retainers: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/retainer", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newRetainerProject(withRetainer: true))/retainer")
        },
        // A create on a fresh project each time (no If-Match); a contact may see the project, so 403.
        MatrixCase(
            method: .put, route: "/api/v1/projects/{id}/retainer",
            expected: [.admin: .created, .manager: .created, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newRetainerProject(withRetainer: false))/retainer",
                json: """
                    {"monthly_fee":{"amount_minor":200000},"included_minutes":1200,"overage_rate":"95.00","period_start_day":1,\
                    "start_date":"2026-01-01","unused_rule":"forfeit","alert_threshold_percent":80}
                    """)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/retainer/periods", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newRetainerProject(withRetainer: true))/retainer/periods?through=2026-03-31")
        },
        MatrixCase(
            method: .get, route: "/api/v1/reports/retainers",
            expected: [.admin: .ok, .manager: .ok, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]),
    ]
}
