import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport

typealias Who = RoleWorld.Who

/// One request to make as each role, and the status each role must get.
///
/// `prepare` runs before every role's attempt, so each attempt gets fresh objects to
/// act on (a new team to delete, the current version for If-Match…).
struct MatrixCase: Sendable {
    let method: HTTPRequest.Method
    /// The route as registered in the router (`{id}` placeholders).
    let route: String
    let expected: [Who: HTTPResponse.Status]
    var prepare: @Sendable (MatrixFixture, Who) async throws -> MatrixRequest = { _, _ in MatrixRequest() }

    /// The same status for the four signed-in roles, 401 for anonymous.
    static func signedIn(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: status, .client: status, .anonymous: .unauthorized]
    }

    /// Only the admin may; other roles are refused (403), anonymous 401.
    static func adminOnly(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: .forbidden, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
    }

    /// Staff may (admin, manager, member); a client contact is refused, anonymous 401.
    static func staff(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: status, .client: .forbidden, .anonymous: .unauthorized]
    }

    /// Open to everyone, anonymous included.
    static func everyone(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
        [.admin: status, .manager: status, .member: status, .client: status, .anonymous: status]
    }
}

/// What `prepare` decides for one attempt: the concrete URI (placeholders filled),
/// an optional JSON body and extra headers.
struct MatrixRequest: Sendable {
    var uri: String?
    var json: String?
    var headers: HTTPFields = [:]
}

/// The world the matrix runs in: the four users, their team, and a way to log in.
struct MatrixFixture: Sendable {
    let world: RoleWorld
    let pool: PostgresPool

    /// A fresh session token for every attempt, so one attempt (logout, password
    /// change) cannot disturb the next.
    func token(_ who: Who) async throws -> String? { try await world.token(who) }

    /// A unique suffix for names and emails.
    func unique() -> String { UUID().uuidString.prefix(8).lowercased() }

    func newTeam() async throws -> TeamID {
        let id = TeamID.random()
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(id), \("Team \(unique())"))")
        return id
    }

    func version(of table: String, id: UUID) async throws -> Int {
        try await pool.queryOne("SELECT version FROM \(unsafeRaw: table) WHERE id = \(id)").decode("version")
    }
}
