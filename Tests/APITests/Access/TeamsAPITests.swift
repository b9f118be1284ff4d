import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct TeamsAPITests {
    @Test func anAdminCreatesATeamWithLocationAndETag() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: #"{"name":"  Design  "}"#)
            #expect(response.status == .created)
            #expect(response.headers[.eTag] == "\"1\"")
            let team = try response.object()
            #expect(team["name"] as? String == "Design")
            #expect(team["member_ids"] as? [String] == [])
            let location = try #require(response.headers[.location])
            #expect(location == "/api/v1/teams/\(try #require(team["id"] as? String))")
            #expect(try await client.call(.get, location, token: world.memberToken).status == .ok)
            #expect(try await world.count("audit_events", where: "action = 'team.created' AND actor_id = '\(world.admin.id)'") == 2)
        }
    }

    @Test func teamNamesAreUniqueIgnoringCase() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: #"{"name":"STUDIO"}"#)
            expectProblem(response, .conflict)
            #expect(try await world.count("teams") == 1)
        }
    }

    @Test func badTeamBodiesAre4xxAndWriteNothing() async throws {
        try await withPeopleApp { (world, client) async throws in
            let cases: [(String, HTTPResponse.Status)] = [
                (#"{"name":"   "}"#, .unprocessableContent), (#"{}"#, .unprocessableContent), (#"{"name":7}"#, .unprocessableContent),
                (#"{"name":"\#(String(repeating: "x", count: 201))"}"#, .unprocessableContent), ("not json", .badRequest),
                ("[]", .badRequest), (#""Design""#, .badRequest),
            ]
            for (body, status) in cases {
                let response = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: body)
                #expect(response.status == status, "\(body)")
                if status == .unprocessableContent { #expect(try response.errorFields() == ["name"]) }
            }
            #expect(try await world.count("teams") == 1)
        }
    }

    @Test func onlyTheAdminCreatesTeams() async throws {
        try await withPeopleApp { (world, client) async throws in
            for token in [world.managerToken, world.memberToken, world.clientToken] {
                let response = try await client.call(.post, "/api/v1/teams", token: token, body: #"{"name":"Rogue"}"#)
                #expect(response.status == .forbidden)
            }
            #expect(try await client.call(.post, "/api/v1/teams", token: nil, body: #"{"name":"Rogue"}"#).status == .unauthorized)
            #expect(try await world.count("teams") == 1)
        }
    }

    @Test func staffListAndReadTeamsAndClientsCannot() async throws {
        try await withPeopleApp { (world, client) async throws in
            for name in ["Alpha", "beta", "Gamma"] {
                _ = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: #"{"name":"\#(name)"}"#)
            }
            let first = try await client.call(.get, "/api/v1/teams?limit=2", token: world.memberToken).object()
            let names = (first["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["Alpha", "beta"])
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await client.call(.get, "/api/v1/teams?limit=2&cursor=\(cursor)", token: world.memberToken).items()
            #expect(second.compactMap { $0["name"] as? String } == ["Gamma", "Studio"])

            let studio = try await client.call(.get, "/api/v1/teams/\(world.team.id)", token: world.managerToken)
            #expect(studio.status == .ok)
            #expect(try studio.object()["lead_ids"] as? [String] == [world.manager.id.description])

            #expect(try await client.call(.get, "/api/v1/teams", token: world.clientToken).status == .forbidden)
            // A team is internal: a client contact is told it does not exist.
            #expect(try await client.call(.get, "/api/v1/teams/\(world.team.id)", token: world.clientToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/teams", token: nil).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/teams/\(UUID())", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/teams/1", token: world.adminToken).status == .notFound)
        }
    }

    @Test func renamingATeamNeedsAFreshIfMatch() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)"
            let version = try #require(try await client.call(.get, uri, token: world.adminToken).headers[.eTag])
            #expect(try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"Atelier"}"#).status == .preconditionRequired)
            let stale = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"Atelier"}"#, ifMatch: "\"1\"")
            expectProblem(stale, .versionMismatch)
            let renamed = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"Atelier"}"#, ifMatch: version)
            #expect(renamed.status == .ok)
            #expect(try renamed.object()["name"] as? String == "Atelier")
            let renamedVersion = try #require(renamed.headers[.eTag])
            #expect(renamedVersion != version)

            _ = try await client.call(.post, "/api/v1/teams", token: world.adminToken, body: #"{"name":"Other"}"#)
            let clash = try await client.call(
                .patch, uri, token: world.adminToken, body: #"{"name":"other"}"#, ifMatch: renamedVersion)
            expectProblem(clash, .conflict)
            let refused = try await client.call(
                .patch, uri, token: world.managerToken, body: #"{"name":"Mine"}"#, ifMatch: renamedVersion)
            #expect(refused.status == .forbidden)
            let unknownField = try await client.call(
                .patch, uri, token: world.adminToken, body: #"{"title":"Mine"}"#, ifMatch: renamedVersion)
            expectProblem(unknownField, .invalidInput)
            #expect(try unknownField.errorFields() == ["title"])
            let name: String = try await world.pool.queryOne("SELECT name FROM teams WHERE id = \(world.team.id)").decode("name")
            #expect(name == "Atelier")
        }
    }

    @Test func deletingATeamRemovesItsMembershipsButNotItsUsers() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/teams/\(world.team.id)"
            #expect(try await client.call(.delete, uri, token: world.managerToken).status == .forbidden)
            #expect(try await client.call(.delete, uri, token: world.clientToken).status == .notFound)
            #expect(try await client.call(.delete, uri, token: world.adminToken, ifMatch: "\"1\"").status == .preconditionFailed)
            #expect(try await world.count("teams") == 1)

            #expect(try await client.call(.delete, uri, token: world.adminToken).status == .noContent)
            #expect(try await client.call(.get, uri, token: world.adminToken).status == .notFound)
            #expect(try await client.call(.delete, uri, token: world.adminToken).status == .notFound)
            #expect(try await world.count("team_members") == 0)
            #expect(try await world.count("users") == 4)
            let events = try await client.call(.get, "/api/v1/audit-events?action=team.deleted", token: world.adminToken).items()
            #expect(events.count == 1)
            #expect((events.first?["before"] as? [String: Any])?["name"] as? String == "Studio")
            #expect(events.first?["after"] is NSNull)
        }
    }

    /// Issue 11 item 7: deleting a team that still runs a project was a 500 (foreign key).
    @Test func aTeamThatStillRunsProjectsIsNotDeleted() async throws {
        try await withPeopleApp { (world, client) async throws in
            let clientID = ClientID.random()
            let members = try await world.count("team_members")
            try await world.pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(clientID), 'Acme', 'EUR')")
            try await world.pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(ProjectID.random()), \(clientID), \(world.team.id), 'Website', 'WEB', 'time_and_materials', 'EUR')
                """)
            let refused = try await client.call(.delete, "/api/v1/teams/\(world.team.id)", token: world.adminToken)
            expectProblem(refused, .conflict)
            #expect(refused.text.contains("WEB"), "\(refused.text)")
            #expect(try await world.count("teams") == 1)
            #expect(try await world.count("team_members") == members)
        }
    }
}
