import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The catalog tests' world: one user of each role (the manager leads `teamID`, the
/// member is in it, the client contact belongs to `clientID`; `otherClientID` is
/// another client), each with a live token, served by the real application.
struct CatalogWorld: Sendable {
    let roles: RoleWorld
    let pool: PostgresPool
    let adminToken: String
    let managerToken: String
    let memberToken: String
    let clientToken: String

    var teamID: TeamID { roles.teamID }
    var clientID: ClientID { roles.clientID }
    var otherClientID: ClientID { roles.otherClientID }

    static func make(pool: PostgresPool) async throws -> CatalogWorld {
        let roles = try await RoleWorld.make(pool: pool)
        func token(_ who: RoleWorld.Who) async throws -> String { try #require(try await roles.token(who)) }
        return CatalogWorld(
            roles: roles, pool: pool, adminToken: try await token(.admin), managerToken: try await token(.manager),
            memberToken: try await token(.member), clientToken: try await token(.client))
    }

    /// How many rows `table` holds (a constant table name chosen by the test).
    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await pool.queryOne("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").decode("n")
    }

    /// A new team (not led by the world's manager).
    func newTeam() async throws -> TeamID {
        let id = TeamID.random()
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(id), \("Team \(UUID().uuidString.prefix(6))"))")
        return id
    }

    /// A project inserted with SQL, for tests that are not about creating one.
    func insertProject(
        client: ClientID? = nil, team: TeamID? = nil, name: String = "Project", code: String? = nil,
        model: String = "time_and_materials", status: String = "active", members: [UserID] = []
    ) async throws -> ProjectID {
        let id = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, status, currency, budget_minutes, budget_amount_minor)
            VALUES (\(id), \(client ?? clientID), \(team ?? teamID), \(name), \(code ?? "P-\(UUID().uuidString.prefix(8))"), \(model),
                    \(status), 'EUR', 6000, 500000)
            """)
        for member in members {
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(id), \(member))")
        }
        return id
    }

    /// A task inserted with SQL.
    func insertTask(project: ProjectID, name: String = "Design") async throws -> TaskID {
        let id = TaskID.random()
        try await pool.execute("INSERT INTO tasks (id, project_id, name) VALUES (\(id), \(project), \(name))")
        return id
    }
}

/// Runs `body` against the real router on a fresh database holding a ``CatalogWorld``.
func withCatalogApp(_ body: @Sendable (CatalogWorld, any TestClientProtocol) async throws -> Void) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool()
        let world = try await CatalogWorld.make(pool: pool)
        let app = try TestApp.application(pool: pool, clock: world.roles.clock)
        try await app.test(.router) { client in try await body(world, client) }
    }
}
