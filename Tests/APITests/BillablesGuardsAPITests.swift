import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Guards found in review of issue 5: who may read money inside validation records,
/// what a change request may adopt as its task, text the database counts differently.
@Suite struct BillablesGuardsAPITests {
    /// A milestone's validation record shows its amount: a member of the project (who
    /// sees budgets in hours only) gets 404; the lead and the client's contact read it.
    @Test func aMilestonesValidationRecordIsHiddenFromMembers() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let id = try #require(try await client.createMilestone(project: project, token: manager, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            let validation = try #require((try await client.deliverMilestone(id, token: manager)["validation"] as? [String: Any])?["id"] as? String)
            let uri = "/api/v1/validations/\(validation)"
            #expect(try await client.call(.get, uri, token: try await world.token(.member)).status == .notFound)
            #expect(try await client.call(.get, uri, token: manager).status == .ok)
            #expect(try await client.call(.get, uri, token: try await world.token(.client)).status == .ok)
            // The milestone itself shows a member no amount either.
            let seen = try await client.call(.get, "/api/v1/milestones/\(id)", token: try await world.token(.member)).object()
            #expect(seen["amount"] is NSNull)
        }
    }

    /// Approval re-prices a linked task's time, so only fresh work may be linked: a task
    /// with approved time or rates of its own is refused (409), and nothing is linked.
    @Test func aChangeRequestAdoptsOnlyAFreshTask() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            _ = try await world.work.insertApprovedTime(on: "2026-04-07", minutes: 60)
            let withTime = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/change-requests", token: manager,
                body: #"{"title":"Newsletter","pricing":"fixed","amount":{"amount_minor":120000},"task_id":"\#(world.work.billableTaskID)"}"#)
            expectProblem(withTime, .conflict, "\(withTime.text)")
            #expect(withTime.text.contains("approved time"))

            let rated = TaskID.random()
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(rated), \(world.projectID), 'Rated', true)")
            try await world.pool.execute(
                "INSERT INTO task_rates (id, task_id, effective_from, rate_scaled) VALUES (\(UUID()), \(rated), '2026-01-01', 1500000)")
            let withRates = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/change-requests", token: manager,
                body: #"{"title":"Blog","pricing":"hourly","hourly_rate":"120.00","task_id":"\#(rated)"}"#)
            expectProblem(withRates, .conflict, "\(withRates.text)")
            #expect(withRates.text.contains("rates of its own"))
            #expect(try await world.pool.queryOne("SELECT count(*) AS n FROM change_requests").decode("n", as: Int.self) == 0)
            let linked = try await world.pool.queryOne("SELECT count(*) AS n FROM tasks WHERE change_request_id IS NOT NULL")
            #expect(try linked.decode("n", as: Int.self) == 0)
        }
    }

    /// PostgreSQL counts characters as Unicode scalars: 150 flags (300 scalars) are too
    /// long for a 200-character name — a 422, never a 500 from the CHECK constraint.
    @Test func namesAreMeasuredAsTheDatabaseMeasuresThem() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let flags = String(repeating: "🇫🇷", count: 150)
            let milestone = try await client.call(
                .post, "/api/v1/projects/\(project)/milestones", token: manager, body: #"{"name":"\#(flags)","percentage":"10"}"#)
            expectProblem(milestone, .invalidInput, "\(milestone.text)")
            let change = try await client.call(
                .post, "/api/v1/projects/\(project)/change-requests", token: manager,
                body: #"{"title":"\#(flags)","pricing":"fixed","amount":{"amount_minor":100}}"#)
            expectProblem(change, .invalidInput, "\(change.text)")
            let criteria = String(repeating: "🇫🇷", count: 6000)
            let long = try await client.call(
                .post, "/api/v1/projects/\(project)/milestones", token: manager,
                body: #"{"name":"Design","percentage":"10","acceptance_criteria":"\#(criteria)"}"#)
            expectProblem(long, .invalidInput, "\(long.text)")
            #expect(try await world.pool.queryOne("SELECT count(*) AS n FROM milestones").decode("n", as: Int.self) == 0)
        }
    }

    /// An hourly estimate priced beyond what money can hold is refused when written,
    /// not discovered later on the budget page.
    @Test func anEstimateTooLargeToPriceIsRefused() async throws {
        try await withValidationApp { world, client in
            let manager = try await world.token(.manager)
            let huge = try await client.call(
                .post, "/api/v1/projects/\(world.projectID)/change-requests", token: manager,
                body: #"{"title":"Everything","pricing":"hourly","estimated_minutes":6000000,"hourly_rate":"90000000000000.00"}"#)
            expectProblem(huge, .invalidInput, "\(huge.text)")
            #expect(huge.text.contains("too large to record"), "\(huge.text)")
        }
    }
}
