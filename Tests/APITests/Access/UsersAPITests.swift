import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct UsersAPITests {
    @Test func staffListUsersByEmailWithFiltersAndCursorPages() async throws {
        try await withPeopleApp { (world, client) async throws in
            let all = try await client.call(.get, "/api/v1/users", token: world.memberToken)
            #expect(all.status == .ok)
            let emails = try all.items().compactMap { $0["email"] as? String }
            #expect(emails == ["admin@people.test", "contact@client.test", "manager@people.test", "member@people.test"])

            let members = try await client.call(.get, "/api/v1/users?role=member", token: world.adminToken).items()
            #expect(members.map { $0["email"] as? String } == ["member@people.test"])
            let inTeam = try await client.call(.get, "/api/v1/users?team_id=\(world.team.id)", token: world.managerToken).items()
            #expect(Set(inTeam.compactMap { $0["id"] as? String }) == [world.manager.id.description, world.member.id.description])
            let inactive = try await client.call(.get, "/api/v1/users?active=false", token: world.adminToken).items()
            #expect(inactive.isEmpty)

            let first = try await client.call(.get, "/api/v1/users?limit=3", token: world.adminToken).object()
            let cursor = try #require(first["next_cursor"] as? String)
            #expect((first["items"] as? [Any])?.count == 3)
            let second = try await client.call(.get, "/api/v1/users?limit=3&cursor=\(cursor)", token: world.adminToken).object()
            let rest = try #require(second["items"] as? [[String: Any]])
            #expect(rest.map { $0["email"] as? String } == ["member@people.test"])
            #expect(second["next_cursor"] is NSNull)
        }
    }

    @Test func listingUsersIsRefusedToClientsAndAnonymousCallers() async throws {
        try await withPeopleApp { (world, client) async throws in
            let refused = try await client.call(.get, "/api/v1/users", token: world.clientToken)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(try await client.call(.get, "/api/v1/users", token: nil).status == .unauthorized)
        }
    }

    @Test func badListParametersAreOne422NamingEveryField() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(
                .get, "/api/v1/users?role=boss&active=maybe&team_id=nope&limit=0", token: world.adminToken)
            expectProblem(response, .invalidInput)
            #expect(try response.errorFields() == ["active", "limit", "role", "team_id"])
            let cursor = try await client.call(.get, "/api/v1/users?cursor=garbage", token: world.adminToken)
            expectProblem(cursor, .invalidInput)
            #expect(try cursor.errorFields() == ["cursor"])
        }
    }

    @Test func staffReadAnyUserAndClientsOnlyThemselves() async throws {
        try await withPeopleApp { (world, client) async throws in
            let read = try await client.call(.get, "/api/v1/users/\(world.admin.id)", token: world.memberToken)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(try read.object()["role"] as? String == "admin")

            let manager = try await client.call(.get, "/api/v1/users/\(world.manager.id)", token: world.adminToken).object()
            #expect(manager["lead_team_ids"] as? [String] == [world.team.id.description])

            #expect(try await client.call(.get, "/api/v1/users/\(world.client.id)", token: world.clientToken).status == .ok)
            #expect(try await client.call(.get, "/api/v1/users/\(world.admin.id)", token: world.clientToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/users/\(UUID())", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/users/not-a-uuid", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/users/\(world.admin.id)", token: nil).status == .unauthorized)
        }
    }

    @Test func anAdminChangesAUserWithIfMatchAndTheChangeIsAudited() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)"
            let response = try await client.call(
                .patch, uri, token: world.adminToken, body: #"{"name":"  Mia M.  ","time_zone":"Europe/Paris","role":"manager"}"#,
                ifMatch: "\"1\"")
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] == "\"2\"")
            let user = try response.object()
            #expect(user["name"] as? String == "Mia M.")
            #expect(user["time_zone"] as? String == "Europe/Paris")
            #expect(user["role"] as? String == "manager")

            let events = try await client.call(
                .get, "/api/v1/audit-events?action=user.updated&subject_id=\(world.member.id)", token: world.adminToken
            ).items()
            #expect(events.count == 1)
            #expect(events.first?["actor_id"] as? String == world.admin.id.description)
            #expect((events.first?["before"] as? [String: Any])?["name"] as? String == "Mia Member")
            #expect((events.first?["after"] as? [String: Any])?["name"] as? String == "Mia M.")
        }
    }

    @Test func onlySnakeCaseKeysAreFieldsAndAMisspeltOneIsNamedAsSent() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)"
            for body in [#"{"timeZone":"Europe/Paris"}"#, #"{"time_zone":"Europe/Paris","clientID":null}"#] {
                let refused = try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"1\"")
                #expect(refused.status == .unprocessableContent)
                #expect(try refused.errorFields() == [body.contains("clientID") ? "clientID" : "timeZone"])
            }
            let blank = try await client.call(.patch, uri, token: world.adminToken, body: #"{"time_zone":null}"#, ifMatch: "\"1\"")
            #expect(try blank.errorFields() == ["time_zone"])
            let changed = try await client.call(.patch, uri, token: world.adminToken, body: #"{"time_zone":"Europe/Paris"}"#, ifMatch: "\"1\"")
            #expect(changed.status == .ok)
            #expect(try changed.object()["time_zone"] as? String == "Europe/Paris")
        }
    }

    @Test func updatesNeedAFreshIfMatch() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)"
            let missing = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"X"}"#)
            #expect(missing.status == .preconditionRequired)
            let stale = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"X"}"#, ifMatch: "\"7\"")
            expectProblem(stale, .versionMismatch)
            let user = try await UserStoreReader(world).user(world.member.id)
            #expect(user.name == "Mia Member")
            #expect(user.version == 1)
        }
    }

    @Test func onlyTheAdminChangesUsersAndARefusalWritesNothing() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)"
            let auditBefore = try await world.count("audit_events")
            for token in [world.managerToken, world.memberToken] {
                let response = try await client.call(.patch, uri, token: token, body: #"{"role":"admin"}"#, ifMatch: "\"1\"")
                #expect(response.status == .forbidden)
            }
            // A client contact may not learn that another user exists.
            let hidden = try await client.call(.patch, uri, token: world.clientToken, body: #"{"role":"admin"}"#, ifMatch: "\"1\"")
            #expect(hidden.status == .notFound)
            #expect(try await client.call(.patch, uri, token: nil, body: #"{"role":"admin"}"#, ifMatch: "\"1\"").status == .unauthorized)
            let user = try await UserStoreReader(world).user(world.member.id)
            #expect(user.role == .member)
            #expect(user.version == 1)
            #expect(try await world.count("audit_events") == auditBefore)
        }
    }

    @Test func invalidChangesAre422NamingTheFields() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)"
            let invalid = try await client.call(
                .patch, uri, token: world.adminToken, body: #"{"email":"no-at-sign","name":"","time_zone":"Mars/Olympus"}"#,
                ifMatch: "\"1\"")
            expectProblem(invalid, .invalidInput)
            #expect(try invalid.errorFields() == ["email", "name", "time_zone"])

            let cases: [(String, String)] = [
                (#"{"name":null}"#, "name"), (#"{"active":"no"}"#, "active"), (#"{"role":"owner"}"#, "role"),
                (#"{"password":"sneaky password"}"#, "password"), (#"{"client_id":"nope"}"#, "client_id"),
                (#"{"role":"client"}"#, "client_id"),
            ]
            for (body, field) in cases {
                let response = try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"1\"")
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == [field], "\(body)")
            }
            let malformed = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"#, ifMatch: "\"1\"")
            #expect(malformed.status == .badRequest)
            #expect(try await UserStoreReader(world).user(world.member.id).version == 1)
        }
    }

    @Test func aDuplicateEmailIsAConflictAndUnknownUsersAreNotFound() async throws {
        try await withPeopleApp { (world, client) async throws in
            let duplicate = try await client.call(
                .patch, "/api/v1/users/\(world.member.id)", token: world.adminToken, body: #"{"email":"MANAGER@people.test"}"#,
                ifMatch: "\"1\"")
            expectProblem(duplicate, .conflict)
            let unknown = try await client.call(
                .patch, "/api/v1/users/\(UUID())", token: world.adminToken, body: #"{"name":"X"}"#, ifMatch: "\"1\"")
            #expect(unknown.status == .notFound)
            #expect(try await UserStoreReader(world).user(world.member.id).email == "member@people.test")
        }
    }

    @Test func deactivatingAUserRevokesEverySessionAtOnce() async throws {
        try await withPeopleApp { (world, client) async throws in
            let second = try await world.login(world.member)
            #expect(try await client.call(.get, "/api/v1/me", token: world.memberToken).status == .ok)

            let response = try await client.call(
                .patch, "/api/v1/users/\(world.member.id)", token: world.adminToken, body: #"{"active":false}"#, ifMatch: "\"1\"")
            #expect(response.status == .ok)
            #expect(try response.object()["active"] as? Bool == false)

            for token in [world.memberToken, second] {
                #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
            }
            let live = try await world.count("sessions", where: "user_id = '\(world.member.id)' AND revoked_at IS NULL")
            #expect(live == 0)
            let audited = try await world.count("audit_events", where: "action = 'user.deactivated' AND subject_id = '\(world.member.id)'")
            #expect(audited == 1)
            // Other users keep their sessions.
            #expect(try await client.call(.get, "/api/v1/me", token: world.managerToken).status == .ok)
        }
    }

    @Test func theLastActiveAdminCanBeNeitherDemotedNorDeactivated() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.admin.id)"
            for body in [#"{"role":"manager"}"#, #"{"active":false}"#] {
                let response = try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"1\"")
                expectProblem(response, .conflict, "\(body)")
            }
            #expect(try await client.call(.get, "/api/v1/me", token: world.adminToken).status == .ok)

            // With a second admin, the first may step down.
            let promote = try await client.call(
                .patch, "/api/v1/users/\(world.manager.id)", token: world.adminToken, body: #"{"role":"admin"}"#, ifMatch: "\"1\"")
            #expect(promote.status == .ok)
            let demote = try await client.call(.patch, uri, token: world.adminToken, body: #"{"role":"manager"}"#, ifMatch: "\"1\"")
            #expect(demote.status == .ok)
        }
    }

    @Test func roleChangesMustKeepTeamsConsistent() async throws {
        try await withPeopleApp { (world, client) async throws in
            // The manager leads Studio: not a plain member while leading.
            let lead = try await client.call(
                .patch, "/api/v1/users/\(world.manager.id)", token: world.adminToken, body: #"{"role":"member"}"#, ifMatch: "\"1\"")
            expectProblem(lead, .conflict)
            // The member is in Studio: not a client contact while in a team.
            let body = #"{"role":"client","client_id":"\#(world.clientID)"}"#
            let member = try await client.call(.patch, "/api/v1/users/\(world.member.id)", token: world.adminToken, body: body, ifMatch: "\"1\"")
            expectProblem(member, .conflict)
            // A client contact becomes staff only when the client is removed.
            let keep = try await client.call(
                .patch, "/api/v1/users/\(world.client.id)", token: world.adminToken, body: #"{"role":"member"}"#, ifMatch: "\"1\"")
            expectProblem(keep, .invalidInput)
            let staff = try await client.call(
                .patch, "/api/v1/users/\(world.client.id)", token: world.adminToken, body: #"{"role":"member","client_id":null}"#,
                ifMatch: "\"1\"")
            #expect(staff.status == .ok)
            #expect(try staff.object()["client_id"] == nil)
        }
    }
}

/// Reads users straight from the database, to check what a request left behind.
struct UserStoreReader {
    let world: PeopleWorld
    init(_ world: PeopleWorld) { self.world = world }

    func user(_ id: UserID) async throws -> (name: String, email: String, role: Role, version: Int) {
        let row = try await world.pool.queryOne("SELECT name, email, role, version FROM users WHERE id = \(id)")
        return (try row.decode("name"), try row.decode("email"), try row.decode("role"), try row.decode("version"))
    }
}
