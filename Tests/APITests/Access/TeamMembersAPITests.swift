import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

@Suite struct TeamMembersAPITests {
    @Test func staffSeeATeamsMembersLeadsFirst() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)/members"
            let members = try await client.call(.get, uri, token: world.memberToken).items()
            #expect(members.compactMap { $0["user_id"] as? String } == [world.manager.id.description, world.member.id.description])
            #expect(members.compactMap { $0["lead"] as? Bool } == [true, false])
            #expect(members.first?["name"] as? String == "Max Manager")

            let one = try await client.call(.get, "\(uri)/\(world.member.id)", token: world.managerToken)
            #expect(one.status == .ok)
            #expect(try one.object()["email"] as? String == "member@people.test")
            #expect(try await client.call(.get, "\(uri)/\(world.admin.id)", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, uri, token: world.clientToken).status == .notFound)
            #expect(try await client.call(.get, uri, token: nil).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/teams/\(UUID())/members", token: world.adminToken).status == .notFound)
        }
    }

    @Test func anAdminAddsAMemberAndReAddingSetsTheLeadFlag() async throws {
        try await withPeopleApp { (world, client) async throws in
            let team = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: #"{"name":"Design"}"#).object()
            let teamID = try #require(team["id"] as? String)
            let uri = "/api/v1/teams/\(teamID)/members"

            let added = try await client.call(.post, uri, token: world.adminToken, body: #"{"user_id":"\#(world.manager.id)"}"#)
            #expect(added.status == .created)
            #expect(added.headers[.location] == "\(uri)/\(world.manager.id)")
            #expect(try added.object()["lead"] as? Bool == false)

            let promoted = try await client.call(
                .post, uri, token: world.adminToken, body: #"{"user_id":"\#(world.manager.id)","lead":true}"#)
            #expect(promoted.status == .ok)
            #expect(try promoted.object()["lead"] as? Bool == true)
            // Without "lead", an existing member keeps the flag.
            let again = try await client.call(.post, uri, token: world.adminToken, body: #"{"user_id":"\#(world.manager.id)"}"#)
            #expect(try again.object()["lead"] as? Bool == true)

            let teamNow = try await client.call(.get, "/api/v1/teams/\(teamID)", token: world.adminToken)
            #expect(teamNow.headers[.eTag] == "\"3\"")
            let user = try await client.call(.get, "/api/v1/users/\(world.manager.id)", token: world.adminToken).object()
            #expect((user["lead_team_ids"] as? [String])?.contains(teamID) == true)
            let actions: [String] = try await world.pool.query(
                "SELECT action FROM audit_events WHERE subject_id = \(teamID) AND action LIKE 'team.member%' ORDER BY id"
            ) { try $0.decode("action") }
            #expect(actions == ["team.member_added", "team.member_updated"])
        }
    }

    @Test func onlyActiveStaffAreMembersAndOnlyManagersAndAdminsLead() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)/members"
            let cases: [(String, [String])] = [
                (#"{"user_id":"\#(world.member.id)","lead":true}"#, ["lead"]),
                (#"{"user_id":"\#(world.client.id)"}"#, ["user_id"]),
                (#"{"user_id":"\#(UUID())"}"#, ["user_id"]),
                (#"{"user_id":"nope"}"#, ["user_id"]),
                (#"{"lead":true}"#, ["user_id"]),
                (#"{"user_id":"\#(world.admin.id)","lead":"yes"}"#, ["lead"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            let users = UserService(pool: world.pool, clock: world.clock, hasher: TestApp.hasher)
            let former = try await users.create(
                NewUser(email: "former@people.test", name: "Former", role: .manager, password: PeopleWorld.password), caller: world.adminCaller)
            _ = try await users.update(former.id, changes: UserChanges(isActive: false), expectedVersion: 1, caller: world.adminCaller)
            let inactive = try await client.call(.post, uri, token: world.adminToken, body: #"{"user_id":"\#(former.id)"}"#)
            expectProblem(inactive, .invalidInput)
            #expect(try inactive.errorFields() == ["user_id"])
            #expect(try await world.count("team_members") == 2)
            #expect(try await world.count("team_members", where: "is_lead") == 1)
        }
    }

    @Test func onlyTheAdminManagesMembersAndRefusalsWriteNothing() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)/members"
            let body = #"{"user_id":"\#(world.admin.id)"}"#
            // Leading a team does not make a manager its administrator (SPEC §3: admin only).
            for token in [world.managerToken, world.memberToken] {
                #expect(try await client.call(.post, uri, token: token, body: body).status == .forbidden)
                #expect(try await client.call(.delete, "\(uri)/\(world.member.id)", token: token).status == .forbidden)
            }
            #expect(try await client.call(.post, uri, token: world.clientToken, body: body).status == .notFound)
            #expect(try await client.call(.delete, "\(uri)/\(world.member.id)", token: world.clientToken).status == .notFound)
            #expect(try await client.call(.post, uri, token: nil, body: body).status == .unauthorized)
            #expect(try await world.count("team_members") == 2)
        }
    }

    @Test func anAdminRemovesAMember() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)/members/\(world.member.id)"
            #expect(try await client.call(.delete, uri, token: world.adminToken).status == .noContent)
            #expect(try await client.call(.delete, uri, token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, uri, token: world.adminToken).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/teams/\(UUID())/members/\(world.member.id)", token: world.adminToken).status == .notFound)
            let user = try await client.call(.get, "/api/v1/users/\(world.member.id)", token: world.adminToken).object()
            #expect(user["team_ids"] as? [String] == [])
            #expect(try await world.count("audit_events", where: "action = 'team.member_removed'") == 1)
        }
    }

    @Test func addingToAnUnknownTeamIsNotFound() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(
                .post, "/api/v1/teams/\(UUID())/members", token: world.adminToken, body: #"{"user_id":"\#(world.member.id)"}"#)
            #expect(response.status == .notFound)
        }
    }
}
