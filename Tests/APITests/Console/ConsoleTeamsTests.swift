import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The teams pages of the console (issue 19 item 4), each action checked in the database.
@Suite struct ConsoleTeamsTests {
    /// The team's members as "name lead?" sorted, and its name and version.
    func members(_ team: TeamID, pool: PostgresPool) async throws -> [String] {
        try await pool.query(
            "SELECT u.name, tm.is_lead FROM team_members tm JOIN users u ON u.id = tm.user_id WHERE tm.team_id = \(team) ORDER BY u.name"
        ) { "\(try $0.decode("name", as: String.self))\(try $0.decode("is_lead", as: Bool.self) ? " (lead)" : "")" }
    }

    func nameAndVersion(_ team: TeamID, pool: PostgresPool) async throws -> String {
        let row = try await pool.queryOne("SELECT name, version FROM teams WHERE id = \(team)")
        return "\(try row.decode("name", as: String.self)) v\(try row.decode("version", as: Int32.self))"
    }

    @Test func theAdminCreatesATeamAndManagesItsMembers() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let name = "Studio \(fixture.unique())"
            try await admin.submit("/app/teams", [("name", name)], tokenFrom: "/app/teams")
            let team: TeamID = try await fixture.pool.queryOne("SELECT id FROM teams WHERE name = \(name)").decode("id")
            let page = "/app/teams/\(team)"
            #expect(try await admin.flash(at: page).contains("Team created"))
            #expect(try await nameAndVersion(team, pool: fixture.pool) == "\(name) v1")
            // An empty name is refused; no team.
            try await admin.submit("/app/teams", [("name", "  ")], tokenFrom: "/app/teams")
            #expect(try await admin.flash(at: "/app/teams").contains("Not saved"))
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM teams WHERE btrim(name) = ''").decode("n", as: Int64.self) == 0)

            // The world's manager joins as a lead; a plain member may not lead, then joins as a member.
            let manager = fixture.world.manager
            let member = try await fixture.newStaffUser()
            try await admin.submit("\(page)/members", [("user_id", manager.id.description), ("lead", "on")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("\(manager.name) added to the team"))
            try await admin.submit("\(page)/members", [("user_id", member.id.description), ("lead", "on")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Not saved"))
            #expect(try await members(team, pool: fixture.pool) == ["\(manager.name) (lead)"])
            try await admin.submit("\(page)/members", [("user_id", member.id.description)], tokenFrom: page)
            #expect(try await members(team, pool: fixture.pool).sorted() == ["\(manager.name) (lead)", member.name].sorted())
            let listed = try await admin.page("/app/teams")
            #expect(listed.contains(name) && listed.contains(manager.name))

            // The manager no longer leads; then the team is renamed at its version (3 changes: v4).
            try await admin.submit("\(page)/members/\(manager.id)", [("lead", "")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("\(manager.name) no longer leads the team"))
            #expect(try await members(team, pool: fixture.pool).sorted() == [manager.name, member.name].sorted())
            try await admin.submit(page, [("version", "4"), ("name", "\(name) B")], tokenFrom: page)
            #expect(try await nameAndVersion(team, pool: fixture.pool) == "\(name) B v5")
            // The same form again is stale: refused, nothing changes.
            try await admin.submit(page, [("version", "4"), ("name", "\(name) stale")], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Not saved"))
            #expect(try await nameAndVersion(team, pool: fixture.pool) == "\(name) B v5")

            // Forged tokens change nothing.
            let forgedRemove = try await admin.request(.post, "\(page)/members/\(member.id)/remove", form: [("csrf", "forged")])
            #expect(forgedRemove.status == .forbidden)
            let forgedLead = try await admin.request(.post, "\(page)/members/\(manager.id)", form: [("csrf", "forged"), ("lead", "on")])
            #expect(forgedLead.status == .forbidden)
            let forgedRename = try await admin.request(.post, page, form: [("csrf", "forged"), ("version", "5"), ("name", "Forged")])
            #expect(forgedRename.status == .forbidden)
            #expect(try await members(team, pool: fixture.pool).sorted() == [manager.name, member.name].sorted())
            #expect(try await nameAndVersion(team, pool: fixture.pool) == "\(name) B v5")

            // A manager reads the team without the forms and may not remove anyone.
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            #expect(!(try await lead.page(page)).contains(#"name="version""#))
            let refused = try await lead.request(.post, "\(page)/members/\(member.id)/remove", form: [("csrf", try await lead.csrf())])
            #expect(refused.status == .forbidden)
            #expect(try await members(team, pool: fixture.pool).count == 2)

            // The admin removes the member (the user stays).
            try await admin.submit("\(page)/members/\(member.id)/remove", [], tokenFrom: page)
            #expect(try await admin.flash(at: page).contains("Member removed from the team"))
            #expect(try await members(team, pool: fixture.pool) == [manager.name])
            #expect(try await fixture.pool.queryOne("SELECT count(*) AS n FROM users WHERE id = \(member.id)").decode("n", as: Int64.self) == 1)
        }
    }
}
