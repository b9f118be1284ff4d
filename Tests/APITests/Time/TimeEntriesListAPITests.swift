import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct TimeEntriesListAPITests {
    /// The member's open and approved time on the world's project, the member's time on
    /// the other client's project, the admin's time on another team's project.
    struct Seeded {
        let memberOpen: TimeEntryID
        let memberApproved: TimeEntryID
        let memberOtherClient: TimeEntryID
        let managerOwn: TimeEntryID
        let adminElsewhere: TimeEntryID
    }

    func seed(_ world: TimeAPIWorld) async throws -> Seeded {
        let elsewhere = try await world.newProject(team: try await world.otherTeam(), members: [.admin])
        return Seeded(
            memberOpen: try await world.insertEntry("2026-03-02"),
            memberApproved: try await world.insertEntry("2026-03-03", status: "approved"),
            memberOtherClient: try await world.insertEntry(
                "2026-03-04", project: world.work.otherProjectID, task: world.work.otherTaskID, status: "approved"),
            managerOwn: try await world.insertEntry("2026-03-05", by: .manager),
            adminElsewhere: try await world.insertEntry("2026-03-06", by: .admin, project: elsewhere.project, task: elsewhere.task))
    }

    func ids(_ client: any TestClientProtocol, _ uri: String, token: String) async throws -> Set<String> {
        let response = try await client.call(.get, uri, token: token)
        #expect(response.status == .ok, "\(uri): \(response.text)")
        return Set(try response.items().compactMap { $0["id"] as? String })
    }

    @Test func eachRoleListsWhatItMaySee() async throws {
        try await withTimeApp { (world, client) async throws in
            let seeded = try await seed(world)
            let all = Set(
                [seeded.memberOpen, seeded.memberApproved, seeded.memberOtherClient, seeded.managerOwn, seeded.adminElsewhere].map(\.description))
            #expect(try await ids(client, "/api/v1/time-entries", token: world.token(.admin)) == all)
            // The manager leads the team of both of the world's projects, not the other team.
            #expect(
                try await ids(client, "/api/v1/time-entries", token: world.token(.manager)) == all.subtracting([seeded.adminElsewhere.description]))
            #expect(
                try await ids(client, "/api/v1/time-entries", token: world.token(.member))
                    == Set([seeded.memberOpen, seeded.memberApproved, seeded.memberOtherClient].map(\.description)))
            // The contact sees signed-off time of their own client only, never another client's.
            #expect(try await ids(client, "/api/v1/time-entries", token: world.token(.client)) == [seeded.memberApproved.description])

            let contactView = try await client.call(.get, "/api/v1/time-entries/\(seeded.memberApproved)", token: world.token(.client))
            #expect(contactView.status == .ok)
            #expect(!(try contactView.object().keys.contains("cost_rate")))
            let adminView = try await client.call(.get, "/api/v1/time-entries/\(seeded.memberApproved)", token: world.token(.admin))
            let cost = try #require(try adminView.object()["cost_rate"] as? [String: Any])
            #expect(cost["rate"] as? String == "50.00")
            let billable = try #require(try adminView.object()["billable_rate"] as? [String: Any])
            #expect(billable["rate_scaled"] as? Int == 950_000)
        }
    }

    @Test func entriesOutsideTheCallersViewAre404() async throws {
        try await withTimeApp { (world, client) async throws in
            let seeded = try await seed(world)
            let hidden: [(RoleWorld.Who, TimeEntryID)] = [
                (.member, seeded.managerOwn), (.manager, seeded.adminElsewhere), (.client, seeded.memberOpen),
                (.client, seeded.memberOtherClient),
            ]
            for (who, id) in hidden {
                let response = try await client.call(.get, "/api/v1/time-entries/\(id)", token: world.token(who))
                #expect(response.status == .notFound, "\(who)")
                #expect(response.isProblem)
            }
            #expect(try await client.call(.get, "/api/v1/time-entries/not-a-uuid", token: world.token(.admin)).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/time-entries/\(seeded.memberOpen)", token: nil).status == .unauthorized)
        }
    }

    @Test func filtersAndCursorPagination() async throws {
        try await withTimeApp { (world, client) async throws in
            for day in 2...6 { try await world.insertEntry("2026-03-0\(day)") }
            try await world.insertEntry("2026-03-04", task: world.meetingTaskID, status: "submitted")
            try await world.insertEntry("2026-03-04", project: world.work.otherProjectID, task: world.work.otherTaskID)
            let token = world.token(.member)

            let ranged = try await client.call(.get, "/api/v1/time-entries?from=2026-03-03&to=2026-03-04", token: token).items()
            #expect(ranged.count == 4)
            #expect(Set(ranged.compactMap { $0["work_date"] as? String }) == ["2026-03-03", "2026-03-04"])
            let submitted = try await client.call(.get, "/api/v1/time-entries?status=submitted", token: token).items()
            #expect(submitted.count == 1)
            let other = try await client.call(.get, "/api/v1/time-entries?project_id=\(world.work.otherProjectID)", token: token).items()
            #expect(other.count == 1)
            let byUser = try await client.call(.get, "/api/v1/time-entries?user_id=\(world.user(.member))", token: world.token(.admin)).items()
            #expect(byUser.count == 7)

            var seen: [String] = []
            var uri = "/api/v1/time-entries?limit=3"
            while true {
                let page = try await client.call(.get, uri, token: token).object()
                let items = try #require(page["items"] as? [[String: Any]])
                seen += items.compactMap { $0["id"] as? String }
                guard let cursor = page["next_cursor"] as? String else { break }
                uri = "/api/v1/time-entries?limit=3&cursor=\(cursor)"
            }
            #expect(seen.count == 7)
            #expect(Set(seen).count == 7)

            let bad = try await client.call(
                .get, "/api/v1/time-entries?from=2026-03-05&to=2026-03-01&status=done&cursor=zz&limit=500&project_id=x", token: token)
            expectProblem(bad, .invalidInput)
            #expect(try bad.errorFields() == ["cursor", "limit", "project_id", "status", "to"])
        }
    }
}
