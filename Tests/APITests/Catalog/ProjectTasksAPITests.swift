import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ProjectTasksAPITests {
    @Test func anAdminAddsATaskWithARateForAllOfItsWork() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            let uri = "/api/v1/projects/\(project)/tasks"
            let created = try await client.call(
                .post, uri, token: world.adminToken, body: #"{"name":"Design","billable":true,"rate":"112.5","estimated_hours":"1.5"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let task = try created.object()
            #expect(task["estimated_minutes"] as? Int == 90)
            #expect(task["estimated_hours"] as? String == "1.50")
            #expect(task["billable"] as? Bool == true)
            #expect(task["archived"] as? Bool == false)
            let taskID = try #require(task["id"] as? String)
            #expect(created.headers[.location] == "\(uri)/\(taskID)")

            let rates = try await client.call(.get, "/api/v1/projects/\(project)/rates", token: world.adminToken).items()
            #expect(rates.count == 1)
            #expect(rates.first?["task_id"] as? String == taskID)
            #expect(rates.first?["level"] as? String == "task")
            #expect(rates.first?["rate"] as? String == "112.50")
            #expect(rates.first?["rate_scaled"] as? Int == 1_125_000)
            #expect(rates.first?["effective_from"] as? String == "0001-01-01")
            #expect(try await world.count("audit_events", where: "action IN ('task.created', 'project_rate.created')") == 2)

            for token in [world.managerToken, world.memberToken, world.clientToken] {
                #expect(try await client.call(.get, uri, token: token).items().count == 1)
                #expect(try await client.call(.get, "\(uri)/\(taskID)", token: token).status == .ok)
            }
        }
    }

    @Test func theTeamLeadAddsTasksButOnlyTheAdminSetsTheirRate() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())/tasks"
            let plain = try await client.call(.post, uri, token: world.managerToken, body: #"{"name":"Meetings","billable":false}"#)
            #expect(plain.status == .created)
            #expect(try plain.object()["billable"] as? Bool == false)
            let priced = try await client.call(.post, uri, token: world.managerToken, body: #"{"name":"Build","rate":"90"}"#)
            #expect(priced.status == .forbidden)
            #expect(try await client.call(.post, uri, token: world.memberToken, body: #"{"name":"Build"}"#).status == .forbidden)
            #expect(try await client.call(.post, uri, token: world.clientToken, body: #"{"name":"Build"}"#).status == .forbidden)
            #expect(try await world.count("tasks") == 1)
            #expect(try await world.count("task_rates") == 0)
        }
    }

    @Test func taskNamesAreUniqueWithinAProject() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            _ = try await world.insertTask(project: project, name: "Design")
            let clash = try await client.call(.post, "/api/v1/projects/\(project)/tasks", token: world.adminToken, body: #"{"name":"DESIGN"}"#)
            expectProblem(clash, .conflict)
            let other = try await world.insertTask(project: project, name: "Build")
            let rename = try await client.call(
                .patch, "/api/v1/projects/\(project)/tasks/\(other)", token: world.adminToken, body: #"{"name":"design"}"#, ifMatch: "\"1\"")
            expectProblem(rename, .conflict)
            let elsewhere = try await world.insertProject()
            let fine = try await client.call(.post, "/api/v1/projects/\(elsewhere)/tasks", token: world.adminToken, body: #"{"name":"Design"}"#)
            #expect(fine.status == .created)
        }
    }

    @Test func badTasksAre422AndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/projects/\(try await world.insertProject())/tasks"
            let cases: [(String, [String])] = [
                (#"{"name":"  ","rate":"1.23456","estimated_hours":"0"}"#, ["estimated_hours", "name", "rate"]),
                (#"{"name":"A","rate":12}"#, ["rate"]),
                (#"{"name":"A","estimated_minutes":-4}"#, ["estimated_minutes"]),
                (#"{"name":"A","archived":true}"#, ["archived"]),
                (#"{"name":"A","billable":"yes"}"#, ["billable"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await world.count("tasks") == 0)
        }
    }

    @Test func changingATaskNeedsAFreshIfMatch() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            let task = try await world.insertTask(project: project)
            let uri = "/api/v1/projects/\(project)/tasks/\(task)"
            let body = #"{"billable":false,"archived":true,"estimated_minutes":30}"#
            #expect(try await client.call(.patch, uri, token: world.managerToken, body: body).status == .preconditionRequired)
            #expect(try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"9\"").status == .preconditionFailed)
            #expect(try await client.call(.patch, uri, token: world.memberToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await client.call(.patch, uri, token: world.adminToken, body: #"{"rate":"9"}"#, ifMatch: "\"1\"").status == .unprocessableContent)
            let changed = try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"1\"")
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"2\"")
            #expect(try changed.object()["archived"] as? Bool == true)
            #expect(try changed.object()["billable"] as? Bool == false)
            #expect(try await world.count("audit_events", where: "action = 'task.updated'") == 1)

            // A task is found only under its own project.
            let elsewhere = "/api/v1/projects/\(try await world.insertProject())/tasks/\(task)"
            #expect(try await client.call(.get, elsewhere, token: world.adminToken).status == .notFound)
            #expect(try await client.call(.patch, elsewhere, token: world.adminToken, body: body, ifMatch: "\"2\"").status == .notFound)
        }
    }
}
