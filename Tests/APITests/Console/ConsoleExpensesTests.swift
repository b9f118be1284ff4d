import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// "My expenses" through the console's forms, each checked in the database.
@Suite struct ConsoleExpensesTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    func expenses(of project: ProjectID, pool: PostgresPool) async throws -> [(id: UUID, amount: Int64, status: String, receipts: Int)] {
        try await pool.query(
            """
            SELECT e.id, e.amount_minor, e.status, (SELECT count(*) FROM expense_receipts r WHERE r.expense_id = e.id) AS receipts
            FROM expenses e WHERE e.project_id = \(project) ORDER BY e.created_at, e.id
            """
        ) { row in
            (
                id: try row.decode("id", as: UUID.self), amount: try row.decode("amount_minor", as: Int64.self),
                status: try row.decode("status", as: String.self), receipts: Int(try row.decode("receipts", as: Int64.self))
            )
        }
    }

    @Test func aCollaboratorLogsAnExpenseWithItsReceiptAddsAnotherAndSubmitsIt() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let project = try await fixture.newExpense(for: .member).project
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let page = try await member.page("/app/expenses")
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains(project.description))
            // One form: the expense and its receipt, the amount typed the French way.
            try await member.submit("/app/settings", [("language", "fr")])
            let saved = try await member.upload(
                "/app/expenses",
                [("project_id", project.description), ("date", "2026-04-08"), ("category", "travel"), ("amount", "1 234,50"), ("rechargeable", "1"),
                 ("note", "Train Bruxelles–Gand")],
                fileField: "receipt", file: (name: "ticket.pdf", type: "application/pdf", data: Self.pdf), tokenFrom: "/app/expenses")
            #expect(saved.status == .seeOther && saved.headers[.location] == "/app/expenses")
            var stored = try await expenses(of: project, pool: fixture.pool)
            #expect(stored.map(\.amount) == [12000, 123_450])
            #expect(stored.last?.receipts == 1)
            #expect(try await member.flash(at: "/app/expenses").contains("Dépense de 1\u{202F}234,50\u{00A0}€ enregistrée."))
            let new = try #require(stored.last?.id)
            // A file that is not a receipt is refused with the reason, and nothing is stored.
            let refused = try await member.upload(
                "/app/expenses/\(new)/receipts", [], fileField: "receipt", file: (name: "notes.txt", type: "text/plain", data: Data("hello".utf8)),
                tokenFrom: "/app/expenses")
            #expect(refused.status == .seeOther)
            #expect(try await member.flash(at: "/app/expenses").contains("PDF, PNG, JPEG"))
            #expect(try await expenses(of: project, pool: fixture.pool).last?.receipts == 1)
            // A second receipt, then submitting.
            _ = try await member.upload(
                "/app/expenses/\(new)/receipts", [], fileField: "receipt", file: (name: "hotel.pdf", type: "application/pdf", data: Self.pdf),
                tokenFrom: "/app/expenses")
            try await member.submit("/app/expenses/\(new)/submit", [], tokenFrom: "/app/expenses")
            stored = try await expenses(of: project, pool: fixture.pool)
            #expect(stored.last?.receipts == 2 && stored.last?.status == "submitted")
            // Without the token, nothing happens (403 page).
            let forged = try await member.request(
                .post, "/app/expenses/\(stored[0].id)/delete", form: [("csrf", "forged"), ("version", "1")])
            #expect(forged.status == .forbidden)
            #expect(try await expenses(of: project, pool: fixture.pool).count == 2)
            // A stale version is refused with the reason; the current one deletes.
            try await member.submit("/app/expenses/\(stored[0].id)/delete", [("version", "7")], tokenFrom: "/app/expenses")
            #expect(try await expenses(of: project, pool: fixture.pool).count == 2)
            try await member.submit("/app/expenses/\(stored[0].id)/delete", [("version", "1")], tokenFrom: "/app/expenses")
            #expect(try await expenses(of: project, pool: fixture.pool).map(\.id) == [new])
        }
    }

    @Test func anotherPersonsExpenseCannotBeTouched() async throws {
        try await ConsoleTestApp.with { fixture, client in
            // The manager's own expense on a project of the member's team.
            let theirs = try await fixture.newExpense(for: .manager)
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let answer = try await member.upload(
                "/app/expenses/\(theirs.expense)/receipts", [], fileField: "receipt",
                file: (name: "ticket.pdf", type: "application/pdf", data: Self.pdf), tokenFrom: "/app/expenses")
            #expect(answer.status == .notFound)
            #expect(try await expenses(of: theirs.project, pool: fixture.pool).map(\.receipts) == [0])
        }
    }
}
