import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing

/// The consumed time of a project, summed in SQL (issue 18): each entry's amount is
/// rounded half up on its own, exactly as `HourlyRate.amount(forMinutes:)` computes it.
@Suite struct BudgetStoreTests {
    /// (minutes, rate ten-thousandths, billable, status, currency) of each entry.
    static let entries: [(Int, Int64?, Bool, String, String?)] = [
        (1, 3_000, true, "approved", "EUR"),  // 0.5 cent: 1 on its own
        (1, 3_000, true, "approved", "EUR"),  // again: 2 in all, where rounding the sum would give 1
        (7, 950_000, true, "invoiced", "EUR"),  // 11.0833… → 11.08
        (61, 1_234_567, true, "client_validated", "EUR"),
        (90, 800_000, false, "approved", "EUR"),  // not billable: minutes only
        (45, 1_000_000, true, "approved", "USD"),  // another currency: minutes only
        (30, nil, true, "open", nil),  // not consumed at all
        (1_440, 99_999_999, true, "invoiced", "EUR"),
    ]

    @Test func sumsInSQLEqualTheDomainRoundedPerEntry() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await WorkWorld.make(pool: pool)
            for (index, (minutes, rate, billable, status, currency)) in Self.entries.enumerated() {
                try await pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                              billable_rate_scaled, cost_rate_scaled, rate_currency, invoice_line_id)
                    VALUES (\(UUID()), \(world.roles.member.id), \(world.projectID), \(world.billableTaskID), DATE '2026-03-02' + \(index)::int,
                            \(minutes), \(billable), \(status), \(rate), \(rate == nil ? nil : Int64(0)), \(currency),
                            \(status == "invoiced" ? try await InvoiceLineFixture.make(pool: pool) : nil))
                    """)
            }
            var minutes = 0
            var value = Money.zero(.eur)
            var invoiced = Money.zero(.eur)
            for (entryMinutes, rate, billable, status, currency) in Self.entries where status != "open" {
                minutes += entryMinutes
                guard billable, let rate, currency == "EUR" else { continue }
                let amount = try HourlyRate(scaled: rate, currency: .eur).amount(forMinutes: entryMinutes)
                value = try value.adding(amount)
                if status == "invoiced" { invoiced = try invoiced.adding(amount) }
            }
            let consumed = try await BudgetStore().consumed(project: world.projectID, currency: .eur, on: pool)
            #expect(consumed.minutes == minutes)
            #expect(consumed.value == value)
            #expect(consumed.invoicedValue == invoiced)
            #expect(value.amountMinor > 0 && invoiced.amountMinor > 0)
        }
    }
}
