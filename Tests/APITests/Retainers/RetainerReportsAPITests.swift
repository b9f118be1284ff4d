import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct RetainerReportsAPITests {
    @Test func theReportShowsTheTrendOfTheLastCompletedPeriodsAndSuggestsARenewal() async throws {
        try await withRetainerApp(today: "2026-04-15") { world, client in
            // Over: 26 h a month against 20 h.
            try await world.createRetainer(client)
            for day in ["2026-01-15", "2026-02-15", "2026-03-15"] { try await world.logRetainerTime(day, minutes: 26 * 60) }
            try await world.logRetainerTime("2026-04-02", minutes: 5 * 60)
            // Under: 11 h a month.
            let under = try await world.newProject()
            try await world.createRetainer(client, project: under.project)
            for day in ["2026-01-15", "2026-02-15", "2026-03-15"] {
                try await world.logRetainerTime(day, minutes: 11 * 60, project: under.project, task: under.task)
            }
            // Within range: 20 h, 23 h, 15 h.
            let within = try await world.newProject()
            try await world.createRetainer(client, project: within.project)
            for (day, hours) in [("2026-01-15", 20), ("2026-02-15", 23), ("2026-03-15", 15)] {
                try await world.logRetainerTime(day, minutes: hours * 60, project: within.project, task: within.task)
            }
            // Another team's project, started in March: one completed period only.
            let elsewhere = try await world.newProject(team: try await world.otherTeam())
            try await world.createRetainer(client, project: elsewhere.project, json: retainerJSON(start: "2026-03-01"))

            let response = try await client.send(.get, "/api/v1/reports/retainers", token: world.token(.admin))
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.object()["as_of"] as? String == "2026-04-15")
            let items = try response.items()
            #expect(items.count == 4)
            func item(_ project: ProjectID) throws -> [String: Any] {
                try #require(items.first { $0["project_id"] as? String == project.description })
            }
            func renewal(_ project: ProjectID) throws -> [String: Any] {
                try #require(try item(project)["renewal"] as? [String: Any])
            }

            let over = try item(world.projectID)
            #expect(over["project_name"] as? String == "Website relaunch")
            #expect(over["client_name"] as? String == "Client A")
            #expect(over.money("monthly_fee")?.amountMinor == 200_000)
            let trend = try #require(over["trend"] as? [[String: Any]])
            // Date ranges are from/to, both days included (the glossary), never start/end.
            #expect(trend.map { $0["from"] as? String } == ["2026-01-01", "2026-02-01", "2026-03-01"])
            #expect(trend.map { $0["to"] as? String } == ["2026-01-31", "2026-02-28", "2026-03-31"])
            for period in trend { #expect(period["start"] == nil && period["end"] == nil) }
            #expect(trend.map { $0["consumed_minutes"] as? Int } == [1560, 1560, 1560])
            #expect(trend.map { $0["included_minutes"] as? Int } == [1200, 1200, 1200])
            #expect(trend.map { $0["consumed_percent"] as? Int } == [130, 130, 130])
            let current = try #require(over["current_period"] as? [String: Any])
            #expect(current["from"] as? String == "2026-04-01")
            #expect(current["to"] as? String == "2026-04-30")
            #expect(current["consumed_minutes"] as? Int == 300)
            #expect(current["complete"] as? Bool == false)
            #expect(try renewal(world.projectID)["kind"] as? String == "raise_included")
            #expect(
                try renewal(world.projectID)["message"] as? String
                    == "Consistently 30 % over the included hours: raise the included hours to 26 h.")
            #expect(try renewal(world.projectID)["suggested_included_hours"] as? String == "26.00")

            #expect(try renewal(under.project)["kind"] as? String == "lower_included_or_fee")
            #expect(
                try renewal(under.project)["message"] as? String
                    == "Consistently 45 % under the included hours: lower the included hours or the fee.")
            #expect(try renewal(within.project)["message"] as? String == "Consumption is within range: renew as is.")
            #expect(try renewal(elsewhere.project)["kind"] as? String == "not_enough_history")
            #expect(try (item(elsewhere.project)["trend"] as? [Any])?.count == 1)
        }
    }

    @Test func aManagerSeesTheirTeamsRetainersAndOthersAreRefused() async throws {
        try await withRetainerApp { world, client in
            try await world.createRetainer(client)
            let elsewhere = try await world.newProject(team: try await world.otherTeam())
            try await world.createRetainer(client, project: elsewhere.project)

            let manager = try await client.send(.get, "/api/v1/reports/retainers", token: world.token(.manager))
            #expect(manager.status == .ok)
            #expect(try manager.items().map { $0["project_id"] as? String } == [world.projectID.description])
            for who in [RoleWorld.Who.member, .client] {
                let refused = try await client.send(.get, "/api/v1/reports/retainers", token: world.token(who))
                #expect(refused.status == .forbidden)
                #expect(refused.isProblem)
            }
        }
    }

    @Test func anEmptyReportIsAnEmptyList() async throws {
        try await withRetainerApp { world, client in
            let response = try await client.send(.get, "/api/v1/reports/retainers", token: world.token(.admin))
            #expect(response.status == .ok)
            #expect(try response.items().isEmpty)
        }
    }
}
