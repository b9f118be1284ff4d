import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ProjectBudgetAPITests {
    /// Approves a change request through the client contact's account.
    func approve(_ json: String, world: ValidationAPIWorld, client: some TestClientProtocol) async throws {
        let manager = try await world.token(.manager)
        let id = try #require(try await client.createChangeRequest(project: world.projectID, token: manager, json)["id"] as? String)
        _ = try await client.quoteChangeRequest(id, token: manager)
        #expect(try await client.call(.post, "/api/v1/change-requests/\(id)/accept", token: try await world.token(.client)).status == .ok)
    }

    @Test func acceptedChangesMoveTheCurrentBudgetAndKeepTheBaseline() async throws {
        try await withValidationApp { world, client in
            // Baseline: 1000 hours (the world's 60 000 minutes) and 50 000.00 EUR.
            try await world.pool.execute("UPDATE projects SET budget_amount_minor = 5000000 WHERE id = \(world.projectID)")
            try await approve(#"{"title":"Newsletter","pricing":"fixed","estimated_hours":"10","amount":{"amount_minor":120000}}"#, world: world, client: client)
            try await approve(#"{"title":"Blog","pricing":"hourly","estimated_hours":"5","hourly_rate":"100"}"#, world: world, client: client)
            // Consumed: 2 h at 95.00, and 1 h 20 at 95.00 (126.666… → 126.67), plus an open entry that does not count.
            try await world.work.insertApprovedTime(on: "2026-05-18", minutes: 120)
            try await world.work.insertApprovedTime(on: "2026-05-19", minutes: 80)
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
                VALUES (\(UUID()), \(world.work.roles.member.id), \(world.projectID), \(world.work.billableTaskID), '2026-05-20', 60, true, 'open')
                """)

            let budget = try await client.call(.get, "/api/v1/projects/\(world.projectID)/budget", token: try await world.token(.manager)).object()
            #expect(budget["detail"] as? String == "full")
            func figure(_ key: String) throws -> [String: Any] { try #require(budget[key] as? [String: Any]) }
            func amount(_ key: String) throws -> Int? { (try figure(key)["amount"] as? [String: Any])?["amount_minor"] as? Int }
            #expect(try figure("baseline")["minutes"] as? Int == 60_000)
            #expect(try figure("baseline")["hours"] as? String == "1000.00")
            #expect(try amount("baseline") == 5_000_000)
            let changes = try #require(budget["accepted_changes"] as? [[String: Any]])
            #expect(changes.map { $0["reference"] as? String } == ["CR-1", "CR-2"])
            #expect(changes[1].money("amount")?.amountMinor == 50_000)
            #expect(try figure("current")["minutes"] as? Int == 60_900)
            #expect(try amount("current") == 5_170_000)
            #expect(try figure("consumed")["minutes"] as? Int == 200)
            #expect(try amount("consumed") == 19_000 + 12_667)
            #expect(try figure("remaining")["minutes"] as? Int == 60_700)
            #expect(try amount("remaining") == 5_170_000 - 31_667)
            let stored = try await world.pool.queryOne("SELECT budget_minutes, budget_amount_minor FROM projects WHERE id = \(world.projectID)")
            #expect(try stored.decode("budget_minutes", as: Int.self) == 60_000)
            #expect(try stored.decode("budget_amount_minor", as: Int64.self) == 5_000_000)
        }
    }

    /// Issue 10 item 2: a 10 000.00 fixed-price project answered baseline null and
    /// remaining −1 590.00.
    @Test func aFixedPriceProjectsBudgetStartsFromItsContractAmount() async throws {
        try await withValidationApp { world, client in
            try await world.pool.execute(
                "UPDATE projects SET billing_model = 'fixed_price', contract_amount_minor = 1000000 WHERE id = \(world.projectID)")
            try await approve(#"{"title":"Newsletter","pricing":"fixed","estimated_hours":"10","amount":{"amount_minor":120000}}"#, world: world, client: client)
            try await world.work.insertApprovedTime(on: "2026-05-18", minutes: 120)

            let budget = try await client.call(.get, "/api/v1/projects/\(world.projectID)/budget", token: try await world.token(.admin)).object()
            func amount(_ key: String) -> Int? { ((budget[key] as? [String: Any])?["amount"] as? [String: Any])?["amount_minor"] as? Int }
            #expect(amount("baseline") == 1_000_000)
            #expect(amount("current") == 1_120_000)
            #expect(amount("consumed") == 19_000)
            #expect(amount("remaining") == 1_120_000 - 19_000)
        }
    }

    @Test func membersSeeHoursOnlyAndTheClientSeesWhatWasBilled() async throws {
        try await withValidationApp { world, client in
            try await world.pool.execute("UPDATE projects SET budget_amount_minor = 5000000 WHERE id = \(world.projectID)")
            try await world.work.insertApprovedTime(on: "2026-05-18", minutes: 120)
            let member = try await client.call(.get, "/api/v1/projects/\(world.projectID)/budget", token: try await world.token(.member)).object()
            #expect(member["detail"] as? String == "hours_only")
            #expect((member["baseline"] as? [String: Any])?["amount"] is NSNull)
            #expect((member["consumed"] as? [String: Any])?["minutes"] as? Int == 120)
            let contact = try await client.call(.get, "/api/v1/projects/\(world.projectID)/budget", token: try await world.token(.client)).object()
            #expect(contact["consumed_basis"] as? String == "invoiced")
            #expect(((contact["consumed"] as? [String: Any])?["amount"] as? [String: Any])?["amount_minor"] as? Int == 0)
            #expect(((contact["baseline"] as? [String: Any])?["amount"] as? [String: Any])?["amount_minor"] as? Int == 5_000_000)
            let foreign = try await client.call(.get, "/api/v1/projects/\(world.work.otherProjectID)/budget", token: try await world.token(.client))
            #expect(foreign.status == .notFound)
            let outsider = try await client.call(.get, "/api/v1/projects/\(world.projectID)/budget", token: try await world.outsiderManagerToken())
            #expect(outsider.status == .notFound)
        }
    }
}
