import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// What a client contact sees of expenses: only approved (or later) expenses that are
/// recharged to their client — never the agency's internal costs — and never receipts,
/// which show what the agency paid (the markup hides it).
@Suite struct ExpenseClientVisibilityAPITests {
    @Test func aContactSeesRechargedExpensesOnlyAndNoReceipts() async throws {
        try await withExpenseApp { (world, client) async throws in
            let recharged = try await world.insertExpense(status: "approved", note: "Train")
            let internalCost = try await world.insertExpense(status: "approved", note: "Team lunch", rechargeable: false)
            let receipt = try await world.insertReceipt(on: recharged)
            let contact = world.token(.client)

            let listed = try await client.call(.get, "/api/v1/expenses", token: contact).items()
            #expect(listed.compactMap { $0["id"] as? String } == [recharged.description])
            let csv = try await client.call(.get, "/api/v1/exports/expenses.csv", token: contact)
            let text = String(buffer: csv.body)
            #expect(csv.status == .ok && text.contains("Train") && !text.contains("Team lunch"))

            let hidden = try await client.call(.get, "/api/v1/expenses/\(internalCost)", token: contact)
            #expect(hidden.status == .notFound)

            let shown = try await client.call(.get, "/api/v1/expenses/\(recharged)", token: contact).object()
            #expect(shown["receipts"] == nil)
            #expect(shown["amount"] == nil && shown["markup_bp"] == nil)
            #expect(shown.money("billable_amount")?.amountMinor == 13_200)
            for uri in ["/api/v1/expenses/\(recharged)/receipts", "/api/v1/expenses/\(recharged)/receipts/\(receipt)"] {
                #expect(try await client.call(.get, uri, token: contact).status == .notFound, "\(uri)")
            }

            // Staff who see the expense still get everything.
            let staff = try await client.call(.get, "/api/v1/expenses/\(recharged)", token: world.token(.manager)).object()
            #expect((staff["receipts"] as? [[String: Any]])?.count == 1)
            #expect(try await client.call(.get, "/api/v1/expenses/\(internalCost)", token: world.token(.manager)).status == .ok)
        }
    }
}
