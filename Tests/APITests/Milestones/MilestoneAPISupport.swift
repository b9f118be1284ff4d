import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import Storage
import TestSupport
import Testing

extension ValidationAPIWorld {
    /// A fixed-price project of the world's client and team with a contract of
    /// 10 000.00 EUR, the member assigned.
    func newFixedPriceProject(contractMinor: Int64? = 1_000_000, client: ClientID? = nil, team: TeamID? = nil) async throws -> ProjectID {
        let id = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor)
            VALUES (\(id), \(client ?? work.roles.clientID), \(team ?? work.roles.teamID), 'Shop build', \("FP-\(id.description.prefix(6))"),
                    'fixed_price', 'EUR', \(contractMinor))
            """)
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(id), \(work.roles.member.id))")
        return id
    }

    /// A manager who leads another team only (same password as the world's users),
    /// and a session token for them.
    func outsiderManagerToken() async throws -> String {
        let team = TeamID.random()
        let id = UserID.random()
        let email = "outsider.\(id.description.prefix(6))@agency.test"
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(team), \("Elsewhere \(id.description.prefix(6))"))")
        try await pool.execute(
            """
            INSERT INTO users (id, email, name, role, password_hash)
            SELECT \(id), \(email), 'Otto Outsider', 'manager', password_hash FROM users WHERE id = \(work.roles.manager.id)
            """)
        try await pool.execute("INSERT INTO team_members (team_id, user_id, is_lead) VALUES (\(team), \(id), true)")
        let auth = AuthService(
            pool: pool, clock: clock, hasher: TestApp.hasher,
            lifetime: SessionLifetime(idleTimeout: .seconds(7200), absoluteLifetime: .seconds(86_400)))
        return try await auth.login(
            email: email, password: RoleWorld.password, origin: RequestOrigin(requestID: nil, clientAddress: "192.0.2.9"), userAgent: "tests"
        ).token
    }
}

extension TestClientProtocol {
    /// Creates a milestone as `token`'s user and expects 201; returns the body.
    @discardableResult
    func createMilestone(project: ProjectID, token: String, _ json: String) async throws -> [String: Any] {
        let response = try await call(.post, "/api/v1/projects/\(project)/milestones", token: token, body: json)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try response.object()
    }

    /// Delivers a milestone as `token`'s user and expects 200; returns the body.
    func deliverMilestone(_ id: String, token: String) async throws -> [String: Any] {
        let response = try await call(.post, "/api/v1/milestones/\(id)/deliver", token: token)
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try response.object()
    }

    /// The status and version of a milestone, as stored.
    func milestoneState(_ id: String, pool: PostgresPool) async throws -> StoredState {
        try await StoredState.of(table: "milestones", id: id, pool: pool)
    }
}

/// The token of a signed link.
func linkPath(_ link: String) -> String {
    "/api/v1/validation-links/\(link.split(separator: "/").last ?? "")"
}

/// A row's status and version, to check that a refused request changed nothing.
struct StoredState: Equatable {
    let status: String
    let version: Int

    static func of(table: String, id: String, pool: PostgresPool) async throws -> StoredState {
        let row = try await pool.queryOne("SELECT status, version FROM \(unsafeRaw: table) WHERE id = \(UUID(uuidString: id)!)")
        return StoredState(status: try row.decode("status"), version: try row.decode("version"))
    }
}
