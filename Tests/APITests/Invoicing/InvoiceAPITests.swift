import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The refusals of the invoicing routes that neither the scenario nor the role matrix
/// reaches: what an issued document, a draft, a reversal, a closed period and a bad
/// filter answer (issue 12 items 4, 6, 8, 9, 10, 12), each with the database unchanged.
@Suite struct InvoiceAPITests {
    /// Runs `body` with the role world's fixtures, the admin's token and a router client.
    func withInvoicing(_ body: @escaping @Sendable (MatrixFixture, String, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 4)
            let fixture = MatrixFixture(world: try await RoleWorld.make(pool: pool), pool: pool)
            let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool)
            let admin = try #require(try await fixture.token(.admin))
            try await app.test(.router) { client in try await body(fixture, admin, client) }
        }
    }

    static func problemFields(_ response: TestResponse) -> [String] {
        ((try? response.json())?["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func anIssuedInvoiceIsNeitherIssuedAgainNorChangedNorDeleted() async throws {
        try await withInvoicing { fixture, admin, client in
            let issued = try await fixture.newIssuedInvoice()
            let uri = "/api/v1/invoices/\(issued.invoice.id)"
            let ifMatch: HTTPFields = [.ifMatch: "\"\(issued.invoice.version)\""]
            let again = try await client.send(.post, uri + "/issue", token: admin, headers: ifMatch)
            #expect(again.status == .conflict, "\(again.text)")
            let patch = try await client.send(.patch, uri, token: admin, json: #"{"notes":"Changed"}"#, headers: ifMatch)
            #expect(patch.status == .conflict, "\(patch.text)")
            #expect(patch.text.contains("credit note"))
            let delete = try await client.send(.delete, uri, token: admin, headers: ifMatch)
            #expect(delete.status == .conflict, "\(delete.text)")
            let now = try await client.send(.get, uri, token: admin)
            #expect(try now.json()["number"] as? String == issued.invoice.issue?.number)
            #expect(try now.json()["notes"] as? String == issued.invoice.notes)
        }
    }

    @Test func aStaleOrMissingIfMatchIssuesNothingAndUsesNoNumber() async throws {
        try await withInvoicing { fixture, admin, client in
            try await InvoicingParties.completeInDatabase(pool: fixture.pool, client: fixture.world.clientID)
            let draft = try await fixture.newDraftInvoice()
            let uri = "/api/v1/invoices/\(draft.invoice.id)/issue"
            let stale = try await client.send(.post, uri, token: admin, headers: [.ifMatch: "\"\(draft.invoice.version + 1)\""])
            #expect(stale.status == .preconditionFailed, "\(stale.text)")
            let missing = try await client.send(.post, uri, token: admin)
            #expect(missing.status == .preconditionRequired, "\(missing.text)")
            let issued = try await client.send(.post, uri, token: admin, headers: [.ifMatch: "\"\(draft.invoice.version)\""])
            #expect(issued.status == .ok, "\(issued.text)")
            #expect(try issued.json()["number"] as? String == "\(LocalDate.of(Date()).year)-0001")
        }
    }

    @Test func aDraftIsNeitherPaidNorCredited() async throws {
        try await withInvoicing { fixture, admin, client in
            let draft = try await fixture.newDraftInvoice()
            let uri = "/api/v1/invoices/\(draft.invoice.id)"
            let payment = try await client.send(
                .post, uri + "/payments", token: admin, json: #"{"amount":{"amount_minor":10000},"method":"transfer","paid_on":"2026-01-15"}"#)
            #expect(payment.status == .conflict, "\(payment.text)")
            let credit = try await client.send(.post, uri + "/credit-notes", token: admin, json: #"{"reason":"Wrong client"}"#)
            #expect(credit.status == .conflict, "\(credit.text)")
            let payments = try await client.send(.get, uri + "/payments", token: admin)
            #expect(payments.status == .ok, "\(payments.text)")
            #expect((try payments.json()["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aFullyCreditedInvoiceIsNotCreditedAgain() async throws {
        try await withInvoicing { fixture, admin, client in
            let issued = try await fixture.newIssuedInvoice()
            let uri = "/api/v1/invoices/\(issued.invoice.id)/credit-notes"
            let first = try await client.send(.post, uri, token: admin, json: #"{"reason":"Cancelled"}"#)
            #expect(first.status == .created, "\(first.text)")
            let second = try await client.send(.post, uri, token: admin, json: #"{"reason":"Cancelled again"}"#)
            #expect(second.status == .conflict, "\(second.text)")
            let none = try await client.send(.post, uri, token: admin, json: #"{"reason":"Nothing","line_ids":[]}"#)
            #expect(none.status == .unprocessableContent, "\(none.text)")
            #expect(Self.problemFields(none) == ["line_ids"])
        }
    }

    @Test func aReversalIsNeverReversedAndThePaymentIsBackInTheBalance() async throws {
        try await withInvoicing { fixture, admin, client in
            let issued = try await fixture.newIssuedInvoice()
            let uri = "/api/v1/invoices/\(issued.invoice.id)/payments"
            let paid = try await client.send(
                .post, uri, token: admin, json: #"{"amount":{"amount_minor":10000},"method":"card","paid_on":"2026-01-15","reference":"POS"}"#)
            #expect(paid.status == .created, "\(paid.text)")
            let paymentID = try #require((try paid.json()["payment"] as? [String: Any])?["id"] as? String)
            let reversal = try await client.send(.post, "\(uri)/\(paymentID)/reverse", token: admin, json: #"{"reason":"Card refunded"}"#)
            #expect(reversal.status == .created, "\(reversal.text)")
            let reversalJSON = try reversal.json()
            #expect(((reversalJSON["invoice"] as? [String: Any])?["paid"] as? [String: Any])?["amount_minor"] as? Int == 0)
            let reversalID = try #require((reversalJSON["payment"] as? [String: Any])?["id"] as? String)
            let again = try await client.send(.post, "\(uri)/\(reversalID)/reverse", token: admin, json: #"{"reason":"Undo"}"#)
            #expect(again.status == .conflict, "\(again.text)")
            let twice = try await client.send(.post, "\(uri)/\(paymentID)/reverse", token: admin, json: #"{"reason":"Refunded twice?"}"#)
            #expect(twice.status == .conflict, "\(twice.text)")
            let blank = try await client.send(.post, "\(uri)/\(paymentID)/reverse", token: admin, json: #"{"reason":"  "}"#)
            #expect(blank.status == .unprocessableContent, "\(blank.text)")
            #expect(Self.problemFields(blank) == ["reason"])
            let listed = try await client.send(.get, uri, token: admin)
            #expect((try listed.json()["items"] as? [Any])?.count == 2)
        }
    }

    @Test func aBankLineWhoseReferenceMatchesNoInvoiceIsRefusedNamingTheReference() async throws {
        try await withInvoicing { _, admin, client in
            let response = try await client.send(
                .post, "/api/v1/payments", token: admin,
                json: #"{"amount":{"amount_minor":10000},"method":"transfer","paid_on":"2026-01-15","reference":"+++000/0000/09797+++"}"#)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(Self.problemFields(response) == ["reference"])
        }
    }

    @Test func draftingForAClientWithNothingBillableIsAConflict() async throws {
        try await withInvoicing { fixture, admin, client in
            let response = try await client.send(
                .post, "/api/v1/invoices", token: admin, json: #"{"client_id":"\#(try await fixture.newBareClient())"}"#)
            #expect(response.status == .conflict, "\(response.text)")
            let unknown = try await client.send(.post, "/api/v1/invoices", token: admin, json: #"{"client_id":"\#(UUID())"}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            #expect(Self.problemFields(unknown) == ["client_id"])
        }
    }

    @Test func aPeriodIsClosedOnceAndOnlyAClosedOneIsReopened() async throws {
        try await withInvoicing { fixture, admin, client in
            let period = #"{"client_id":"\#(try await fixture.newBareClient())","month":"2026-02""#
            let reopenOpen = try await client.send(.post, "/api/v1/periods/reopen", token: admin, json: period + #","reason":"Early"}"#)
            #expect(reopenOpen.status == .conflict, "\(reopenOpen.text)")
            let closed = try await client.send(.post, "/api/v1/periods/close", token: admin, json: period + "}")
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(try closed.json()["draft"] is NSNull)
            let again = try await client.send(.post, "/api/v1/periods/close", token: admin, json: period + "}")
            #expect(again.status == .conflict, "\(again.text)")
            let noReason = try await client.send(.post, "/api/v1/periods/reopen", token: admin, json: period + "}")
            #expect(noReason.status == .unprocessableContent, "\(noReason.text)")
            #expect(Self.problemFields(noReason) == ["reason"])
            let reopened = try await client.send(.post, "/api/v1/periods/reopen", token: admin, json: period + #","reason":"Late expense"}"#)
            #expect(reopened.status == .noContent, "\(reopened.text)")
        }
    }

    @Test func badFiltersAreRefusedNamingTheParameter() async throws {
        try await withInvoicing { _, admin, client in
            for (uri, field) in [
                ("/api/v1/billable?kind=hours", "kind"), ("/api/v1/billable?up_to=2026-02-30", "up_to"),
                ("/api/v1/invoices?status=sent", "status"), ("/api/v1/invoices?from=2026-13-01", "from"),
                ("/api/v1/exports/invoices.csv?lines=maybe", "lines"), ("/api/v1/exports/invoices.csv?client_id=acme", "client_id"),
                ("/api/v1/exports/invoices.xlsx?lines=maybe", "lines"),
            ] {
                let response = try await client.send(.get, uri, token: admin)
                #expect(response.status == .unprocessableContent, "\(uri): \(response.text)")
                #expect(Self.problemFields(response) == [field], "\(uri): \(response.text)")
            }
        }
    }
}
