import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ProjectDetailsAPITests {
    @Test func aClientContactReadingAnotherClientsProjectGetsNotFound() async throws {
        try await withCatalogApp { (world, client) async throws in
            let own = try await world.insertProject()
            let other = try await world.insertProject(client: world.otherClientID)
            #expect(try await client.call(.get, "/api/v1/projects/\(own)", token: world.clientToken).status == .ok)
            let hidden = try await client.call(.get, "/api/v1/projects/\(other)", token: world.clientToken)
            #expect(hidden.status == .notFound)
            #expect(hidden.headers[.contentType] == "application/problem+json")
            // Exactly what an unknown project answers: existence does not leak.
            let unknown = try await client.call(.get, "/api/v1/projects/\(UUID())", token: world.clientToken)
            #expect(try hidden.object()["detail"] as? String == unknown.object()["detail"] as? String)
            for inside in ["members", "tasks", "rates"] {
                #expect(try await client.call(.get, "/api/v1/projects/\(other)/\(inside)", token: world.clientToken).status == .notFound)
            }
        }
    }

    @Test func budgetsAreShownAsFarAsTheRoleMaySeeThem() async throws {
        try await withCatalogApp { (world, client) async throws in
            let assigned = try await world.insertProject(members: [world.roles.member.id])
            let unassigned = try await world.insertProject()
            func budget(_ project: ProjectID, _ token: String) async throws -> [Int?] {
                let object = try await client.call(.get, "/api/v1/projects/\(project)", token: token).object()
                return [object["budget_minutes"] as? Int, object.money("budget_amount")?.amountMinor]
            }
            #expect(try await budget(assigned, world.adminToken) == [6000, 500_000])
            #expect(try await budget(assigned, world.managerToken) == [6000, 500_000])
            #expect(try await budget(assigned, world.clientToken) == [6000, 500_000])
            #expect(try await budget(assigned, world.memberToken) == [6000, nil])
            #expect(try await budget(unassigned, world.memberToken) == [nil, nil])
        }
    }

    @Test func changingAProjectNeedsAFreshIfMatchAndStatusChangesAreAudited() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())"
            let body = #"{"status":"on_hold","budget_hours":null,"estimated_hours":"2.25","name":" Renamed "}"#
            #expect(try await client.call(.patch, uri, token: world.managerToken, body: body).status == .preconditionRequired)
            #expect(try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"3\"").status == .preconditionFailed)
            let changed = try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"1\"")
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"2\"")
            let project = try changed.object()
            #expect(project["status"] as? String == "on_hold")
            #expect(project["budget_minutes"] is NSNull)
            #expect(project["estimated_minutes"] as? Int == 135)
            #expect(project["name"] as? String == "Renamed")
            let events = try await client.call(.get, "/api/v1/audit-events?action=project.status_changed", token: world.adminToken).items()
            #expect((events.first?["before"] as? [String: Any])?["status"] as? String == "active")
            #expect((events.first?["after"] as? [String: Any])?["status"] as? String == "on_hold")

            let closed = try await client.call(.patch, uri, token: world.adminToken, body: #"{"status":"closed"}"#, ifMatch: "\"2\"")
            #expect(try closed.object()["status"] as? String == "closed")
            let reopened = try await client.call(.patch, uri, token: world.adminToken, body: #"{"status":"active"}"#, ifMatch: "\"3\"")
            #expect(try reopened.object()["status"] as? String == "active")
        }
    }

    @Test func changesAreRefusedToThoseWhoDoNotManageTheProject() async throws {
        try await withCatalogApp { (world, client) async throws in
            let own = try await world.insertProject()
            let other = try await world.insertProject(client: world.otherClientID)
            let body = #"{"name":"Mine"}"#
            #expect(try await client.call(.patch, "/api/v1/projects/\(own)", token: world.memberToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await client.call(.patch, "/api/v1/projects/\(own)", token: world.clientToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await client.call(.patch, "/api/v1/projects/\(other)", token: world.clientToken, body: body, ifMatch: "\"1\"").status == .notFound)
            let elsewhere = try await world.insertProject(team: try await world.newTeam())
            #expect(
                try await client.call(.patch, "/api/v1/projects/\(elsewhere)", token: world.managerToken, body: body, ifMatch: "\"1\"").status
                    == .notFound)
            // Moving a project to a team the manager does not lead.
            let move = #"{"team_id":"\#(try await world.newTeam())"}"#
            #expect(try await client.call(.patch, "/api/v1/projects/\(own)", token: world.managerToken, body: move, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await world.count("projects", where: "version = 1") == 3)
            #expect(try await world.count("audit_events", where: "subject_type = 'project'") == 0)
        }
    }

    @Test func badProjectChangesAre422AndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())"
            let cases: [(String, [String])] = [
                (#"{"client_id":"\#(world.otherClientID)"}"#, ["client_id"]),
                (#"{"contract_amount":{"amount_minor":5}}"#, ["contract_amount"]),
                (#"{"budget_amount":{"amount_minor":5,"currency":"GBP"},"code":"a b"}"#, ["budget_amount.currency", "code"]),
                (#"{"team_id":"\#(UUID())"}"#, ["team_id"]),
                (#"{"name":null}"#, ["name"]),
                (#"{"estimated_minutes":10,"estimated_hours":"1"}"#, ["estimated_hours"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"1\"")
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            _ = try await world.insertProject(code: "TAKEN")
            #expect(try await client.call(.patch, uri, token: world.adminToken, body: #"{"code":"taken"}"#, ifMatch: "\"1\"").status == .conflict)
            #expect(try await world.count("projects", where: "version = 1") == 2)
        }
    }
}
