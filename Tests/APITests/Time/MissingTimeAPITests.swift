import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct MissingTimeAPITests {
    /// name → missing dates, from a report response.
    func missing(_ response: TestResponse) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for item in try response.items() {
            result[item["name"] as? String ?? "?"] = item["missing_dates"] as? [String] ?? []
        }
        return result
    }

    @Test func workingDaysWithoutTimeAreListedPerCollaborator() async throws {
        try await withTimeApp { (world, client) async throws in
            // Week of 2026-03-02: the member logs Monday, Wednesday and Saturday; the
            // manager every working day; the admin nothing.
            for date in ["2026-03-02", "2026-03-04", "2026-03-07"] { try await world.insertEntry(date) }
            for day in 2...6 { try await world.insertEntry("2026-03-0\(day)", by: .manager) }
            let range = "from=2026-03-02&to=2026-03-08"

            let own = try await client.call(.get, "/api/v1/reports/missing-time?\(range)", token: world.token(.member))
            #expect(own.status == .ok)
            #expect(try own.object()["working_days"] as? Int == 5)
            #expect(try missing(own) == ["Mia Member": ["2026-03-03", "2026-03-05", "2026-03-06"]])
            #expect(try own.items().first?["missing_days"] as? Int == 3)

            let everyone = try await client.call(.get, "/api/v1/reports/missing-time?\(range)", token: world.token(.admin))
            #expect(
                try missing(everyone) == [
                    "Ada Admin": ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"],
                    "Mia Member": ["2026-03-03", "2026-03-05", "2026-03-06"],
                ])
            let team = try await client.call(
                .get, "/api/v1/reports/missing-time?\(range)&team_id=\(world.roles.teamID)", token: world.token(.manager))
            #expect(team.status == .ok)
            #expect(try missing(team) == ["Mia Member": ["2026-03-03", "2026-03-05", "2026-03-06"]])
            let led = try await client.call(.get, "/api/v1/reports/missing-time?\(range)", token: world.token(.manager))
            #expect(try missing(led) == ["Mia Member": ["2026-03-03", "2026-03-05", "2026-03-06"]])

            // An inactive collaborator is not reported.
            try await world.pool.execute("UPDATE users SET active = false WHERE id = \(world.user(.admin))")
            let afterDeactivation = try await client.call(.get, "/api/v1/reports/missing-time?\(range)", token: world.token(.manager))
            #expect(try missing(afterDeactivation).keys.sorted() == ["Mia Member"])
        }
    }

    @Test func whoMayReadWhichReport() async throws {
        try await withTimeApp { (world, client) async throws in
            let range = "from=2026-03-02&to=2026-03-06"
            let other = try await world.otherTeam()
            #expect(try await client.call(.get, "/api/v1/reports/missing-time?\(range)", token: world.token(.client)).status == .forbidden)
            #expect(
                try await client.call(.get, "/api/v1/reports/missing-time?\(range)&team_id=\(world.roles.teamID)", token: world.token(.member)).status
                    == .forbidden)
            #expect(
                try await client.call(.get, "/api/v1/reports/missing-time?\(range)&team_id=\(other)", token: world.token(.manager)).status
                    == .forbidden)
            #expect(try await client.call(.get, "/api/v1/reports/missing-time?\(range)&team_id=\(other)", token: world.token(.admin)).status == .ok)
            #expect(
                try await client.call(.get, "/api/v1/reports/missing-time?\(range)&team_id=\(TeamID.random())", token: world.token(.admin)).status
                    == .notFound)
        }
    }

    @Test func aBadRangeIs422() async throws {
        try await withTimeApp { (world, client) async throws in
            let cases: [(String, [String])] = [
                ("", ["from", "to"]),
                ("from=2026-03-02", ["to"]),
                ("from=2026-03-09&to=2026-03-02", ["to"]),
                ("from=2026-01-01&to=2027-06-30", ["to"]),
                ("from=yesterday&to=2026-03-02", ["from"]),
                ("from=2026-03-02&to=2026-03-06&team_id=x", ["team_id"]),
            ]
            for (query, fields) in cases {
                let response = try await client.call(.get, "/api/v1/reports/missing-time?\(query)", token: world.token(.admin))
                expectProblem(response, .invalidInput, "\(query)")
                #expect(try response.errorFields() == fields, "\(query)")
            }
        }
    }
}
