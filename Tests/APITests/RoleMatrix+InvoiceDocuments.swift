import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension MatrixFixture {
    /// An issued invoice of the world's client for one approved hour on a fresh project of
    /// the world's team (parties completed first).
    func newIssuedTimeInvoice() async throws -> InvoiceID {
        try await InvoicingParties.completeInDatabase(pool: pool, client: world.clientID)
        let project = ProjectID.random()
        let task = TaskID.random()
        let code = "DOC-\(unique())"
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(world.clientID), \(world.teamID), \("Docs \(code)"), \(code), 'time_and_materials', 'EUR')
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(world.member.id))")
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                      cost_rate_scaled, rate_currency, approved_by, approved_at)
            VALUES (\(TimeEntryID.random()), \(world.member.id), \(project), \(task), '2026-11-02', 60, true, 'approved', 950000, 500000,
                    'EUR', \(world.manager.id), now())
            """)
        let invoices = InvoiceService(pool: pool, clock: SystemClock())
        let draft = try await invoices.createDraft(NewDraft(clientID: world.clientID, projectIDs: [project]), caller: admin)
        return try await invoices.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: admin).invoice.id
    }
}

/// Who may read invoice documents (issue 13 item 7): as `GET /invoices/{id}`, the admin,
/// the leads of the projects billed and the client's contacts (issued documents); anyone
/// else is not told the invoice exists (404). The
/// matrix app has no PDF renderer and nothing is stored yet, so the PDF answers 503 to
/// whoever may read it.
extension RoleMatrixTests {
    static let invoiceDocuments: [MatrixCase] = [
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/document",
            expected: [.admin: .ok, .manager: .ok, .member: .notFound, .client: .ok, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedTimeInvoice())/document")
        },
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/document.pdf",
            expected: [
                .admin: .serviceUnavailable, .manager: .serviceUnavailable, .member: .notFound, .client: .serviceUnavailable,
                .anonymous: .unauthorized,
            ]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedTimeInvoice())/document.pdf")
        },
    ]
}
