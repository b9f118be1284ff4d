public import Domain
import Foundation
public import Postgres
public import Services
import Storage

/// The people/agency tests' world: an admin, a manager leading team "Studio", a member
/// of that team and a client contact (of a client that exists only as an id), each
/// with a live session token. The team is built through ``TeamService``.
public struct PeopleWorld: Sendable {
    public static let password = "people world password"

    public let pool: PostgresPool
    public let clock: any WallClock
    public let auth: AuthService
    public let admin: User
    public let manager: User
    public let member: User
    public let client: User
    public let team: Team
    public let clientID: ClientID
    public let adminToken: String
    public let managerToken: String
    public let memberToken: String
    public let clientToken: String

    public static func make(pool: PostgresPool, clock: any WallClock = SystemClock()) async throws -> PeopleWorld {
        let users = UserService(pool: pool, clock: clock, hasher: TestApp.hasher)
        let admin = try await users.createAdmin(email: "admin@people.test", name: "Ada Admin", password: password)
        let adminCaller = Caller(user: admin, sessionID: nil, origin: RequestOrigin(requestID: "setup", clientAddress: "192.0.2.1"))
        let manager = try await users.create(
            NewUser(email: "manager@people.test", name: "Max Manager", role: .manager, password: password), caller: adminCaller)
        let member = try await users.create(
            NewUser(email: "member@people.test", name: "Mia Member", role: .member, password: password), caller: adminCaller)
        let clientID = ClientID.random()
        try await RoleWorld.insertClient(clientID, name: "People Client", pool: pool)
        let client = try await users.create(
            NewUser(email: "contact@client.test", name: "Cleo Client", role: .client, password: password, clientID: clientID),
            caller: adminCaller)
        let teams = TeamService(pool: pool, clock: clock)
        let created = try await teams.create(name: "Studio", caller: adminCaller)
        _ = try await teams.addMember(manager.id, to: created.id, isLead: true, caller: adminCaller)
        _ = try await teams.addMember(member.id, to: created.id, isLead: false, caller: adminCaller)

        let auth = AuthService(
            pool: pool, clock: clock, hasher: TestApp.hasher,
            lifetime: SessionLifetime(idleTimeout: .seconds(7200), absoluteLifetime: .seconds(86_400)))
        func login(_ user: User) async throws -> String {
            try await auth.login(
                email: user.email, password: password, origin: RequestOrigin(requestID: nil, clientAddress: "192.0.2.9"),
                userAgent: "people-tests"
            ).token
        }
        let store = UserStore()
        return PeopleWorld(
            pool: pool, clock: clock, auth: auth, admin: admin, manager: try await store.find(manager.id, on: pool)!,
            member: try await store.find(member.id, on: pool)!, client: client,
            team: try await teams.get(created.id, caller: adminCaller), clientID: clientID, adminToken: try await login(admin),
            managerToken: try await login(manager), memberToken: try await login(member), clientToken: try await login(client))
    }

    /// The admin as a service caller.
    public var adminCaller: Caller { caller(admin) }

    /// `user` as a service caller, from a fixed test address.
    public func caller(_ user: User) -> Caller {
        Caller(user: user, sessionID: nil, origin: RequestOrigin(requestID: "test", clientAddress: "192.0.2.1"))
    }

    /// A new session token for `user`.
    public func login(_ user: User) async throws -> String {
        try await auth.login(
            email: user.email, password: Self.password, origin: RequestOrigin(requestID: nil, clientAddress: "192.0.2.9"),
            userAgent: "people-tests"
        ).token
    }

    /// How many rows `table` holds (a constant table name chosen by the test).
    public func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await pool.queryOne("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").decode("n")
    }
}
