import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension MatrixFixture {
    /// A fresh team with the world's member in it (not a lead).
    func newTeamWithMember() async throws -> TeamID {
        let team = try await newTeam()
        try await pool.execute("INSERT INTO team_members (team_id, user_id) VALUES (\(team), \(world.member.id))")
        return team
    }
}

extension ConsoleMatrixTests {
    /// Teams (issue 19 item 4): staff read them, as `GET /api/v1/teams`; only the admin
    /// creates, renames and changes members; a client contact may not know of a team (404).
    static let teams: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/teams", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/teams", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(form: [("name", "Team \(fixture.unique())")])
        },
        ConsoleCase(
            method: .get, route: "/app/teams/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/teams/\(fixture.world.teamID)")
        },
        ConsoleCase(
            method: .post, route: "/app/teams/{id}",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/teams/\(try await fixture.newTeam())", form: [("version", "1"), ("name", "Renamed \(fixture.unique())")])
        },
        ConsoleCase(
            method: .post, route: "/app/teams/{id}/members",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/teams/\(try await fixture.newTeam())/members", form: [("user_id", fixture.world.member.id.description)])
        },
        ConsoleCase(
            method: .post, route: "/app/teams/{id}/members/{user_id}",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/teams/\(try await fixture.newTeamWithMember())/members/\(fixture.world.member.id)", form: [("lead", "")])
        },
        ConsoleCase(
            method: .post, route: "/app/teams/{id}/members/{user_id}/remove",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/teams/\(try await fixture.newTeamWithMember())/members/\(fixture.world.member.id)/remove", form: [])
        },
    ]
}
