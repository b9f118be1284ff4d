import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ProjectsAPITests {
    static func body(client: ClientID, team: TeamID, code: String = "WEB-1", extra: String = "") -> String {
        #"{"client_id":"\#(client)","team_id":"\#(team)","name":"Website","code":"\#(code)","billing_model":"time_and_materials"\#(extra)}"#
    }

    @Test func anAdminCreatesAProjectInTheClientsCurrency() async throws {
        try await withCatalogApp { (world, client) async throws in
            try await world.pool.execute("UPDATE clients SET currency = 'USD' WHERE id = \(world.otherClientID)")
            let extra =
                #","budget_hours":"12.5","budget_amount":{"amount_minor":1500000},"estimated_minutes":600,"requires_client_validation":true,"planned_expenses":{"amount_minor":0}"#
            let response = try await client.call(
                .post, "/api/v1/projects", token: world.adminToken, body: Self.body(client: world.otherClientID, team: world.teamID, extra: extra))
            #expect(response.status == .created)
            #expect(response.headers[.eTag] == "\"1\"")
            let project = try response.object()
            #expect(project["currency"] as? String == "USD")
            #expect(project["status"] as? String == "active")
            #expect(project["budget_minutes"] as? Int == 750)
            #expect(project["budget_hours"] as? String == "12.50")
            #expect(project["estimated_hours"] as? String == "10.00")
            #expect(project.money("budget_amount")?.amountMinor == 1_500_000)
            #expect((project["budget_amount"] as? [String: Any])?["currency"] as? String == "USD")
            #expect(project["contract_amount"] is NSNull)
            // Zero planned expenses is a plan (none), in the project's currency.
            #expect(project.money("planned_expenses")?.amountMinor == 0)
            #expect((project["planned_expenses"] as? [String: Any])?["currency"] as? String == "USD")
            #expect(project["requires_client_validation"] as? Bool == true)
            let location = try #require(response.headers[.location])
            #expect(location == "/api/v1/projects/\(try #require(project["id"] as? String))")
            #expect(try await client.call(.get, location, token: world.adminToken).status == .ok)
            #expect(try await world.count("audit_events", where: "action = 'project.created'") == 1)
        }
    }

    @Test func aManagerCreatesProjectsOnlyForTeamsTheyLead() async throws {
        try await withCatalogApp { (world, client) async throws in
            let fixed = #","billing_model":"fixed_price","contract_amount":{"amount_minor":900000,"currency":"EUR"},"planned_expenses":{"amount_minor":45000}"#
            let body = #"{"client_id":"\#(world.clientID)","team_id":"\#(world.teamID)","name":"App","code":"app.1"\#(fixed)}"#
            let created = try await client.call(.post, "/api/v1/projects", token: world.managerToken, body: body)
            #expect(created.status == .created)
            #expect((try created.object()["contract_amount"] as? [String: Any])?["amount_minor"] as? Int == 900_000)
            #expect((try created.object()["planned_expenses"] as? [String: Any])?["amount_minor"] as? Int == 45_000)

            let otherTeam = try await world.newTeam()
            let elsewhere = Self.body(client: world.clientID, team: otherTeam, code: "X-2")
            #expect(try await client.call(.post, "/api/v1/projects", token: world.managerToken, body: elsewhere).status == .forbidden)
            let inTeam = Self.body(client: world.clientID, team: world.teamID, code: "X-3")
            #expect(try await client.call(.post, "/api/v1/projects", token: world.memberToken, body: inTeam).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/projects", token: world.clientToken, body: inTeam).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/projects", token: nil, body: inTeam).status == .unauthorized)
            #expect(try await world.count("projects") == 1)
        }
    }

    @Test func projectCodesAreUniqueIgnoringCase() async throws {
        try await withCatalogApp { (world, client) async throws in
            _ = try await world.insertProject(code: "WEB-1")
            let response = try await client.call(
                .post, "/api/v1/projects", token: world.adminToken, body: Self.body(client: world.clientID, team: world.teamID, code: "web-1"))
            expectProblem(response, .conflict)
            #expect(try await world.count("projects") == 1)
        }
    }

    @Test func badProjectBodiesAre422NamingEveryFieldAndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let (c, t) = (world.clientID, world.teamID)
            let cases: [(String, [String])] = [
                (#"{"client_id":"\#(c)","team_id":"\#(t)","name":"","code":"-bad","billing_model":"retainer"}"#, ["code", "name"]),
                (#"{"client_id":"\#(c)","team_id":"\#(t)","name":"A","code":"A","billing_model":"hourly"}"#, ["billing_model"]),
                (#"{"client_id":"\#(UUID())","team_id":"\#(UUID())","name":"A","code":"A","billing_model":"retainer"}"#, ["client_id", "team_id"]),
                (Self.body(client: c, team: t, extra: #","budget_minutes":0,"estimated_hours":"1.234""#), ["budget_minutes", "estimated_hours"]),
                (Self.body(client: c, team: t, extra: #","budget_minutes":60,"budget_hours":"1""#), ["budget_hours"]),
                (Self.body(client: c, team: t, extra: #","contract_amount":{"amount_minor":100}"#), ["contract_amount"]),
                (Self.body(client: c, team: t, extra: #","budget_amount":{"amount_minor":100,"currency":"USD"}"#), ["budget_amount.currency"]),
                (Self.body(client: c, team: t, extra: #","budget_amount":{"amount_minor":-5}"#), ["budget_amount.amount_minor"]),
                (Self.body(client: c, team: t, extra: #","planned_expenses":{"amount_minor":-1}"#), ["planned_expenses.amount_minor"]),
                (Self.body(client: c, team: t, extra: #","planned_expenses":{"amount_minor":100,"currency":"USD"}"#), ["planned_expenses.currency"]),
                (Self.body(client: c, team: t, extra: #","planned_expenses":"100""#), ["planned_expenses"]),
                (Self.body(client: c, team: t, extra: #","budget_amount":{"amount_minor":1.5}"#), ["budget_amount.amount_minor"]),
                (Self.body(client: c, team: t, extra: #","budget_amount":12"#), ["budget_amount"]),
                (Self.body(client: c, team: t, extra: #","status":"paused""#), ["status"]),
                (Self.body(client: c, team: t, extra: #","owner":"me""#), ["owner"]),
                (#"{"client_id":"nope","team_id":"\#(t)","name":"A","code":"A","billing_model":"retainer"}"#, ["client_id"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, "/api/v1/projects", token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            try await world.pool.execute("UPDATE clients SET archived = true WHERE id = \(world.otherClientID)")
            let archived = try await client.call(
                .post, "/api/v1/projects", token: world.adminToken, body: Self.body(client: world.otherClientID, team: t))
            #expect(try archived.errorFields() == ["client_id"])
            #expect(try await world.count("projects") == 0)
        }
    }

    @Test func everyoneListsOnlyTheProjectsTheyMaySeeWithFiltersAndPages() async throws {
        try await withCatalogApp { (world, client) async throws in
            let otherTeam = try await world.newTeam()
            let a = try await world.insertProject(name: "Alpha")
            let b = try await world.insertProject(client: world.otherClientID, name: "Beta", model: "retainer", status: "on_hold")
            let c = try await world.insertProject(team: otherTeam, name: "Gamma")
            let d = try await world.insertProject(client: world.otherClientID, team: otherTeam, name: "Delta", members: [world.roles.member.id])
            let e = try await world.insertProject(client: world.otherClientID, team: otherTeam, name: "Epsilon")
            func ids(_ query: String, _ token: String) async throws -> [String] {
                try await client.call(.get, "/api/v1/projects\(query)", token: token).items().compactMap { $0["id"] as? String }
            }
            #expect(try await ids("", world.adminToken).count == 5)
            #expect(try await ids("", world.managerToken) == [a, b].map(\.description))
            #expect(try await ids("", world.memberToken) == [a, b, d].map(\.description))
            #expect(try await ids("", world.clientToken) == [a, c].map(\.description))
            #expect(try await ids("?client_id=\(world.otherClientID)", world.clientToken) == [])
            #expect(try await ids("?status=on_hold", world.adminToken) == [b.description])
            #expect(try await ids("?billing_model=retainer", world.adminToken) == [b.description])
            #expect(try await ids("?team_id=\(otherTeam)&client_id=\(world.clientID)", world.adminToken) == [c.description])

            let first = try await client.call(.get, "/api/v1/projects?limit=2", token: world.adminToken).object()
            let cursor = try #require(first["next_cursor"] as? String)
            #expect(try await ids("?limit=2&cursor=\(cursor)", world.adminToken) == [d, e].map(\.description))
            let bad = try await client.call(.get, "/api/v1/projects?status=done&billing_model=x&team_id=1&limit=500", token: world.adminToken)
            #expect(try bad.errorFields() == ["billing_model", "limit", "status", "team_id"])
        }
    }
}
