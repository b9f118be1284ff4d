import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Decisions raced against each other: exactly one wins, the others get a clear 409
/// (or see the winner's result), and the stored state is the winner's.
@Suite struct BillablesConcurrencyAPITests {
    /// The contact accepts while the admin rejects on their behalf, four times each at once.
    @Test func concurrentAcceptAndRejectOfOneMilestoneDecideItOnce() async throws {
        try await withValidationApp { world, client in
            let project = try await world.newFixedPriceProject()
            let manager = try await world.token(.manager)
            let id = try #require(try await client.createMilestone(project: project, token: manager, #"{"name":"Design","percentage":"30"}"#)["id"] as? String)
            _ = try await client.deliverMilestone(id, token: manager)
            let contact = try await world.token(.client)
            let admin = try await world.token(.admin)
            let statuses = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status).self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        let response =
                            attempt.isMultiple(of: 2)
                            ? try await client.call(.post, "/api/v1/milestones/\(id)/accept", token: contact)
                            : try await client.call(.post, "/api/v1/milestones/\(id)/reject", token: admin, body: #"{"comment":"Not yet"}"#)
                        return (attempt.isMultiple(of: 2) ? "accepted" : "rejected", response.status)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = statuses.filter { $0.1 == .ok }
            #expect(winners.count == 1, "\(statuses)")
            #expect(statuses.filter { $0.1 == .conflict }.count == 7, "\(statuses)")
            let stored = try await world.pool.queryOne("SELECT status FROM milestones WHERE id = \(UUID(uuidString: id)!)")
            #expect(try stored.decode("status", as: String.self) == winners.first?.0)
            let decided = try await world.pool.queryOne(
                "SELECT count(*) AS n FROM validations WHERE subject_id = \(UUID(uuidString: id)!) AND status <> 'pending'")
            #expect(try decided.decode("n", as: Int.self) == 1)
        }
    }

    /// Two approvers approve and reject the same submitted expense at once.
    @Test func concurrentApprovalsOfOneExpenseApplyOnce() async throws {
        try await withExpenseApp { (world, client) async throws in
            let expense = try await world.insertExpense(status: "submitted")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 0..<6 {
                    group.addTask {
                        let token = attempt.isMultiple(of: 2) ? world.token(.admin) : world.token(.manager)
                        let decision = attempt < 3 ? "approve" : "reject"
                        return try await client.decideExpenses([expense], decision, reason: "Missing receipt", token: token).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 5, "\(statuses)")
            let events = try await world.pool.queryOne(
                "SELECT count(*) AS n FROM audit_events WHERE action IN ('expense.approved', 'expense.rejected') AND subject_id = \(expense)")
            #expect(try events.decode("n", as: Int.self) == 1)
        }
    }
}
