import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

/// Who may fetch an invoice's documents (issue 13 item 7): as the invoice itself —
/// the admin, the lead of the project's team, the client's contacts (issued
/// documents only); a member does not learn that it exists. A draft has no number
/// and so no e-invoice: 409 for those who may read it.
extension RoleMatrixTests {
    static let documents: [MatrixCase] = [
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/ubl",
            expected: [.admin: .ok, .manager: .ok, .member: .notFound, .client: .ok, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedInvoice().invoice.id)/ubl")
        },
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/ubl",
            expected: [.admin: .ok, .manager: .notFound, .member: .notFound, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newForeignIssuedInvoice().invoice.id)/ubl")
        },
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/ubl",
            expected: [.admin: .conflict, .manager: .conflict, .member: .notFound, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newDraftInvoice().invoice.id)/ubl")
        },
    ]
}
