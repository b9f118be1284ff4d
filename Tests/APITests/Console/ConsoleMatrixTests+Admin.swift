import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension MatrixFixture {
    /// The first line of an invoice.
    func firstLine(of invoice: InvoiceView) -> InvoiceLineID {
        invoice.lines[0].id
    }

    /// A closed month (2026-09) of a fresh client, to reopen.
    func newClosedPeriod() async throws -> ClientID {
        let client = try await newBareClient()
        _ = try await PeriodService(pool: pool, clock: SystemClock()).close(client: client, month: LocalDate(iso: "2026-09-01")!, caller: admin)
        return client
    }
}

extension ConsoleMatrixTests {
    /// The admin's drafting, credit notes and period close (issue 19 item 4): only the
    /// admin may (the services' `Policy`, as on the API); the others get the 403 page.
    static let admin: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/billable/{id}", expected: ConsoleCase.adminOnly(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/billable/\(try await fixture.newBillableClient())")
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/lines", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            let draft = try await fixture.newDraftInvoice()
            return ConsoleRequestPlan(
                uri: "/app/invoices/\(draft.invoice.id)/lines",
                form: [("version", "\(draft.invoice.version)"), ("description", "Travel"), ("quantity", "1"), ("unit_price", "60.00")])
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/lines/{line}", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            let draft = try await fixture.newDraftInvoice()
            return ConsoleRequestPlan(
                uri: "/app/invoices/\(draft.invoice.id)/lines/\(fixture.firstLine(of: draft))",
                form: [("version", "\(draft.invoice.version)"), ("description", "Advance, renamed")])
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/lines/{line}/delete", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            let draft = try await fixture.newDraftInvoice()
            return ConsoleRequestPlan(
                uri: "/app/invoices/\(draft.invoice.id)/lines/\(fixture.firstLine(of: draft))/delete", form: [("version", "\(draft.invoice.version)")])
        },
        ConsoleCase(method: .post, route: "/app/invoices/{id}/credit-notes", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            let issued = try await fixture.newIssuedInvoice()
            return ConsoleRequestPlan(uri: "/app/invoices/\(issued.invoice.id)/credit-notes", form: [("scope", "full"), ("reason", "Billed twice")])
        },
        ConsoleCase(method: .get, route: "/app/periods", expected: ConsoleCase.adminOnly(.ok)),
        ConsoleCase(method: .post, route: "/app/periods/close", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(form: [("client_id", try await fixture.newBareClient().description), ("month", "2026-10")])
        },
        ConsoleCase(method: .post, route: "/app/periods/reopen", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(
                form: [("client_id", try await fixture.newClosedPeriod().description), ("month", "2026-09"), ("reason", "A late expense")])
        },
        // People: staff read the directory, as GET /api/v1/users; only the admin creates
        // and changes accounts; a client contact may not know of another account (404).
        ConsoleCase(method: .get, route: "/app/users", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/users", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(
                form: [
                    ("name", "New"), ("email", "u-\(fixture.unique())@agency.test"), ("role", "member"), ("client_id", ""),
                    ("password", "long enough password"),
                ])
        },
        ConsoleCase(
            method: .get, route: "/app/users/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/users/\(fixture.world.member.id)")
        },
        ConsoleCase(
            method: .post, route: "/app/users/{id}",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            let target = try await fixture.newStaffUser()
            return ConsoleRequestPlan(
                uri: "/app/users/\(target.id)",
                form: [("version", "\(target.version)"), ("name", "Renamed"), ("email", target.email), ("role", "member"), ("active", "on")])
        },
        ConsoleCase(
            method: .post, route: "/app/users/{id}/rates",
            expected: [.admin: .seeOther, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(
                uri: "/app/users/\(try await fixture.newStaffUser().id)/rates", form: [("kind", "billable"), ("effective_from", "2026-01-01"), ("rate", "95.00")])
        },
        // Clients: everyone signed in reads (a contact their own client); the admin and
        // managers create; the admin and the leads of the client's teams change it.
        ConsoleCase(method: .get, route: "/app/clients", expected: ConsoleCase.signedIn(.ok)),
        ConsoleCase(
            method: .post, route: "/app/clients",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .forbidden, .client: .forbidden, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(form: [("name", "Client \(fixture.unique())"), ("currency", ""), ("payment_terms_days", "")])
        },
        ConsoleCase(method: .get, route: "/app/clients/{id}", expected: ConsoleCase.signedIn(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/clients/\(fixture.world.clientID)")
        },
        ConsoleCase(
            method: .post, route: "/app/clients/{id}",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(
                uri: "/app/clients/\(try await fixture.newClientWithProject())",
                form: [("version", "1"), ("name", "Renamed \(fixture.unique())"), ("vat_id", "FR1"), ("currency", "EUR"), ("payment_terms_days", "30")])
        },
        ConsoleCase(
            method: .post, route: "/app/clients/{id}/contacts",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .forbidden, .client: .notFound, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(
                uri: "/app/clients/\(try await fixture.newClientWithProject())/contacts",
                form: [("name", "Iris Blom"), ("email", "iris-\(fixture.unique())@client.test")])
        },
        // The agency's settings: staff read them, as GET /api/v1/settings; the admin
        // changes them (to the seller data the invoicing fixtures use).
        ConsoleCase(method: .get, route: "/app/agency", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/agency", expected: ConsoleCase.adminOnly(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(form: [("version", "\(try await fixture.settingsVersion())")] + ConsoleAgencyTests.completeSeller)
        },
    ]
}
