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

/// The printable documents of every kind as golden files (issue 13, "Tests"), and the
/// optional time annex (issue 13 item 1): `GET /invoices/{id}/document` of each
/// ``DocumentKinds`` document equals `Tests/Fixtures/HTML/<kind>.html` byte for byte
/// (issue dates fixed, names and dates of the fixtures only, so nothing is volatile);
/// `SHEAF_UPDATE_GOLDEN=1` rewrites them.
@Suite struct InvoiceDocumentGoldenTests {
    func html(_ document: [String: Any], _ run: InvoicingCalls, as token: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> String
    {
        let id = try #require(document["id"] as? String, sourceLocation: sourceLocation)
        let response = try await run.send(.get, "/api/v1/invoices/\(id)/document", as: token, nil)
        #expect(response.status == .ok, "\(response.text)", sourceLocation: sourceLocation)
        return response.text
    }

    @Test func everyDocumentKindReadsAsItsGoldenHTML() async throws {
        try await InvoicingWorld.with { world, run in
            let kinds = try await DocumentKinds.make(world, run)
            let documents = kinds.issued + [("draft-preview", kinds.draft), ("time-annex", kinds.annexed)]
            for (name, document) in documents {
                try GoldenFile.check(try await html(document, run, as: world.admin), "HTML/\(name).html")
            }
            // Only the invoice that chose it carries the annex.
            for (name, document) in kinds.issued + [("draft-preview", kinds.draft)] {
                #expect(!(try await html(document, run, as: world.admin)).contains("class=\"annex\""), "\(name) has an annex")
            }
        }
    }

    /// The annex of `html`: from its section to the end.
    func annex(of html: String) -> Substring? {
        html.range(of: "<section class=\"annex\">").map { html[$0.lowerBound...] }
    }

    @Test(.enabled(if: WeasyPrintRenderer.located() != nil, "needs weasyprint"))
    func theTimeAnnexListsEachTimeLinesEntriesOnAPageOfItsOwn() async throws {
        try await InvoicingWorld.with(pdfRenderer: WeasyPrintRenderer.located()) { world, run in
            let (invoice, entryIDs) = try await DocumentKinds.annexedInvoice(world, run)
            #expect(invoice["time_annex"] as? Bool == true)
            // The other client's contact reads it: move the contact there.
            try await world.pool.execute("UPDATE users SET client_id = \(world.people.otherClientID) WHERE id = \(world.people.client.id)")
            let contact = try #require(try await world.people.token(.client))
            let page = try await html(invoice, run, as: contact)
            let annexed = try #require(annex(of: page), "no annex in the document")
            #expect(annexed.contains("<h1>Annexe : détail des prestations</h1>"))
            // Every entry the invoice bills, with its date, person, hours and note, in French.
            for id in entryIDs {
                let row = try await world.pool.queryOne(
                    "SELECT t.work_date, u.name, t.minutes, t.note FROM time_entries t JOIN users u ON u.id = t.user_id WHERE t.id = \(id)")
                let date = InvoiceDocumentLabelsProbe.date(try row.decode("work_date", as: LocalDate.self), "fr")
                let hours = InvoiceQuantity.hours(fromMinutes: try row.decode("minutes", as: Int.self)).decimalString
                let note = try row.decode("note", as: String.self).replacingOccurrences(of: "&", with: "&amp;")
                    .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                let expected =
                    "<tr><td>\(date)</td><td>\(try row.decode("name", as: String.self))</td><td class=\"num\">\(hours.replacingOccurrences(of: ".", with: ","))</td><td>\(note)</td></tr>"
                #expect(annexed.contains(expected), "missing \(expected)")
            }
            // One section per time line, whose total is the line's quantity: the minutes
            // of its entries summed, then rounded once.
            let timeLines = invoice.objects("lines").filter { $0["kind"] as? String == "time" }
            #expect(timeLines.count == 2)
            for line in timeLines {
                let description = try #require(line["description"] as? String)
                let quantity = try #require(line["quantity"] as? String)
                let minutes = try await world.pool.queryOne(
                    """
                    SELECT sum(t.minutes)::int AS minutes FROM invoice_line_items li JOIN time_entries t ON t.id = li.time_entry_id
                    WHERE li.line_id = \(try #require(line["id"] as? String))::uuid
                    """
                ).decode("minutes", as: Int.self)
                #expect(InvoiceQuantity.hours(fromMinutes: minutes).decimalString == quantity)
                let section = try #require(annexed.range(of: "<h3>\(description)</h3>").map { annexed[$0.upperBound...] })
                let total = "<td class=\"num annex-total\">\(quantity.replacingOccurrences(of: ".", with: ","))</td>"
                let nextSection = section.range(of: "<h3>")?.lowerBound ?? section.endIndex
                #expect(section[..<nextSection].contains(total), "\(description): the total is not \(quantity)")
            }
            #expect(["3.75", "5.08"] == timeLines.compactMap { $0["quantity"] as? String }.sorted())

            // The PDF of record, rendered at issue, carries it on a page of its own.
            let id = try #require(invoice["id"] as? String)
            let pdf = try await run.send(.get, "/api/v1/invoices/\(id)/document.pdf", as: contact, nil)
            #expect(pdf.status == .ok)
            let bytes = Data(pdf.body.readableBytesView)
            try GoldenFile.keep(bytes, as: "time-annex.pdf", in: "SHEAF_TEST_PDF_DIR")
            let pages = try DocumentTools.pdfText(bytes).components(separatedBy: "\u{0C}")
            let annexPage = try #require(pages.firstIndex { $0.contains("Annexe : détail des prestations") }, "no annex in the PDF text")
            #expect(annexPage > 0)
            #expect(!pages[annexPage].contains("Prix unitaire HTVA"), "the annex shares a page with the invoice lines")
            for text in ["Max Manager", "Mia Member", "Intégration du catalogue", "Revue <code> et mise en ligne", "3,75", "5,08"] {
                #expect(pages[annexPage...].joined().contains(text), "the PDF's annex lacks \(text)")
            }
            #expect(pages[0].contains(invoice["number"] as? String ?? "?"))
        }
    }

    @Test func theAnnexIsChosenOnTheDraftAndLeftOutByDefault() async throws {
        try await InvoicingWorld.with { world, run in
            try await world.entries(2)
            var draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            #expect(draft["time_annex"] as? Bool == false)
            #expect(annex(of: try await html(draft, run, as: world.admin)) == nil)
            draft = try await DocumentKinds.patch(draft, #"{"time_annex":true}"#, run, as: world.admin)
            #expect(draft["time_annex"] as? Bool == true)
            let preview = try #require(annex(of: try await html(draft, run, as: world.admin)))
            #expect(preview.contains("<td>Mia Member</td>") && preview.contains("<td class=\"num annex-total\">2</td>"))
            draft = try await DocumentKinds.patch(draft, #"{"time_annex":false}"#, run, as: world.admin)
            #expect(annex(of: try await html(draft, run, as: world.admin)) == nil)
            draft = try await DocumentKinds.patch(draft, #"{"time_annex":true}"#, run, as: world.admin)
            // Kept on issue; an issued invoice's choice no longer changes.
            let issued = try await run.issue(draft, as: world.admin, date: "2026-12-01")
            #expect(issued["time_annex"] as? Bool == true)
            #expect(annex(of: try await html(issued, run, as: world.admin)) != nil)
            try await run.expect(
                .conflict, .patch, "/api/v1/invoices/\(issued["id"] as? String ?? "")", as: world.admin, #"{"time_annex":false}"#,
                ifMatch: "\"\(issued["version"] as? Int ?? 0)\"")
            // Not a boolean: 422 naming the field, nothing changed.
            let other = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"kind":"deposit","project_id":"\#(world.project)","amount":{"amount_minor":10000,"currency":"EUR"}}"#)
            let refused = try await run.send(
                .patch, "/api/v1/invoices/\(other["id"] as? String ?? "")", as: world.admin, #"{"time_annex":"yes"}"#, ifMatch: "\"\(other["version"] as? Int ?? 0)\"")
            #expect(refused.status == .unprocessableContent && refused.text.contains("time_annex"), "\(refused.text)")
        }
    }
}
