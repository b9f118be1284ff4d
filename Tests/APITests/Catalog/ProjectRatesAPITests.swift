import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct ProjectRatesAPITests {
    @Test func anAdminSetsProjectMemberAndTaskRatesThatResolveMostSpecificFirst() async throws {
        try await withCatalogApp { (world, client) async throws in
            let member = world.roles.member.id
            let project = try await world.insertProject(members: [member])
            let task = try await world.insertTask(project: project)
            let uri = "/api/v1/projects/\(project)/rates"
            let bodies = [
                #"{"effective_from":"2026-01-01","rate":"90"}"#,
                #"{"user_id":"\#(member)","effective_from":"2026-01-01","rate":"95.5"}"#,
                #"{"task_id":"\#(task)","effective_from":"2026-03-01","rate":"81.2500"}"#,
            ]
            var ids: [String] = []
            for body in bodies {
                let created = try await client.call(.post, uri, token: world.adminToken, body: body)
                #expect(created.status == .created, "\(body)")
                let id = try #require(try created.object()["id"] as? String)
                #expect(created.headers[.location] == "\(uri)/\(id)")
                ids.append(id)
            }
            let listed = try await client.call(.get, uri, token: world.adminToken).items()
            #expect(listed.compactMap { $0["level"] as? String } == ["project", "project_member", "task"])
            #expect(listed.compactMap { $0["rate"] as? String } == ["90.00", "95.50", "81.25"])
            #expect(listed.compactMap { $0["currency"] as? String } == ["EUR", "EUR", "EUR"])
            #expect(listed[1]["user_id"] as? String == member.description)
            #expect(listed[0]["user_id"] is NSNull)
            let one = try await client.call(.get, "\(uri)/\(ids[2])", token: world.adminToken).object()
            #expect(one["task_id"] as? String == task.description)
            #expect(one["rate_scaled"] as? Int == 812_500)
            #expect(try await world.count("audit_events", where: "action = 'project_rate.created'") == 3)

            // What the time workflow will do with them: the most specific rate in force wins.
            var resolver = RateResolver()
            for rate in try await ProjectRateStore().list(projectID: project, on: world.pool) { resolver.add(rate) }
            let february = try #require(LocalDate(iso: "2026-02-10"))
            let march = try #require(LocalDate(iso: "2026-03-10"))
            #expect(resolver.resolveBillable(on: february, task: task, project: project, user: member)?.level == .projectMember)
            #expect(resolver.resolveBillable(on: march, task: task, project: project, user: member)?.rate.scaled == 812_500)
            #expect(resolver.resolveBillable(on: march, task: nil, project: project, user: world.roles.admin.id)?.level == .project)
        }
    }

    @Test func aSecondRateForTheSameTargetOnTheSameDayIsAConflict() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject(members: [world.roles.member.id])
            let uri = "/api/v1/projects/\(project)/rates"
            let member = #"{"user_id":"\#(world.roles.member.id)","effective_from":"2026-01-01","rate":"95"}"#
            #expect(try await client.call(.post, uri, token: world.adminToken, body: member).status == .created)
            #expect(try await client.call(.post, uri, token: world.adminToken, body: member).status == .conflict)
            // The project's own rate on that day is another target.
            #expect(try await client.call(.post, uri, token: world.adminToken, body: #"{"effective_from":"2026-01-01","rate":"90"}"#).status == .created)
            #expect(try await world.count("project_rates") == 2)
        }
    }

    @Test func badRatesAre422NamingTheFieldAndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            let foreignTask = try await world.insertTask(project: try await world.insertProject())
            let uri = "/api/v1/projects/\(project)/rates"
            let cases: [(String, [String])] = [
                (#"{"effective_from":"2026-01-01","rate":"87.12345"}"#, ["rate"]),
                (#"{"effective_from":"2026-01-01","rate":"-1"}"#, ["rate"]),
                (#"{"effective_from":"2026-01-01","rate":87.5}"#, ["rate"]),
                (#"{"effective_from":"2026-02-30","rate":"87.5"}"#, ["effective_from"]),
                (#"{"rate":"87.5"}"#, ["effective_from"]),
                (#"{"user_id":"\#(world.roles.member.id)","effective_from":"2026-01-01","rate":"80"}"#, ["user_id"]),
                (#"{"task_id":"\#(foreignTask)","effective_from":"2026-01-01","rate":"80"}"#, ["task_id"]),
                (#"{"user_id":"\#(world.roles.member.id)","task_id":"\#(foreignTask)","effective_from":"2026-01-01","rate":"x"}"#, ["rate", "task_id"]),
                (#"{"effective_from":"2026-01-01","rate":"80","currency":"USD"}"#, ["currency"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await world.count("project_rates") + world.count("task_rates") == 0)
        }
    }

    @Test func ratesAreAdminOnlyAndHiddenFromOtherClients() async throws {
        try await withCatalogApp { (world, client) async throws in
            let own = try await world.insertProject(members: [world.roles.member.id])
            let other = try await world.insertProject(client: world.otherClientID)
            let body = #"{"effective_from":"2026-01-01","rate":"90"}"#
            for token in [world.managerToken, world.memberToken, world.clientToken] {
                #expect(try await client.call(.get, "/api/v1/projects/\(own)/rates", token: token).status == .forbidden)
                #expect(try await client.call(.post, "/api/v1/projects/\(own)/rates", token: token, body: body).status == .forbidden)
            }
            #expect(try await client.call(.get, "/api/v1/projects/\(other)/rates", token: world.clientToken).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/projects/\(other)/rates", token: world.clientToken, body: body).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/projects/\(own)/rates/\(UUID())", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/projects/\(UUID())/rates", token: world.adminToken, body: body).status == .notFound)
            #expect(try await world.count("project_rates") == 0)
        }
    }
}
