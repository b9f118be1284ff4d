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
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["SHEAF_TEST_UBL_DIR"], !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(xml.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(name).xml"))
        }
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/UBL/\(name).xml")
        if environment["SHEAF_UPDATE_GOLDEN"] == "1" {
            try Data(xml.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(xml == expected, "\(name).xml differs from its golden file", sourceLocation: sourceLocation)
    }

    func patch(_ draft: [String: Any], _ json: String, _ run: InvoicingCalls, as token: String) async throws -> [String: Any] {
        try await run.expect(
            .ok, .patch, "/api/v1/invoices/\(draft["id"] as? String ?? "")", as: token, json, ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
    }

    @Test func everyDocumentKindIsRenderedAsPeppolUBLFromItsIssuedSnapshot() async throws {
        try await withWorld { world, run in
            let admin = world.admin
            let client = world.people.clientID
            // A 10 % deposit (500.00 + 21 %), then 10 h of work from which it is deducted.
            let deposit = try await run.issue(
                try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"kind":"deposit","project_id":"\#(world.project)","percentage":"10"}"#),
                as: admin, date: "2026-11-02")
            try await world.entries(10)
            var final = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
            final = try await patch(final, #"{"period":{"from":"2026-11-01","to":"2026-11-30"},"order_reference":"PO-2026-17"}"#, run, as: admin)
            final = try await run.issue(final, as: admin, date: "2026-11-30")
            #expect(final.objects("lines").contains { $0["kind"] as? String == "deposit_deduction" })
            // The whole final invoice credited.
            let credit = try await run.expect(
                .created, .post, "/api/v1/invoices/\(final["id"] as? String ?? "")/credit-notes", as: admin,
                #"{"reason":"Billed to the wrong entity","issue_date":"2026-12-01"}"#)
            // One rate: 3 h at 21 %.
            try await world.entries(3)
            let single = try await run.issue(
                try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","buyer_reference":"Dept 4"}"#),
                as: admin, date: "2026-12-01")
            // Several rates: 2 h at 21 %, books at 6 %, a print run at 12 %.
            try await world.entries(2)
            var several = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
            several = try await patch(
                several,
                #"""
                {"notes":"Thank you & see you <soon>","add_lines":[
                  {"description":"Reference books","quantity":"3","unit_price":"24.95","vat":{"category":"S","rate_bp":600}},
                  {"description":"Printed brochures","quantity":"250","unit_price":"0.8125","vat":{"category":"S","rate_bp":1200}}]}
                """#, run, as: admin)
            several = try await run.issue(several, as: admin, date: "2026-12-01")
            // Exempt: a training session under art. 44 § 2 4° of the Belgian VAT code (its hour goes back to billable).
            try await world.entries(1)
            var exempt = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
            // Only the exempt line: the hour and the deposit deduction drafted with it are removed.
            let drafted = exempt.objects("lines").compactMap { $0["id"] as? String }.map { "\"\($0)\"" }.joined(separator: ",")
            exempt = try await patch(
                exempt,
                #"""
                {"remove_line_ids":[\#(drafted)],"add_lines":[{"description":"Training session","quantity":"1","unit_price":"600",
                  "vat":{"category":"E","rate_bp":0,"exemption_code":"VATEX-EU-132","exemption_reason":"Exempt: art. 44 § 2 4° Belgian VAT code"}}]}
                """#, run, as: admin)
            exempt = try await run.issue(exempt, as: admin, date: "2026-12-01")
            // Another currency: a USD project billed in USD.
            let usdProject = ProjectID.random()
            let usdTask = TaskID.random()
            try await world.pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(usdProject), \(client), \(world.people.teamID), 'US site', 'SITE-US', 'time_and_materials', 'USD')
                """)
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(usdTask), \(usdProject), 'Build', true)")
            try await world.entries(4, project: usdProject, task: usdTask, currency: "USD")
            let dollars = try await run.issue(
                try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","currency":"USD"}"#),
                as: admin, date: "2026-12-01")
            #expect(dollars["currency"] as? String == "USD")
            // Reverse charge: the client is a Dutch business.
            try await world.pool.execute(
                """
                UPDATE clients SET vat_treatment = 'reverse_charge', country = 'NL', postal_code = '1017 CT', city = 'Amsterdam',
                       street = 'Keizersgracht 1', vat_number = 'NL123456789B01', company_number = NULL,
                       endpoint_scheme = '9944', endpoint_id = 'NL123456789B01'
                WHERE id = \(client)
                """)
            try await world.entries(2)
            let reverse = try await run.issue(
                try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#),
                as: admin, date: "2026-12-02")

            let documents: [(String, [String: Any])] = [
                ("deposit", deposit), ("final-with-deduction", final), ("credit-note", credit), ("single-rate", single),
                ("several-rates", several), ("exempt", exempt), ("non-eur", dollars), ("reverse-charge", reverse),
            ]
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
