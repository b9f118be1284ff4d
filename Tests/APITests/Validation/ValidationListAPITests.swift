import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 10 item 7: a lead who lost the one-time answer finds the request again.
@Suite struct ValidationListAPITests {
    @Test func aProjectsRequestsAreListedNewestFirstAndEntriesNameTheirRequest() async throws {
        try await withValidationApp { world, client in
            let entries = try await world.insertApprovedWeek()
            let lead = try await world.token(.manager)
            let first = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: lead, body: #"{"from":"2026-05-18","to":"2026-05-19"}"#)
            #expect(first.status == .created, "\(first.text)")
            world.clock.advance(by: .seconds(60))
            let second = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/validations", token: lead, body: #"{"from":"2026-05-20","to":"2026-05-22"}"#)
            let firstID = try #require(try first.object()["id"] as? String)
            let secondID = try #require(try second.object()["id"] as? String)

            let all = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations", token: lead)
            #expect(all.status == .ok, "\(all.text)")
            #expect(try all.items().compactMap { $0["id"] as? String } == [secondID, firstID])
            #expect(try all.items().allSatisfy { $0["link"] == nil }, "no link token in a listing")

            let paged = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations?limit=1", token: lead).object()
            let cursor = try #require(paged["next_cursor"] as? String)
            let next = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations?limit=1&cursor=\(cursor)", token: lead)
            #expect(try next.items().compactMap { $0["id"] as? String } == [firstID])

            let period = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations?from=2026-05-21", token: lead)
            #expect(try period.items().compactMap { $0["id"] as? String } == [secondID])
            let pending = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations?status=accepted", token: lead)
            #expect(try pending.items().isEmpty)
            let contact = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations", token: try await world.token(.client))
            #expect(try contact.items().count == 2)
            let bad = try await client.call(.get, "/api/v1/projects/\(world.projectID)/validations?status=maybe", token: lead)
            #expect(try bad.errorFields() == ["status"])

            // Each entry names the request that covers it.
            let entry = try await client.call(.get, "/api/v1/time-entries/\(entries[0])", token: lead).object()
            #expect(entry["validation_id"] as? String == firstID, "\(entry)")
            let later = try await client.call(.get, "/api/v1/time-entries/\(entries[3])", token: lead).object()
            #expect(later["validation_id"] as? String == secondID)
        }
    }
}
