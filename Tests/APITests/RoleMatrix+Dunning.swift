import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

/// Who may do what with the dunning settings, the late-payment charges and invoice
/// e-mails (issue 14 items 4–5: the admin only), progress summaries (item 6) and one's
/// own nudge settings (item 7). The matrix's invoice was issued today, so it is not
/// overdue: the admin passes the policy and meets the rule (409); the API tests issue
/// the charges of a really overdue one (201).
extension RoleMatrixTests {
    static let dunningTemplate = #"{"subject":"Invoice {invoice_number}","body":"Please pay {amount_due}."}"#
    static let dunningTemplates = #"{"en":\#(dunningTemplate),"fr":\#(dunningTemplate),"nl":\#(dunningTemplate),"de":\#(dunningTemplate)}"#

    static let dunning: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/settings/reminder-rules", expected: MatrixCase.adminOnly(.ok)),
        MatrixCase(method: .put, route: "/api/v1/settings/reminder-rules", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(
                json: #"{"rules":[{"offset_days":7,"formal_notice":false,"templates":\#(dunningTemplates)}]}"#,
                headers: [.ifMatch: "\"\(try await fixture.settingsVersion())\""])
        },
        MatrixCase(method: .get, route: "/api/v1/settings/late-payment-rates", expected: MatrixCase.adminOnly(.ok)),
        MatrixCase(method: .put, route: "/api/v1/settings/late-payment-rates", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(
                json: #"{"rates":[{"half_year":"2026-H2","rate_bp":1050},{"half_year":"2027-H1","rate_bp":1050}]}"#,
                headers: [.ifMatch: "\"\(try await fixture.settingsVersion())\""])
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/summary", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/summary?period=month")
        },
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/late-charges", expected: MatrixCase.adminOnly(.conflict)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/late-charges")
        },
        // The matrix's application has no PDF renderer: the admin passes the policy and
        // meets the missing renderer (503); InvoiceMailAPITests sends one (202).
        MatrixCase(method: .post, route: "/api/v1/invoices/{id}/send", expected: MatrixCase.adminOnly(.serviceUnavailable)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/send")
        },
        // Each signed-in user reads and sets their own Monday nudges.
        MatrixCase(method: .get, route: "/api/v1/me/notifications", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .put, route: "/api/v1/me/notifications", expected: MatrixCase.signedIn(.ok)) { _, _ in
            MatrixRequest(json: #"{"weekly_nudges":false}"#)
        },
    ]
}
