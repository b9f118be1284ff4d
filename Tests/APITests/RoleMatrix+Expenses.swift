import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

extension MatrixFixture {
    /// A fresh project of the world's client run by the world's team with every staff
    /// user assigned, and an expense on it in `status` by `who` (the member's for a
    /// client contact or anonymous), optionally with one PDF receipt.
    func newExpense(for who: Who, status: String = "open", withReceipt: Bool = false)
        async throws -> (expense: ExpenseID, project: ProjectID, receipt: UUID?)
    {
        let project = ProjectID.random()
        let code = "EXP-\(unique())"
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(world.clientID), \(world.teamID), \("Expenses \(code)"), \(code), 'time_and_materials', 'EUR')
            """)
        for user in [world.admin.id, world.manager.id, world.member.id] {
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(user))")
        }
        let owner = who == .admin || who == .manager ? world.user(who)!.id : world.member.id
        let expense = ExpenseID.random()
        let approved = !["open", "submitted"].contains(status)
        // Open first: the receipts of an approved expense are locked by the database.
        try await pool.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable)
            VALUES (\(expense), \(owner), \(project), '2026-04-06', 'travel', 12000, 'EUR', 2000, true)
            """)
        var receipt: UUID?
        if withReceipt {
            let id = UUID()
            try await pool.execute(
                """
                INSERT INTO expense_receipts (id, expense_id, file_name, content_type, byte_size, sha256, data, uploaded_by)
                VALUES (\(id), \(expense), 'ticket.pdf', 'application/pdf', 5, \(String(repeating: "a", count: 64)), \(Data("%PDF-".utf8)), \(owner))
                """)
            receipt = id
        }
        try await pool.execute(
            """
            UPDATE expenses SET status = \(status), approved_by = \(approved ? world.manager.id : nil), approved_at = \(approved ? Date() : nil),
                   invoice_line_id = \(status == "invoiced" ? try await InvoiceLineFixture.make(pool: pool) : nil)
            WHERE id = \(expense)
            """)
        return (expense, project, receipt)
    }
}

/// Who may record, read, submit and attach receipts to expenses, and export them
/// (SPEC §3 rows 1 and 3, as for time; issue 5 items 1, 5, 6).
private func staffOnly(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: status, .client: .forbidden, .anonymous: .unauthorized]
}

/// Each staff user acts on their own open expense; a contact cannot see the member's open one.
private func authors(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: status, .client: .notFound, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    static let expenses: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/expenses", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .post, route: "/api/v1/expenses", expected: staffOnly(.created)) { fixture, who in
            let created = try await fixture.newExpense(for: who)
            return MatrixRequest(
                json: #"{"project_id":"\#(created.project)","expense_date":"2026-04-07","category":"travel","amount":{"amount_minor":4200}}"#)
        },
        // An approved expense of the member: staff who see it and the client's contact read it.
        MatrixCase(method: .get, route: "/api/v1/expenses/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/expenses/\(try await fixture.newExpense(for: .member, status: "approved").expense)")
        },
        MatrixCase(method: .patch, route: "/api/v1/expenses/{id}", expected: authors(.ok)) { fixture, who in
            MatrixRequest(
                uri: "/api/v1/expenses/\(try await fixture.newExpense(for: who).expense)", json: #"{"note":"Taxi"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .delete, route: "/api/v1/expenses/{id}", expected: authors(.noContent)) { fixture, who in
            MatrixRequest(uri: "/api/v1/expenses/\(try await fixture.newExpense(for: who).expense)")
        },
        MatrixCase(method: .post, route: "/api/v1/expenses/{id}/submit", expected: authors(.ok)) { fixture, who in
            MatrixRequest(uri: "/api/v1/expenses/\(try await fixture.newExpense(for: who).expense)/submit")
        },
        // The PDF travels as the body (the matrix labels every body JSON; the type is sniffed).
        MatrixCase(method: .post, route: "/api/v1/expenses/{id}/receipts", expected: authors(.created)) { fixture, who in
            MatrixRequest(uri: "/api/v1/expenses/\(try await fixture.newExpense(for: who).expense)/receipts", json: "%PDF-1.4\n%%EOF\n")
        },
        // Staff who see the expense read its receipts; a contact never does (they show what
        // the agency paid, which the markup hides): 404.
        MatrixCase(
            method: .get, route: "/api/v1/expenses/{id}/receipts",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            let created = try await fixture.newExpense(for: .member, status: "approved", withReceipt: true)
            return MatrixRequest(uri: "/api/v1/expenses/\(created.expense)/receipts")
        },
        MatrixCase(
            method: .get, route: "/api/v1/expenses/{id}/receipts/{receipt_id}",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            let created = try await fixture.newExpense(for: .member, status: "approved", withReceipt: true)
            return MatrixRequest(uri: "/api/v1/expenses/\(created.expense)/receipts/\(created.receipt!)")
        },
        MatrixCase(method: .delete, route: "/api/v1/expenses/{id}/receipts/{receipt_id}", expected: authors(.noContent)) { fixture, who in
            let created = try await fixture.newExpense(for: who, withReceipt: true)
            return MatrixRequest(uri: "/api/v1/expenses/\(created.expense)/receipts/\(created.receipt!)")
        },
        MatrixCase(method: .get, route: "/api/v1/exports/expenses.csv", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .get, route: "/api/v1/exports/expenses.xlsx", expected: MatrixCase.signedIn(.ok)),
    ]
}
