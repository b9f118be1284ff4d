import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

extension MatrixFixture {
    var invoiceService: InvoiceService { InvoiceService(pool: pool, clock: SystemClock()) }
    var paymentService: PaymentService { PaymentService(pool: pool, clock: SystemClock()) }

    /// A fresh fixed-price project (contract 10 000.00 EUR) of `client` run by `team`
    /// (the world's by default).
    func newInvoicedProject(client: ClientID? = nil, team: TeamID? = nil) async throws -> ProjectID {
        let id = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor)
            VALUES (\(id), \(client ?? world.clientID), \(team ?? world.teamID), 'Build', \("INV-\(unique())"), 'fixed_price', 'EUR', 1000000)
            """)
        return id
    }

    /// A draft 30 % deposit invoice (3 000.00 + VAT) of a fresh project of `client` and `team`.
    func newDraftInvoice(client: ClientID? = nil, team: TeamID? = nil) async throws -> InvoiceView {
        let project = try await newInvoicedProject(client: client, team: team)
        return try await invoiceService.createDeposit(NewDeposit(projectID: project, share: .percentage(basisPoints: 3000)), caller: admin)
    }

    /// The same, issued today (seller and buyer data completed first).
    func newIssuedInvoice(client: ClientID? = nil, team: TeamID? = nil) async throws -> InvoiceView {
        try await InvoicingParties.completeInDatabase(pool: pool, client: client ?? world.clientID)
        let draft = try await newDraftInvoice(client: client, team: team)
        return try await invoiceService.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: admin)
    }

    /// An issued invoice of the other client, for a project of a team the world's manager does not lead.
    func newForeignIssuedInvoice() async throws -> InvoiceView {
        try await newIssuedInvoice(client: world.otherClientID, team: try await newTeam())
    }

    /// A fresh client with no work, whose periods a test may close and reopen freely.
    func newBareClient() async throws -> ClientID {
        let id = ClientID.random()
        try await pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(id), \("Client \(unique())"), 'EUR')")
        return id
    }
}

/// Invoicing (SPEC §3 rows "create, issue, credit invoices; record payments" and "see
/// invoices"; issue 12 item 13): only the admin writes and reads the unbilled work; the
/// leads of a project's team read its invoices, drafts included; the client's contact
/// reads the client's issued documents (a draft, or another client's document, does
/// not exist for them: 404); members are refused everything (403); anonymous 401.
private func adminWrites(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    MatrixCase.adminOnly(status)
}

/// Reading an issued invoice of the world's client and team.
private func invoiceReaders(client: HTTPResponse.Status = .ok, manager: HTTPResponse.Status = .ok) -> [Who: HTTPResponse.Status] {
    [.admin: .ok, .manager: manager, .member: .forbidden, .client: client, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    static let invoicing: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/billable", expected: adminWrites(.ok)),
        MatrixCase(method: .get, route: "/api/v1/invoices", expected: invoiceReaders()),
        MatrixCase(method: .post, route: "/api/v1/invoices", expected: adminWrites(.created)) { fixture, _ in
            MatrixRequest(json: #"{"kind":"deposit","percentage":"30","project_id":"\#(try await fixture.newInvoicedProject())"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/invoices/{id}", expected: invoiceReaders()) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)")
        },
        // A draft: the team's lead reads it, the client's contact is told it does not exist.
        MatrixCase(method: .get, route: "/api/v1/invoices/{id}", expected: invoiceReaders(client: .notFound)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newDraftInvoice().invoice.id)")
        },
        // Another client's invoice for another team's project: hidden from both.
        MatrixCase(method: .get, route: "/api/v1/invoices/{id}", expected: invoiceReaders(client: .notFound, manager: .notFound)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newForeignIssuedInvoice().invoice.id)")
        },
        MatrixCase(method: .patch, route: "/api/v1/invoices/{id}", expected: adminWrites(.ok)) { fixture, _ in
            let draft = try await fixture.newDraftInvoice()
            return MatrixRequest(
                uri: "/api/v1/invoices/\(draft.invoice.id)", json: #"{"notes":"Thank you"}"#, headers: [.ifMatch: "\"\(draft.invoice.version)\""])
        },
        MatrixCase(method: .delete, route: "/api/v1/invoices/{id}", expected: adminWrites(.noContent)) { fixture, _ in
            let draft = try await fixture.newDraftInvoice()
            return MatrixRequest(uri: "/api/v1/invoices/\(draft.invoice.id)", headers: [.ifMatch: "\"\(draft.invoice.version)\""])
        },
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/issue", expected: adminWrites(.ok)) { fixture, _ in
            try await InvoicingParties.completeInDatabase(pool: fixture.pool, client: fixture.world.clientID)
            let draft = try await fixture.newDraftInvoice()
            return MatrixRequest(uri: "/api/v1/invoices/\(draft.invoice.id)/issue", headers: [.ifMatch: "\"\(draft.invoice.version)\""])
        },
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/credit-notes", expected: adminWrites(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/credit-notes", json: #"{"reason":"Billed twice"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/invoices/{id}/payments", expected: invoiceReaders()) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/payments")
        },
        MatrixCase(method: .get, route: "/api/v1/invoices/{id}/payments", expected: invoiceReaders(client: .notFound, manager: .notFound)) {
            fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newForeignIssuedInvoice().invoice.id)/payments")
        },
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/payments", expected: adminWrites(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/payments",
                json: #"{"amount":{"amount_minor":10000},"method":"transfer","paid_on":"2026-01-15","reference":"Bank 1"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/payments/{payment_id}/reverse", expected: adminWrites(.created)) { fixture, _ in
            let issued = try await fixture.newIssuedInvoice()
            let recorded = try await fixture.paymentService.record(
                NewPayment(invoiceID: issued.invoice.id, paidOn: LocalDate(iso: "2026-01-15")!, amountMinor: 10_000, method: .transfer),
                caller: fixture.admin)
            return MatrixRequest(
                uri: "/api/v1/invoices/\(issued.invoice.id)/payments/\(recorded.payment.id)/reverse", json: #"{"reason":"Recorded twice"}"#)
        },
        // A bank-statement line matched by the invoice's structured communication.
        MatrixCase(method: .post, route: "/api/v1/payments", expected: adminWrites(.created)) { fixture, _ in
            let communication = try await fixture.newIssuedInvoice().invoice.issue?.structuredCommunication?.description ?? ""
            return MatrixRequest(json: #"{"amount":{"amount_minor":10000},"method":"transfer","paid_on":"2026-01-15","reference":"\#(communication)"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/periods/close", expected: adminWrites(.ok)) { fixture, _ in
            MatrixRequest(json: #"{"client_id":"\#(try await fixture.newBareClient())","month":"2026-01"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/periods/reopen", expected: adminWrites(.noContent)) { fixture, _ in
            let client = try await fixture.newBareClient()
            _ = try await PeriodService(pool: fixture.pool, clock: SystemClock()).close(
                client: client, month: LocalDate(iso: "2026-01-01")!, caller: fixture.admin)
            return MatrixRequest(json: #"{"client_id":"\#(client)","month":"2026-01","reason":"Late expense"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/exports/invoices.csv", expected: invoiceReaders()),
        MatrixCase(method: .get, route: "/api/v1/exports/invoices.xlsx", expected: invoiceReaders()),
    ]
}
