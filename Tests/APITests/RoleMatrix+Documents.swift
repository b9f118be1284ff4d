import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

extension MatrixFixture {
    /// A fresh issued deposit invoice (10 % of a fresh fixed-price project of the
    /// world's client and team), seller and buyer data completed first.
    func newIssuedDepositInvoice() async throws -> InvoiceID {
        try await InvoicingParties.completeInDatabase(pool: pool, client: world.clientID)
        let service = InvoiceService(pool: pool, clock: SystemClock())
        let draft = try await service.createDeposit(
            NewDeposit(projectID: try await newFixedPriceProject(), share: .percentage(basisPoints: 1000)), caller: admin)
        return try await service.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: admin).invoice.id
    }
}

/// Who may fetch an invoice's documents (issue 13 item 7): as the invoice itself —
/// the admin, the lead of the project's team, the client's contacts (issued
/// documents only); a member does not learn that it exists.
extension RoleMatrixTests {
    static let documents: [MatrixCase] = [
        MatrixCase(
            method: .get, route: "/api/v1/invoices/{id}/ubl",
            expected: [.admin: .ok, .manager: .ok, .member: .notFound, .client: .ok, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/invoices/\(try await fixture.newIssuedDepositInvoice())/ubl")
        }
    ]
}
