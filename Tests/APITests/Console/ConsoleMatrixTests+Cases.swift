import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension MatrixFixture {
    /// A fresh client (parties complete) with one approved, billable hour at 95.00 on a
    /// time-and-materials project of the world's team: something to draft an invoice from.
    func newBillableClient() async throws -> ClientID {
        let client = try await newBareClient()
        try await InvoicingParties.completeInDatabase(pool: pool, client: client)
        let project = ProjectID.random()
        let task = TaskID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(client), \(world.teamID), 'Billable', \("BIL-\(unique())"), 'time_and_materials', 'EUR')
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                      cost_rate_scaled, rate_currency, approved_by, approved_at)
            VALUES (\(TimeEntryID.random()), \(world.member.id), \(project), \(task), '2026-11-02', 60, true, 'approved', 950000, 500000,
                    'EUR', \(world.manager.id), now())
            """)
        return client
    }

    /// The project of a milestone made by ``newMilestone(delivered:)``.
    func project(ofMilestone milestone: MilestoneID) async throws -> ProjectID {
        try await pool.queryOne("SELECT project_id FROM milestones WHERE id = \(milestone)").decode("project_id")
    }

    /// The project of a change request made by ``newChangeRequest(quoted:)``.
    func project(ofChange change: ChangeRequestID) async throws -> ProjectID {
        try await pool.queryOne("SELECT project_id FROM change_requests WHERE id = \(change)").decode("project_id")
    }

    /// The task of a project made by ``newTimeEntry(for:status:)``.
    func task(of project: ProjectID) async throws -> UUID {
        try await pool.queryOne("SELECT id FROM tasks WHERE project_id = \(project)").decode("id")
    }
}

extension ConsoleMatrixTests {
    static var cases: [ConsoleCase] { frame + week + timer + expenses + approvals + projects + changeDrafts + validations + invoicing + portal + admin + teams }

    static let frame: [ConsoleCase] = [
        ConsoleCase(
            method: .get, route: "/app/assets/console.css",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .ok, .anonymous: .ok]),
        // Signed in already: straight to one's start page.
        ConsoleCase(
            method: .get, route: "/app/login",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .seeOther, .anonymous: .ok]),
        // Everyone may sign in (as themselves; anonymous as the admin).
        ConsoleCase(
            method: .post, route: "/app/login",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .seeOther, .anonymous: .seeOther]
        ) { fixture, who in
            let email = fixture.world.user(who)?.email ?? fixture.world.admin.email
            return ConsoleRequestPlan(
                form: [("csrf", "login-token"), ("email", email), ("password", RoleWorld.password)], csrf: false,
                cookies: ["sheaf_login_csrf": "login-token"])
        },
        ConsoleCase(method: .get, route: "/app", expected: ConsoleCase.signedIn(.seeOther)),
        ConsoleCase(method: .post, route: "/app/logout", expected: ConsoleCase.signedIn(.seeOther)) { _, _ in ConsoleRequestPlan(form: []) },
        ConsoleCase(method: .get, route: "/app/settings", expected: ConsoleCase.signedIn(.ok)),
        ConsoleCase(method: .post, route: "/app/settings", expected: ConsoleCase.signedIn(.seeOther)) { _, _ in
            ConsoleRequestPlan(form: [("language", "fr")])
        },
        ConsoleCase(method: .get, route: "/portal/settings", expected: ConsoleCase.signedIn(.ok)),
        ConsoleCase(method: .post, route: "/portal/settings", expected: ConsoleCase.signedIn(.seeOther)) { _, _ in
            ConsoleRequestPlan(form: [("language", "nl")])
        },
    ]

    /// My week: staff log and submit their own time; a client contact has no week (403).
    static let week: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/week", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/week", expected: ConsoleCase.staff(.seeOther)) { fixture, who in
            let created = try await fixture.newTimeEntry(for: who)
            let task = try await fixture.task(of: created.project)
            return ConsoleRequestPlan(form: [("week", "2026-04-06"), ("h.\(created.project).\(task).2026-04-07", "0:30")])
        },
        // A contact cannot see a member's open entry: 404, as on the API.
        ConsoleCase(
            method: .post, route: "/app/week/entries/{id}",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, who in
            let created = try await fixture.newTimeEntry(for: who)
            return ConsoleRequestPlan(
                uri: "/app/week/entries/\(created.entry)", form: [("week", "2026-04-06"), ("version", "1"), ("hours", "1:30"), ("action", "save")])
        },
        ConsoleCase(method: .post, route: "/app/week/submit", expected: ConsoleCase.staff(.seeOther)) { _, _ in
            ConsoleRequestPlan(form: [("week", "2026-04-06")])
        },
    ]

    /// My expenses: staff log, document, submit and delete their own; a client contact has
    /// none, and does not learn of a collaborator's (404, as on the API).
    static let expenses: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/expenses", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/expenses", expected: ConsoleCase.staff(.seeOther)) { fixture, who in
            let created = try await fixture.newExpense(for: who)
            return ConsoleRequestPlan(
                form: [("project_id", created.project.description), ("date", "2026-04-07"), ("category", "travel"), ("amount", "42.50")])
        },
        ConsoleCase(
            method: .post, route: "/app/expenses/{id}/receipts",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, who in
            ConsoleRequestPlan(uri: "/app/expenses/\(try await fixture.newExpense(for: who).expense)/receipts", form: [])
        },
        ConsoleCase(
            method: .post, route: "/app/expenses/{id}/submit",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, who in
            ConsoleRequestPlan(uri: "/app/expenses/\(try await fixture.newExpense(for: who).expense)/submit", form: [])
        },
        ConsoleCase(
            method: .post, route: "/app/expenses/{id}/delete",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .seeOther, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, who in
            ConsoleRequestPlan(uri: "/app/expenses/\(try await fixture.newExpense(for: who).expense)/delete", form: [("version", "1")])
        },
    ]

    static let approvals: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/approvals", expected: ConsoleCase.approvers(.ok)),
        ConsoleCase(method: .post, route: "/app/approvals", expected: ConsoleCase.approvers(.seeOther)) { fixture, _ in
            let created = try await fixture.newTimeEntry(for: .member, status: "submitted")
            return ConsoleRequestPlan(form: [("time", created.entry.description), ("decision", "approve")])
        },
    ]

    /// Projects (issue 19 item 3): every page asks the services the API's routes ask,
    /// so each person gets what the API gives them.
    static let projects: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/projects", expected: ConsoleCase.signedIn(.ok)),
        // The budget of a fixed-price project the member is assigned to, as GET /api/v1/projects/{id}/budget.
        ConsoleCase(method: .get, route: "/app/projects/{id}", expected: ConsoleCase.signedIn(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/projects/\(try await fixture.newFixedPriceProject())")
        },
        ConsoleCase(method: .get, route: "/app/projects/{id}", expected: ConsoleCase.signedIn(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/projects/\(try await fixture.newRetainerProject(withRetainer: true))")
        },
        // Delivering is the admin's or the team lead's, as POST /api/v1/milestones/{id}/deliver.
        ConsoleCase(method: .post, route: "/app/projects/{id}/milestones/{milestone}/deliver", expected: ConsoleCase.approvers(.seeOther)) { fixture, _ in
            let milestone = try await fixture.newMilestone()
            let project = try await fixture.project(ofMilestone: milestone)
            return ConsoleRequestPlan(uri: "/app/projects/\(project)/milestones/\(milestone)/deliver", form: [])
        },
        // A contact does not know of a drafted change request: 404, as POST /api/v1/change-requests/{id}/quote.
        ConsoleCase(
            method: .post, route: "/app/projects/{id}/change-requests/{change}/quote",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            let change = try await fixture.newChangeRequest()
            let project = try await fixture.project(ofChange: change)
            return ConsoleRequestPlan(uri: "/app/projects/\(project)/change-requests/\(change)/quote", form: [])
        },
        ConsoleCase(method: .get, route: "/app/missing-time", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .get, route: "/app/reports", expected: ConsoleCase.adminOnly(.ok)),
    ]

    /// The admin invoices; the team's lead and the client's contact read the invoices
    /// the API lets them read; members are refused. Without a PDF renderer (this app has
    /// none) the PDF is 503 for those who may read it.
    static let invoicing: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/billable", expected: ConsoleCase.adminOnly(.ok)),
        ConsoleCase(method: .get, route: "/app/invoices", expected: ConsoleCase.invoiceReaders(.ok)),
        ConsoleCase(method: .post, route: "/app/invoices", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(form: [("client_id", try await fixture.newBillableClient().description), ("grouping", "task")])
        },
        ConsoleCase(method: .get, route: "/app/invoices/{id}", expected: ConsoleCase.invoiceReaders(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/invoices/\(try await fixture.newIssuedInvoice().invoice.id)")
        },
        // A member may not know of an invoice's document: 404, as GET /api/v1/invoices/{id}/document.
        ConsoleCase(method: .get, route: "/app/invoices/{id}/document", expected: ConsoleCase.invoiceReaders(.ok, member: .notFound)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/document")
        },
        ConsoleCase(
            method: .get, route: "/app/invoices/{id}/pdf", expected: ConsoleCase.invoiceReaders(.serviceUnavailable, member: .notFound)
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/pdf")
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/issue", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            try await InvoicingParties.completeInDatabase(pool: fixture.pool, client: fixture.world.clientID)
            let draft = try await fixture.newDraftInvoice()
            return ConsoleRequestPlan(uri: "/app/invoices/\(draft.invoice.id)/issue", form: [("version", "\(draft.invoice.version)")])
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/payments", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            let issued = try await fixture.newIssuedInvoice()
            return ConsoleRequestPlan(
                uri: "/app/invoices/\(issued.invoice.id)/payments",
                form: [("paid_on", issued.invoice.issue!.issueDate.description), ("amount", "10.00"), ("method", "transfer")])
        },
    ]

    /// The portal: the client's contact reads their projects, validations and invoices
    /// and decides validations; staff reach the same services with their own rights.
    static let portal: [ConsoleCase] = [
        // The portal shows the budget of every project one sees; a member's team has
        // projects they are not assigned to, whose budget is not theirs to see (403, as
        // GET /api/v1/projects/{id}/budget).
        ConsoleCase(
            method: .get, route: "/portal",
            expected: [.admin: .ok, .manager: .ok, .member: .forbidden, .client: .ok, .anonymous: .seeOther]),
        ConsoleCase(method: .get, route: "/portal/projects/{id}", expected: ConsoleCase.signedIn(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/portal/projects/\(try await fixture.newValidationProject())")
        },
        ConsoleCase(
            method: .get, route: "/portal/validations/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .notFound, .client: .ok, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/portal/validations/\(try await fixture.newValidation().record.id)")
        },
        // The contact decides; the admin records on the client's behalf only with a
        // comment (without one: back to the page with the reason, 303); others 403.
        ConsoleCase(
            method: .post, route: "/portal/validations/{id}",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .seeOther, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/portal/validations/\(try await fixture.newValidation().record.id)", form: [("decision", "accept")])
        },
        ConsoleCase(method: .get, route: "/portal/invoices", expected: ConsoleCase.invoiceReaders(.ok)),
        ConsoleCase(
            method: .get, route: "/portal/invoices/{id}/pdf", expected: ConsoleCase.invoiceReaders(.serviceUnavailable, member: .notFound)
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/portal/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/pdf")
        },
        ConsoleCase(method: .get, route: "/portal/invoices/{id}/ubl", expected: ConsoleCase.invoiceReaders(.ok, member: .notFound)) { fixture, _ in
            ConsoleRequestPlan(uri: "/portal/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/ubl")
        },
    ]
}
