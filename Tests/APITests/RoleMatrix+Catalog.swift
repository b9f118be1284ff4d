import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

extension MatrixFixture {
    /// A fresh project of `client` (the world's by default) run by the world's team,
    /// with the member assigned.
    func newProject(client: ClientID? = nil) async throws -> ProjectID {
        let id = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(id), \(client ?? world.clientID), \(world.teamID), 'Catalog', \("CAT-\(unique())"), 'time_and_materials', 'EUR')
            """)
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(id), \(world.member.id))")
        return id
    }

    /// A fresh client with one project run by the world's team, so its lead may manage it.
    func newClientWithProject() async throws -> ClientID {
        let id = ClientID.random()
        try await pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(id), \("Client \(unique())"), 'EUR')")
        _ = try await newProject(client: id)
        return id
    }

    func newTask(in project: ProjectID) async throws -> TaskID {
        let id = TaskID.random()
        try await pool.execute("INSERT INTO tasks (id, project_id, name) VALUES (\(id), \(project), \("Task \(unique())"))")
        return id
    }

    func newContact(of client: ClientID) async throws -> UUID {
        let id = UUID()
        try await pool.execute(
            "INSERT INTO client_contacts (id, client_id, name, email) VALUES (\(id), \(client), 'Contact', \("c-\(unique())@client.test"))")
        return id
    }
}

/// Whoever may see the subject reads it; everyone else is told it does not exist.
private let readersClientHidden: [Who: HTTPResponse.Status] = [
    .admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .unauthorized,
]

/// The admin and the lead of the project's team (or a team working for the client) may;
/// the member is refused; the client contact of the subject is refused (403) or, for
/// another client's subject, told it does not exist (`client`).
private func managers(_ status: HTTPResponse.Status, client: HTTPResponse.Status = .forbidden) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: .forbidden, .client: client, .anonymous: .unauthorized]
}

/// Rates are the admin's only (SPEC §3 row 5).
private func ratesAdminOnly(_ status: HTTPResponse.Status, client: HTTPResponse.Status = .forbidden) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: .forbidden, .member: .forbidden, .client: client, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    /// Role-matrix entries for the catalog routes: clients, contacts, projects, members,
    /// tasks and rates. Every attempt gets fresh objects; "other" cases use a subject of
    /// another client, which the client contact must not learn exists.
    static let catalog: [MatrixCase] = clientCases + projectCases + projectPartCases
}

extension RoleMatrixTests {
    fileprivate static let clientCases: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/clients", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .post, route: "/api/v1/clients", expected: managers(.created)) { fixture, _ in
            MatrixRequest(json: #"{"name":"Client \#(fixture.unique())"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/clients/\(fixture.world.clientID)")
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}", expected: readersClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/clients/\(fixture.world.otherClientID)")
        },
        MatrixCase(method: .patch, route: "/api/v1/clients/{id}", expected: managers(.ok, client: .notFound)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/clients/\(try await fixture.newClientWithProject())", json: #"{"vat_id":"FR1"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .patch, route: "/api/v1/clients/{id}", expected: managers(.ok)) { fixture, _ in
            _ = try await fixture.newProject()
            let version = try await fixture.version(of: "clients", id: fixture.world.clientID.uuid)
            return MatrixRequest(
                uri: "/api/v1/clients/\(fixture.world.clientID)", json: #"{"vat_id":"FR\#(fixture.unique())"}"#,
                headers: [.ifMatch: "\"\(version)\""])
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}/contacts", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/clients/\(fixture.world.clientID)/contacts")
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}/contacts", expected: readersClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/clients/\(fixture.world.otherClientID)/contacts")
        },
        MatrixCase(method: .post, route: "/api/v1/clients/{id}/contacts", expected: managers(.created, client: .notFound)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/clients/\(try await fixture.newClientWithProject())/contacts",
                json: #"{"name":"Contact","email":"c-\#(fixture.unique())@client.test"}"#)
        },
        // Giving a contact a login creates a user: the admin's alone.
        MatrixCase(method: .post, route: "/api/v1/clients/{id}/contacts", expected: MatrixCase.adminOnly(.created)) { fixture, _ in
            _ = try await fixture.newProject()
            return MatrixRequest(
                uri: "/api/v1/clients/\(fixture.world.clientID)/contacts",
                json: #"{"name":"C","email":"c-\#(fixture.unique())@client.test","create_account":true,"password":"a long enough passphrase"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}/contacts/{contact_id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            let contact = try await fixture.newContact(of: fixture.world.clientID)
            return MatrixRequest(uri: "/api/v1/clients/\(fixture.world.clientID)/contacts/\(contact)")
        },
        MatrixCase(method: .get, route: "/api/v1/clients/{id}/contacts/{contact_id}", expected: readersClientHidden) { fixture, _ in
            let contact = try await fixture.newContact(of: fixture.world.otherClientID)
            return MatrixRequest(uri: "/api/v1/clients/\(fixture.world.otherClientID)/contacts/\(contact)")
        },
    ]

    fileprivate static let projectCases: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/projects", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .post, route: "/api/v1/projects", expected: managers(.created)) { fixture, _ in
            MatrixRequest(
                json: """
                    {"client_id":"\(fixture.world.clientID)","team_id":"\(fixture.world.teamID)","name":"New",\
                    "code":"N-\(fixture.unique())","billing_model":"retainer"}
                    """)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject())")
        },
        // A client contact reading another client's project: not found.
        MatrixCase(method: .get, route: "/api/v1/projects/{id}", expected: readersClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject(client: fixture.world.otherClientID))")
        },
        MatrixCase(method: .patch, route: "/api/v1/projects/{id}", expected: managers(.ok)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newProject())", json: #"{"status":"on_hold"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .patch, route: "/api/v1/projects/{id}", expected: managers(.ok, client: .notFound)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newProject(client: fixture.world.otherClientID))", json: #"{"status":"closed"}"#,
                headers: [.ifMatch: "\"1\""])
        },
    ]

    fileprivate static let projectPartCases: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/members", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject())/members")
        },
        MatrixCase(method: .post, route: "/api/v1/projects/{id}/members", expected: managers(.created, client: .notFound)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newProject(client: fixture.world.otherClientID))/members",
                json: #"{"user_id":"\#(fixture.world.manager.id)"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/members/{user_id}", expected: readersClientHidden) { fixture, _ in
            let project = try await fixture.newProject(client: fixture.world.otherClientID)
            return MatrixRequest(uri: "/api/v1/projects/\(project)/members/\(fixture.world.member.id)")
        },
        MatrixCase(method: .delete, route: "/api/v1/projects/{id}/members/{user_id}", expected: managers(.noContent)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject())/members/\(fixture.world.member.id)")
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/tasks", expected: readersClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject(client: fixture.world.otherClientID))/tasks")
        },
        MatrixCase(method: .post, route: "/api/v1/projects/{id}/tasks", expected: managers(.created)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject())/tasks", json: #"{"name":"Design","estimated_hours":"4"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/tasks/{task_id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            let project = try await fixture.newProject()
            return MatrixRequest(uri: "/api/v1/projects/\(project)/tasks/\(try await fixture.newTask(in: project))")
        },
        MatrixCase(method: .patch, route: "/api/v1/projects/{id}/tasks/{task_id}", expected: managers(.ok, client: .notFound)) { fixture, _ in
            let project = try await fixture.newProject(client: fixture.world.otherClientID)
            return MatrixRequest(
                uri: "/api/v1/projects/\(project)/tasks/\(try await fixture.newTask(in: project))", json: #"{"billable":false}"#,
                headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/rates", expected: ratesAdminOnly(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newProject())/rates")
        },
        MatrixCase(method: .post, route: "/api/v1/projects/{id}/rates", expected: ratesAdminOnly(.created, client: .notFound)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newProject(client: fixture.world.otherClientID))/rates",
                json: #"{"user_id":"\#(fixture.world.member.id)","effective_from":"2026-01-01","rate":"95.25"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/rates/{rate_id}", expected: ratesAdminOnly(.ok)) { fixture, _ in
            let project = try await fixture.newProject()
            let rate = UUID()
            try await fixture.pool.execute(
                "INSERT INTO project_rates (id, project_id, effective_from, rate_scaled) VALUES (\(rate), \(project), '2026-01-01', 900000)")
            return MatrixRequest(uri: "/api/v1/projects/\(project)/rates/\(rate)")
        },
    ]
}
