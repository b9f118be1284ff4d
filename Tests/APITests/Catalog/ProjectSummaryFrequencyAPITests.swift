import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// `summary_frequency` of a project (issue 14 item 6): set at creation and by PATCH by
/// those who manage the project, read by everyone who sees the project, validated.
@Suite struct ProjectSummaryFrequencyAPITests {
    @Test func theFrequencyIsSetAtCreationChangedByThoseWhoManageTheProjectAndShownToEveryReader() async throws {
        try await withCatalogApp { (world, client) async throws in
            let create = #"{"client_id":"\#(world.clientID)","team_id":"\#(world.teamID)","name":"Summaries","code":"SUM-1","billing_model":"retainer","summary_frequency":"weekly"}"#
            let created = try await client.call(.post, "/api/v1/projects", token: world.managerToken, body: create)
            #expect(created.status == .created)
            let id = try #require(try created.object()["id"] as? String)
            #expect(try created.object()["summary_frequency"] as? String == "weekly")
            let stored: String? = try await world.pool.queryOne("SELECT summary_frequency FROM projects WHERE id = \(ProjectID(uuidString: id)!)")
                .decode("summary_frequency")
            #expect(stored == "weekly")
            // The default is none.
            let plain = #"{"client_id":"\#(world.clientID)","team_id":"\#(world.teamID)","name":"Plain","code":"SUM-2","billing_model":"retainer"}"#
            #expect(try await client.call(.post, "/api/v1/projects", token: world.adminToken, body: plain).object()["summary_frequency"] as? String == "none")

            // Everyone who may read the project reads it.
            for token in [world.adminToken, world.managerToken, world.clientToken] {
                #expect(try await client.call(.get, "/api/v1/projects/\(id)", token: token).object()["summary_frequency"] as? String == "weekly")
            }
            // Those who do not manage it cannot change it.
            for token in [world.memberToken, world.clientToken] {
                let refused = try await client.call(.patch, "/api/v1/projects/\(id)", token: token, body: #"{"summary_frequency":"none"}"#, ifMatch: "\"1\"")
                #expect(refused.status == .forbidden || refused.status == .notFound)
            }
            let monthly = try await client.call(
                .patch, "/api/v1/projects/\(id)", token: world.managerToken, body: #"{"summary_frequency":"monthly"}"#, ifMatch: "\"1\"")
            #expect(monthly.status == .ok)
            #expect(try monthly.object()["summary_frequency"] as? String == "monthly")
            let events = try await client.call(.get, "/api/v1/audit-events?action=project.updated", token: world.adminToken).items()
            #expect((events.first?["after"] as? [String: Any])?["summary_frequency"] as? String == "monthly")
            let none = try await client.call(.patch, "/api/v1/projects/\(id)", token: world.adminToken, body: #"{"summary_frequency":"none"}"#, ifMatch: "\"2\"")
            #expect(try none.object()["summary_frequency"] as? String == "none")
            let cleared: String? = try await world.pool.queryOne("SELECT summary_frequency FROM projects WHERE id = \(ProjectID(uuidString: id)!)")
                .decode("summary_frequency")
            #expect(cleared == nil)
        }
    }

    @Test func aBadFrequencyIs422AndChangesNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())"
            for value in [#""daily""#, "null", #""Weekly""#] {
                let response = try await client.call(.patch, uri, token: world.adminToken, body: #"{"summary_frequency":\#(value),"name":"Changed"}"#, ifMatch: "\"1\"")
                expectProblem(response, .invalidInput, "\(value)")
                #expect(try response.errorFields() == ["summary_frequency"], "\(value)")
            }
            let create = #"{"client_id":"\#(world.clientID)","team_id":"\#(world.teamID)","name":"Bad","code":"BAD-1","billing_model":"retainer","summary_frequency":"yearly"}"#
            let refused = try await client.call(.post, "/api/v1/projects", token: world.adminToken, body: create)
            expectProblem(refused, .invalidInput, "POST")
            #expect(try await world.count("projects") == 1)
            #expect(try await world.count("projects", where: "version = 1 AND summary_frequency IS NULL AND name <> 'Changed'") == 1)
        }
    }
}
