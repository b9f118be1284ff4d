public import Domain
import Foundation
public import Postgres
public import Services
import Storage

/// One user of each role, for tests that ask "who may do this?".
///
/// The manager leads `team`, the member belongs to it, and the client contact belongs
/// to `clientID` (another client, `otherClientID`, exists only as an id).
public struct RoleWorld: Sendable {
    public enum Who: String, CaseIterable, Sendable {
        case admin, manager, member, client, anonymous
    }

    public static let password = "correct horse battery staple"

    public let pool: PostgresPool
    public let clock: any WallClock
    public let admin: User
    public let manager: User
    public let member: User
    public let client: User
    public let teamID: TeamID
    public let clientID: ClientID
    public let otherClientID: ClientID
    let auth: AuthService

    public static func make(pool: PostgresPool, clock: any WallClock = SystemClock()) async throws -> RoleWorld {
        let users = UserService(pool: pool, clock: clock, hasher: TestApp.hasher)
        let admin = try await users.createAdmin(email: "admin@agency.test", name: "Ada Admin", password: password)
        let adminCaller = Caller(user: admin, sessionID: nil, origin: .commandLine)
        let manager = try await users.create(
            NewUser(email: "manager@agency.test", name: "Max Manager", role: .manager, password: password), caller: adminCaller)
        let member = try await users.create(
            NewUser(email: "member@agency.test", name: "Mia Member", role: .member, password: password), caller: adminCaller)
        let clientID = ClientID.random()
        let otherClientID = ClientID.random()
        try await insertClient(clientID, name: "Client A", pool: pool)
        try await insertClient(otherClientID, name: "Client B", pool: pool)
        let client = try await users.create(
            NewUser(email: "contact@client.test", name: "Cleo Client", role: .client, password: password, clientID: clientID),
            caller: adminCaller)
        // Team membership is written directly: the team API is tested on its own.
        let teamID = TeamID.random()
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(teamID), 'Studio')")
        try await pool.execute("INSERT INTO team_members (team_id, user_id, is_lead) VALUES (\(teamID), \(manager.id), true)")
        try await pool.execute("INSERT INTO team_members (team_id, user_id, is_lead) VALUES (\(teamID), \(member.id), false)")
        let store = UserStore()
        let auth = AuthService(
            pool: pool, clock: clock, hasher: TestApp.hasher,
            lifetime: SessionLifetime(idleTimeout: .seconds(7200), absoluteLifetime: .seconds(86_400)))
        return RoleWorld(
            pool: pool, clock: clock, admin: admin, manager: try await store.find(manager.id, on: pool)!,
            member: try await store.find(member.id, on: pool)!, client: client, teamID: teamID, clientID: clientID,
            otherClientID: otherClientID, auth: auth)
    }

    static func insertClient(_ id: ClientID, name: String, pool: PostgresPool) async throws {
        try await pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(id), \(name), 'EUR')")
    }

    public func user(_ who: Who) -> User? {
        switch who {
        case .admin: admin
        case .manager: manager
        case .member: member
        case .client: client
        case .anonymous: nil
        }
    }

    /// A fresh session token for `who` (nil for anonymous).
    public func token(_ who: Who) async throws -> String? {
        guard let user = user(who) else { return nil }
        return try await auth.login(
            email: user.email, password: Self.password, origin: RequestOrigin(requestID: nil, clientAddress: "192.0.2.\(Int.random(in: 1...250))"),
            userAgent: "tests"
        ).token
    }
}
