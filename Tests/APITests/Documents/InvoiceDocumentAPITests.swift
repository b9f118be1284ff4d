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

/// Invoice documents (issue 13 items 1, 2, 3, 7): the printable page in the client's
/// language with every mandatory mention, the EPC QR code read back with zbarimg, the
/// credit note naming its invoice, the DRAFT preview, who may read them, and the PDF
/// of record (pdftotext, the UBL attachment equal to GET /ubl, byte-identical
/// downloads, 503 without a renderer).
@Suite struct InvoiceDocumentAPITests {
    struct World {
        let pool: PostgresPool
        let people: RoleWorld
        let admin: String
        let contact: String

        /// An approved, billable project of `client` with `hours` one-hour entries at 95.00.
        func work(client: ClientID, hours: Int) async throws {
            let project = ProjectID.random()
            let task = TaskID.random()
            let code = "DOC-\(UUID().uuidString.prefix(6))"
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(project), \(client), \(people.teamID), \("Site \(code)"), \(code), 'time_and_materials', 'EUR')
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(people.member.id))")
            for day in 0..<hours {
                try await pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency, approved_by, approved_at)
                    VALUES (\(TimeEntryID.random()), \(people.member.id), \(project), \(task), \(LocalDate(year: 2026, month: 11, day: day + 2)!),
                            60, true, 'approved', 950000, 500000, 'EUR', \(people.manager.id), now())
                    """)
            }
        }
    }

    func withWorld(renderer: WeasyPrintRenderer? = nil, _ body: @Sendable (World, InvoicingCalls) async throws -> Void) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            try await InvoicingParties.completeInDatabase(pool: pool, client: people.clientID)
            let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool, pdfRenderer: renderer)
            let admin = try #require(try await people.token(.admin))
            let contact = try #require(try await people.token(.client))
            try await app.test(.router) { client in
                try await body(World(pool: pool, people: people, admin: admin, contact: contact), InvoicingCalls(client: client))
            }
        }
    }

    /// Issues an invoice of `hours` hours for the world's client, written in `language`.
    func issuedInvoice(_ world: World, _ run: InvoicingCalls, language: String = "en", hours: Int = 2) async throws -> [String: Any] {
        try await world.pool.execute("UPDATE clients SET language = \(language) WHERE id = \(world.people.clientID)")
        try await world.work(client: world.people.clientID, hours: hours)
        let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
        return try await run.issue(draft, as: world.admin)
    }

    func document(_ id: Any?, _ run: InvoicingCalls, as token: String) async throws -> TestResponse {
        try await run.send(.get, "/api/v1/invoices/\(id as? String ?? "")/document", as: token, nil)
    }

    @Test func theDocumentCarriesEveryMandatoryMentionInTheClientsLanguage() async throws {
        try await withWorld { world, run in
            // Words of each catalog that name a mandatory mention.
            let words: [String: [String]] = [
                "en": ["Invoice", "Unit price excl. VAT", "Taxable base", "Total VAT", "Due date", "Structured communication", "2 August 2002"],
                "fr": ["Facture", "Prix unitaire HTVA", "Base imposable", "Total TVA", "Échéance", "Communication structurée", "2 août 2002"],
                "nl": ["Factuur", "Eenheidsprijs excl. btw", "Maatstaf van heffing", "Totaal btw", "Vervaldatum", "Gestructureerde mededeling", "2 augustus 2002"],
                "de": ["Rechnung", "Einzelpreis netto", "Bemessungsgrundlage", "Summe USt.", "Fällig am", "Strukturierte Mitteilung", "2. August 2002"],
            ]
            for language in ["en", "fr", "nl", "de"] {
                let invoice = try await issuedInvoice(world, run, language: language)
                let response = try await document(invoice["id"], run, as: world.admin)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'none'") && !csp.contains("script"))
                let html = response.text
                #expect(html.contains("<html lang=\"\(language)\">"))
                #expect(!html.contains("<script"))
                let number = try #require(invoice["number"] as? String)
                let issueDate = try #require(LocalDate(iso: invoice["issue_date"] as? String ?? ""))
                let communication = try #require(invoice["structured_communication"] as? String)
                var expected = [
                    "Sheaf Studio SRL", "Rue de la Loi 16", "1000 Bruxelles", "BE0403170701", "0403170701", "RPM Bruxelles",
                    "billing@sheaf.example", "Avenue Louise 54", "1050 Bruxelles", "BE0879454161", "0879454161", number,
                    "BE68 5390 0754 7034", "GKCCBEBB", communication,
                    InvoiceDocumentLabelsProbe.date(issueDate, language),
                ]
                expected += words[language] ?? []
                for text in expected {
                    #expect(html.contains(text.replacingOccurrences(of: "&", with: "&amp;")), "\(language): \(text) missing")
                }
                #expect(html.contains("<svg") && !html.contains("DRAFT"))
            }
        }
    }

    @Test func theQRCodeDecodesToTheExactEPCPayload() async throws {
        try await withWorld { world, run in
            let invoice = try await issuedInvoice(world, run, hours: 2)
            // 2 h × 95.00 = 190.00 + 21 % = 229.90, first invoice of the year.
            let number = try #require(invoice["number"] as? String)
            let year = try #require(Int(number.prefix(4)))
            let reference = try #require(StructuredCommunication(year: year, counter: 1))
            let payload = "BCD\n002\n1\nSCT\nGKCCBEBB\nSheaf Studio\nBE68539007547034\nEUR229.90\n\n\(reference.digits)\n"
            let built = EPCPaymentPayload(
                beneficiary: "Sheaf Studio", iban: "BE68539007547034", bic: "GKCCBEBB", amount: Money(amountMinor: 22_990, currency: .eur),
                reference: reference)
            #expect(built?.text == payload)
            let html = try await document(invoice["id"], run, as: world.admin).text
            let svg = try #require(html.range(of: "<svg").flatMap { start in html.range(of: "</svg>", range: start.lowerBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] } })
            let decoded = try DocumentTools.decodeQR(svg: String(svg))
            #expect(decoded == payload)
        }
    }

    @Test func aCreditNoteNamesTheInvoiceItCredits() async throws {
        try await withWorld { world, run in
            let invoice = try await issuedInvoice(world, run, language: "fr")
            let note = try await run.expect(
                .created, .post, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/credit-notes", as: world.admin,
                #"{"reason":"Heures facturées deux fois"}"#)
            let html = try await document(note["id"], run, as: world.admin).text
            let number = try #require(invoice["number"] as? String)
            let issueDate = try #require(LocalDate(iso: invoice["issue_date"] as? String ?? ""))
            #expect(html.contains("Note de crédit relative à la facture \(number) du \(InvoiceDocumentLabelsProbe.date(issueDate, "fr"))"))
            #expect(html.contains("Heures facturées deux fois"))
            #expect(!html.contains("<svg"), "a credit note is not paid: no QR code")
        }
    }

    @Test func aDraftIsAPreviewMarkedDraftWithoutNumberOrQRCode() async throws {
        try await withWorld { world, run in
            try await world.work(client: world.people.clientID, hours: 1)
            let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(world.people.clientID)"}"#)
            let response = try await document(draft["id"], run, as: world.admin)
            #expect(response.status == .ok)
            #expect(response.text.contains("DRAFT") && !response.text.contains("<svg") && !response.text.contains("class=\"number\""))
            // A client's contact never sees a draft.
            #expect(try await document(draft["id"], run, as: world.contact).status == .notFound)
            let pdf = try await run.send(.get, "/api/v1/invoices/\(draft["id"] as? String ?? "")/document.pdf", as: world.admin, nil)
            #expect(pdf.status == .conflict)
        }
    }

    @Test func aClientContactGets404ForAnotherClientsDocument() async throws {
        try await withWorld { world, run in
            let own = try await issuedInvoice(world, run)
            #expect(try await document(own["id"], run, as: world.contact).status == .ok)
            let other = world.people.otherClientID
            try await InvoicingParties.completeInDatabase(pool: world.pool, client: other)
            try await world.work(client: other, hours: 1)
            let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(other)"}"#)
            let theirs = try await run.issue(draft, as: world.admin)
            #expect(try await document(theirs["id"], run, as: world.contact).status == .notFound)
            let pdf = try await run.send(.get, "/api/v1/invoices/\(theirs["id"] as? String ?? "")/document.pdf", as: world.contact, nil)
            #expect(pdf.status == .notFound)
        }
    }

    @Test func withoutARendererThePDFAnswers503SayingWhatToInstall() async throws {
        try await withWorld { world, run in
            let invoice = try await issuedInvoice(world, run)
            let response = try await run.send(.get, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/document.pdf", as: world.admin, nil)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.text.contains("weasyprint"))
            let stored = try await world.pool.queryOne("SELECT count(*) AS n FROM invoice_pdfs").decode("n", as: Int.self)
            #expect(stored == 0)
            // The route takes no query parameter.
            let unknown = try await run.send(
                .get, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/document.pdf?paper=letter", as: world.admin, nil)
            #expect(unknown.status == .badRequest && unknown.text.contains("paper"))
        }
    }

    @Test(.enabled(if: WeasyPrintRenderer.located() != nil, "needs weasyprint"))
    func thePDFIsRenderedAtIssueAndEveryDownloadIsTheSameBytes() async throws {
        try await withWorld(renderer: WeasyPrintRenderer.located()) { world, run in
            let started = ContinuousClock.now
            let invoice = try await issuedInvoice(world, run)
            let issueTime = ContinuousClock.now - started
            let id = try #require(invoice["id"] as? String)
            let stored = try await world.pool.queryOne("SELECT length(pdf) AS bytes, sha256 FROM invoice_pdfs WHERE invoice_id = \(id)::uuid")
            let bytes = try stored.decode("bytes", as: Int.self)
            let first = try await run.send(.get, "/api/v1/invoices/\(id)/document.pdf", as: world.admin, nil)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "application/pdf")
            let second = try await run.send(.get, "/api/v1/invoices/\(id)/document.pdf", as: world.contact, nil)
            #expect(second.status == .ok)
            #expect(Data(first.body.readableBytesView) == Data(second.body.readableBytesView))
            #expect(first.body.readableBytes == bytes)
            #expect(first.headers[.eTag] == "\"\(try stored.decode("sha256", as: String.self))\"")
            try GoldenFile.keep(Data(first.body.readableBytesView), as: "invoice.pdf", in: "SHEAF_TEST_PDF_DIR")
            let text = try DocumentTools.pdfText(Data(first.body.readableBytesView))
            #expect(text.contains(invoice["number"] as? String ?? "?"))
            #expect(text.contains("€229.90"))
            // The e-invoice inside: the same bytes as GET /ubl.
            let number = try #require(invoice["number"] as? String)
            let listing = try DocumentTools.pdfAttachments(Data(first.body.readableBytesView))
            #expect(listing.contains("\(number).xml"), "\(listing)")
            let ubl = try await run.send(.get, "/api/v1/invoices/\(id)/ubl", as: world.admin, nil)
            #expect(ubl.status == .ok)
            let attached = try DocumentTools.pdfAttachment(1, of: Data(first.body.readableBytesView))
            #expect(attached == Data(ubl.body.readableBytesView))
            print("invoice PDF: \(bytes) bytes; issue with rendering took \(issueTime)")
        }
    }
}

/// The document's date format, as the tests expect it.
enum InvoiceDocumentLabelsProbe {
    static func date(_ date: LocalDate, _ language: String) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        switch language {
        case "fr", "nl": return "\(day)/\(month)/\(date.year)"
        case "de": return "\(day).\(month).\(date.year)"
        default: return date.description
        }
    }
}

/// The command-line tools the document tests read documents back with (installed by
/// scripts/test: librsvg2-bin, zbar-tools, poppler-utils).
enum DocumentTools {
    struct ToolFailed: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-tool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        guard process.terminationStatus == 0 else { throw ToolFailed(description: "\(tool) exited with \(process.terminationStatus)") }
        return try Data(contentsOf: output)
    }

    static func temporary(_ data: Data, suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-doc-\(UUID().uuidString)\(suffix)")
        try data.write(to: url)
        return url
    }

    /// The text of the QR code drawn by `svg`: rendered to PNG by rsvg-convert, read by zbarimg.
    static func decodeQR(svg: String) throws -> String {
        let svgFile = try temporary(Data(svg.utf8), suffix: ".svg")
        let png = svgFile.deletingPathExtension().appendingPathExtension("png")
        defer {
            try? FileManager.default.removeItem(at: svgFile)
            try? FileManager.default.removeItem(at: png)
        }
        _ = try run("rsvg-convert", ["-w", "400", "-h", "400", "-b", "white", "-o", png.path, svgFile.path])
        // `-Sbinary`: the symbol's bytes exactly as encoded, with no newline of zbarimg's own.
        return String(decoding: try run("zbarimg", ["--raw", "-q", "-Sbinary", png.path]), as: UTF8.self)
    }

    /// `pdfdetach -list`: the names of the embedded files.
    static func pdfAttachments(_ pdf: Data) throws -> String {
        let file = try temporary(pdf, suffix: ".pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        return String(decoding: try run("pdfdetach", ["-list", file.path]), as: UTF8.self)
    }

    /// The bytes of embedded file number `index` (from 1).
    static func pdfAttachment(_ index: Int, of pdf: Data) throws -> Data {
        let file = try temporary(pdf, suffix: ".pdf")
        let saved = file.deletingPathExtension().appendingPathExtension("attachment")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: saved)
        }
        _ = try run("pdfdetach", ["-save", String(index), "-o", saved.path, file.path])
        return try Data(contentsOf: saved)
    }

    static func pdfText(_ pdf: Data) throws -> String {
        let file = try temporary(pdf, suffix: ".pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        return String(decoding: try run("pdftotext", ["-layout", file.path, "-"]), as: UTF8.self)
    }
}
