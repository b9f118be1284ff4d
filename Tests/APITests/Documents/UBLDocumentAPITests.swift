import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// `GET /invoices/{id}/ubl` (issue 13 items 4 and 5): every kind of document the ledger
/// issues becomes Peppol BIS Billing 3.0 UBL, byte for byte the golden file of its kind
/// in `Tests/Fixtures/UBL/` (issue dates fixed, so nothing in them is volatile), and is
/// written to `SHEAF_TEST_UBL_DIR` when set, where `scripts/test` runs the official
/// UBL 2.1 schemas and the CEN EN 16931 and Peppol BIS 3.0 schematron over it.
/// `SHEAF_UPDATE_GOLDEN=1` rewrites the golden files instead of comparing.
@Suite struct UBLDocumentAPITests {
    func withWorld(_ body: @Sendable (InvoicingWorld, InvoicingCalls) async throws -> Void) async throws {
        try await InvoicingWorld.with(body)
    }

    /// The UBL of `document`, answered 200 as XML.
    func ubl(_ document: [String: Any], _ run: InvoicingCalls, as token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> String
    {
        let id = try #require(document["id"] as? String, sourceLocation: sourceLocation)
        let response = try await run.send(.get, "/api/v1/invoices/\(id)/ubl", as: token, nil)
        #expect(response.status == .ok, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/xml; charset=utf-8", sourceLocation: sourceLocation)
        return response.text
    }

    /// Compares with (or, with SHEAF_UPDATE_GOLDEN=1, writes) the golden file, and
    /// leaves a copy for the validator.
    func check(_ xml: String, golden name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.keep(Data(xml.utf8), as: "\(name).xml", in: "SHEAF_TEST_UBL_DIR")
        try GoldenFile.check(xml, "UBL/\(name).xml", sourceLocation: sourceLocation)
    }

    @Test func everyDocumentKindIsRenderedAsPeppolUBLFromItsIssuedSnapshot() async throws {
        try await withWorld { world, run in
            let admin = world.admin
            let kinds = try await DocumentKinds.make(world, run)
            let (deposit, final, credit) = (kinds.named("deposit"), kinds.named("final-with-deduction"), kinds.named("credit-note"))
            let (several, dollars, reverse) = (kinds.named("several-rates"), kinds.named("non-eur"), kinds.named("reverse-charge"))
            #expect(final.objects("lines").contains { $0["kind"] as? String == "deposit_deduction" })
            #expect(dollars["currency"] as? String == "USD")
            let documents = kinds.issued
            for (name, document) in documents {
                let xml = try await ubl(document, run, as: admin)
                try check(xml, golden: name)
            }

            // What each kind must say, beyond the golden files.
            let depositXML = try await ubl(deposit, run, as: admin)
            #expect(depositXML.contains("<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>"))
            let finalXML = try await ubl(final, run, as: admin)
            #expect(finalXML.contains("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"))
            #expect(finalXML.contains("<cbc:ID>\(deposit["number"] as? String ?? "?")</cbc:ID>\n      <cbc:IssueDate>2026-11-02</cbc:IssueDate>"))
            #expect(finalXML.contains(#"<cbc:InvoicedQuantity unitCode="C62">-1</cbc:InvoicedQuantity>"#))
            #expect(finalXML.contains(#"<cbc:InvoicedQuantity unitCode="HUR">"#))
            #expect(finalXML.contains("<cac:OrderReference>\n    <cbc:ID>PO-2026-17</cbc:ID>") && !finalXML.contains("<cbc:BuyerReference>"))
            let communication = try #require(final["structured_communication"] as? String)
            let digits = try #require(StructuredCommunication(parsing: communication)).digits
            #expect(finalXML.contains("<cbc:PaymentID>\(digits)</cbc:PaymentID>"))
            #expect(finalXML.contains("<cbc:ID>BE68539007547034</cbc:ID>"))
            let creditXML = try await ubl(credit, run, as: admin)
            #expect(creditXML.contains("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""))
            #expect(creditXML.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
            #expect(creditXML.contains("<cbc:ID>\(final["number"] as? String ?? "?")</cbc:ID>\n      <cbc:IssueDate>2026-11-30</cbc:IssueDate>"))
            let severalXML = try await ubl(several, run, as: admin)
            #expect(severalXML.contains("<cbc:Note>Thank you &amp; see you &lt;soon&gt;</cbc:Note>"))
            #expect(severalXML.components(separatedBy: "<cac:TaxSubtotal>").count == 4)
            let reverseXML = try await ubl(reverse, run, as: admin)
            #expect(reverseXML.contains("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>"))
            #expect(reverseXML.contains(#"<cbc:EndpointID schemeID="9944">NL123456789B01</cbc:EndpointID>"#))
            let dollarXML = try await ubl(dollars, run, as: admin)
            #expect(dollarXML.contains(#"<cbc:PayableAmount currencyID="USD">"#) && !dollarXML.contains(#"currencyID="EUR""#))
        }
    }

    @Test func aDraftHasNoUBLAndAContactReadsOnlyTheirClientsIssuedDocuments() async throws {
        try await withWorld { world, run in
            try await world.entries(2)
            let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            let draftID = try #require(draft["id"] as? String)
            let contact = try #require(try await world.people.token(.client))
            let member = try #require(try await world.people.token(.member))
            // A draft has no number: 409 for the admin, and the contact may not know of it.
            let conflict = try await run.send(.get, "/api/v1/invoices/\(draftID)/ubl", as: world.admin, nil)
            #expect(conflict.status == .conflict && conflict.text.contains("issue it first"), "\(conflict.text)")
            try await run.expect(.notFound, .get, "/api/v1/invoices/\(draftID)/ubl", as: contact)
            let issued = try await run.issue(draft, as: world.admin, date: "2026-12-01")
            let id = try #require(issued["id"] as? String)
            // Issued: the contact reads it, the member does not learn of it, an unknown id is 404.
            let own = try await ubl(issued, run, as: contact)
            #expect(own.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice "))
            try await run.expect(.notFound, .get, "/api/v1/invoices/\(id)/ubl", as: member)
            try await run.expect(.notFound, .get, "/api/v1/invoices/\(InvoiceID.random())/ubl", as: world.admin)
            try await run.expect(.notFound, .get, "/api/v1/invoices/not-a-uuid/ubl", as: world.admin)
            try await run.expect(.badRequest, .get, "/api/v1/invoices/\(id)/ubl?format=pdf", as: world.admin)
            // Another client's contact gets 404 for it.
            try await world.pool.execute("UPDATE users SET client_id = \(world.people.otherClientID) WHERE id = \(world.people.client.id)")
            let other = try #require(try await world.people.token(.client))
            try await run.expect(.notFound, .get, "/api/v1/invoices/\(id)/ubl", as: other)
        }
    }
}
