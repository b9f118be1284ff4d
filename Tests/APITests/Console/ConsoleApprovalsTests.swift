import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The approval queue's filters (issue 19 item 3): time or expenses, person, project,
/// week; expenses decided there with time; each decision checked in the database and
/// brought back to the same view.
@Suite struct ConsoleApprovalsTests {
    func status(ofEntry id: TimeEntryID, pool: PostgresPool) async throws -> String {
        try await pool.queryOne("SELECT status FROM time_entries WHERE id = \(id)").decode("status")
    }

    func expense(_ id: ExpenseID, pool: PostgresPool) async throws -> (status: String, reason: String?) {
        let row = try await pool.queryOne("SELECT status, rejection_reason FROM expenses WHERE id = \(id)")
        return (try row.decode("status"), try row.decode("rejection_reason"))
    }

    @Test func aLeadFiltersTheQueueByKindAndWeekAndDecidesExpensesWithTime() async throws {
        try await ConsoleTestApp.with { fixture, client in
            // Week of 2026-04-06: one entry and one expense; the week after: one entry.
            let thisWeek = try await fixture.newTimeEntry(for: .member, status: "submitted").entry
            let nextWeek = try await fixture.newTimeEntry(for: .member, status: "submitted").entry
            try await fixture.pool.execute("UPDATE time_entries SET work_date = '2026-04-14' WHERE id = \(nextWeek)")
            let spent = try await fixture.newExpense(for: .member, status: "submitted").expense
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)

            let all = try await lead.page("/app/approvals")
            #expect(all.contains(thisWeek.description) && all.contains(nextWeek.description) && all.contains(spent.description))
            let expenses = try await lead.page("/app/approvals?kind=expense&user_id=&project_id=&week=")
            #expect(expenses.contains(spent.description) && !expenses.contains(thisWeek.description) && !expenses.contains(nextWeek.description))
            #expect(expenses.contains(#"<option value="expense" selected>"#))
            let week = try await lead.page("/app/approvals?kind=time&week=2026-04-09")
            #expect(week.contains(thisWeek.description) && !week.contains(nextWeek.description) && !week.contains(spent.description))
            #expect(week.contains("2026-04-06 – 2026-04-12"))
            #expect(week.contains(#"name="back_week" value="2026-04-06""#))
            // A filter that is not one is refused, as the API refuses it.
            #expect(try await lead.request(.get, "/app/approvals?kind=invoices").status == .unprocessableContent)
            #expect(try await lead.request(.get, "/app/approvals?week=soon").status == .unprocessableContent)

            // The expense rejected from the expenses view, with its reason; back to that view.
            let rejected = try await lead.submit(
                "/app/approvals", [("expense", spent.description), ("decision", "reject"), ("reason", "No receipt"), ("back_kind", "expense"),
                                   ("back_user_id", ""), ("back_project_id", ""), ("back_week", "")],
                tokenFrom: "/app/approvals")
            #expect(rejected == "/app/approvals?kind=expense")
            #expect(try await expense(spent, pool: fixture.pool) == ("open", "No receipt"))
            // The week's entry approved from the week's view; a forged filter is not followed.
            let approved = try await lead.submit(
                "/app/approvals", [("time", thisWeek.description), ("decision", "approve"), ("back_kind", "time"), ("back_week", "2026-04-06"),
                                   ("back_project_id", "https://elsewhere.example")],
                tokenFrom: "/app/approvals")
            #expect(approved == "/app/approvals?kind=time&week=2026-04-06")
            #expect(try await status(ofEntry: thisWeek, pool: fixture.pool) == "approved")
            #expect(try await status(ofEntry: nextWeek, pool: fixture.pool) == "submitted")
        }
    }

    /// The status words are the person's language (part 5), on the week and the expenses.
    @Test func statusWordsAreTranslated() async throws {
        try await ConsoleTestApp.with { fixture, client in
            _ = try await fixture.newTimeEntry(for: .member, status: "submitted")
            _ = try await fixture.newExpense(for: .member)
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            for (language, submitted, open) in [("fr", "soumise", "ouverte"), ("nl", "ingediend", "open"), ("de", "eingereicht", "offen")] {
                try await member.submit("/app/settings", [("language", language)])
                let week = try await member.page("/app/week?date=2026-04-06")
                #expect(week.contains(">\(submitted)<") && !week.contains(">submitted<"), "\(language)")
                let expenses = try await member.page("/app/expenses")
                #expect(expenses.contains(#"<span class="badge">\#(open)</span>"#), "\(language)")
            }
        }
    }
}
