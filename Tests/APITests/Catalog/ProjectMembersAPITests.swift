import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ProjectMembersAPITests {
    @Test func theTeamLeadAssignsAndUnassignsMembers() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            let uri = "/api/v1/projects/\(project)/members"
            let added = try await client.call(.post, uri, token: world.managerToken, body: #"{"user_id":"\#(world.roles.member.id)"}"#)
            #expect(added.status == .created)
            let location = try #require(added.headers[.location])
            #expect(location == "\(uri)/\(world.roles.member.id)")
            #expect(try added.object()["name"] as? String == "Mia Member")
            #expect(try added.object()["role"] as? String == "member")
            for token in [world.adminToken, world.managerToken, world.memberToken, world.clientToken] {
                #expect(try await client.call(.get, uri, token: token).items().count == 1)
                #expect(try await client.call(.get, location, token: token).status == .ok)
            }
            #expect(try await world.count("audit_events", where: "action = 'project.member_added'") == 1)

            #expect(try await client.call(.delete, location, token: world.managerToken).status == .noContent)
            #expect(try await client.call(.delete, location, token: world.managerToken).status == .notFound)
            #expect(try await client.call(.get, location, token: world.adminToken).status == .notFound)
            #expect(try await world.count("project_members") == 0)
            #expect(try await world.count("audit_events", where: "action = 'project.member_removed'") == 1)
        }
    }

    @Test func assigningTheSameUserTwiceIsAConflict() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject(members: [world.roles.member.id])
            let again = try await client.call(
                .post, "/api/v1/projects/\(project)/members", token: world.adminToken, body: #"{"user_id":"\#(world.roles.member.id)"}"#)
            expectProblem(again, .conflict)
            #expect(try await world.count("project_members") == 1)
            #expect(try await world.count("audit_events", where: "action = 'project.member_added'") == 0)
        }
    }

    @Test func onlyActiveStaffCanBeAssigned() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())/members"
            try await world.pool.execute("UPDATE users SET active = false WHERE id = \(world.roles.manager.id)")
            let cases: [(String, [String])] = [
                (#"{"user_id":"\#(world.roles.client.id)"}"#, ["user_id"]),
                (#"{"user_id":"\#(UUID())"}"#, ["user_id"]),
                (#"{"user_id":"\#(world.roles.manager.id)"}"#, ["user_id"]),
                (#"{"user_id":"nope"}"#, ["user_id"]),
                (#"{}"#, ["user_id"]),
                (#"{"user_id":"\#(world.roles.member.id)","lead":true}"#, ["lead"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await world.count("project_members") == 0)
        }
    }

    @Test func membersAreManagedOnlyByThoseWhoManageTheProject() async throws {
        try await withCatalogApp { (world, client) async throws in
            let own = try await world.insertProject(members: [world.roles.member.id])
            let other = try await world.insertProject(client: world.otherClientID, members: [world.roles.member.id])
            let body = #"{"user_id":"\#(world.roles.admin.id)"}"#
            #expect(try await client.call(.post, "/api/v1/projects/\(own)/members", token: world.memberToken, body: body).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/projects/\(own)/members", token: world.clientToken, body: body).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/projects/\(other)/members", token: world.clientToken, body: body).status == .notFound)
            let member = "/api/v1/projects/\(own)/members/\(world.roles.member.id)"
            #expect(try await client.call(.delete, member, token: world.memberToken).status == .forbidden)
            #expect(try await client.call(.delete, member, token: world.clientToken).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/projects/\(other)/members", token: world.clientToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/projects/\(UUID())/members", token: world.adminToken).status == .notFound)
            #expect(try await world.count("project_members") == 2)
        }
    }
}
