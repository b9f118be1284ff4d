import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

extension MatrixFixture {
    /// The key the matrix's application signs validation links with, so that links
    /// made here (through the service) open there.
    static let linkSecret: [UInt8] = Array(repeating: 0x5e, count: 32)

    /// A fresh project of the world's client and team that requires client validation,
    /// with the member assigned and one approved entry to validate.
    func newValidationProject() async throws -> ProjectID {
        let projectID = ProjectID.random()
        let taskID = TaskID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, requires_client_validation)
            VALUES (\(projectID), \(world.clientID), \(world.teamID), 'Validated', \("VAL-\(unique())"), 'time_and_materials', 'EUR', true)
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(taskID), \(projectID), 'Design', true)")
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(projectID), \(world.member.id))")
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                      billable_rate_scaled, cost_rate_scaled, rate_currency)
            VALUES (\(UUID()), \(world.member.id), \(projectID), \(taskID), '2026-05-18', 480, true, 'approved', 900000, 500000, 'EUR')
            """)
        return projectID
    }

    /// A pending validation request of a fresh project, and its link's token.
    func newValidation() async throws -> IssuedValidation {
        let service = ClientValidationService(pool: pool, clock: SystemClock(), linkSecret: Self.linkSecret)
        return try await service.request(
            project: try await newValidationProject(), from: LocalDate(iso: "2026-05-18")!, to: LocalDate(iso: "2026-05-24")!,
            expiresInHours: 24, caller: Caller(user: world.admin, sessionID: nil, origin: .commandLine))
    }
}

extension RoleMatrixTests {
    /// Who may ask for, read and decide client validations (SPEC §3 row 4): the admin
    /// or the project's team lead asks; staff who see the project and its client's
    /// contacts read; the contact decides, the admin only on their behalf; the signed
    /// link needs no account at all.
    static let validation: [MatrixCase] = [
        MatrixCase(
            method: .post, route: "/api/v1/projects/{id}/validations",
            expected: [.admin: .created, .manager: .created, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newValidationProject())/validations",
                json: #"{"from":"2026-05-18","to":"2026-05-24"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/validations", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newValidation().record.projectID)/validations")
        },
        // A timesheet's content shows what its hours are billed: members, who see no money, do not read it.
        MatrixCase(
            method: .get, route: "/api/v1/validations/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .notFound, .client: .ok, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/validations/\(try await fixture.newValidation().record.id)")
        },
        MatrixCase(
            method: .post, route: "/api/v1/validations/{id}/decision",
            expected: [.admin: .ok, .manager: .forbidden, .member: .forbidden, .client: .ok, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/validations/\(try await fixture.newValidation().record.id)/decision",
                json: #"{"decision":"accept","comment":"Confirmed by phone"}"#)
        },
        // Those who may ask the client may send a new link; the contact and members may not.
        MatrixCase(
            method: .post, route: "/api/v1/validations/{id}/link",
            expected: [.admin: .ok, .manager: .ok, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/validations/\(try await fixture.newValidation().record.id)/link", json: #"{"expires_in_hours":48}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/validation-links/{token}", expected: MatrixCase.everyone(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/validation-links/\(try await fixture.newValidation().token)")
        },
        MatrixCase(method: .post, route: "/api/v1/validation-links/{token}", expected: MatrixCase.everyone(.ok)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/validation-links/\(try await fixture.newValidation().token)",
                json: #"{"decision":"accept","name":"Cleo Client"}"#)
        },
    ]
}
