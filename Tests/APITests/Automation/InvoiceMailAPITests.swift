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

@Suite("Invoices e-mailed over real SMTP")
struct InvoiceMailAPITests {
    @Test func theBillingContactsReceiveTheInvoiceWithItsStoredPDFAndItsUBL() async throws {
        let renderer = try #require(WeasyPrintRenderer.located(), "weasyprint is needed: run the tests through scripts/test")
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with(configure: { $0.pdfRenderer = renderer; $0.mailTransport = sink.transport }) { world in
            let run = world.run
            try await world.billingContact("Ada Payables", email: "AP@client.example")
            try await world.billingContact("Bo Buyer", email: "bo@client.example", receivesInvoices: false)
            let invoice = try await world.issuedInvoice(netMinor: 957_263, issued: "2026-12-01", due: "2026-12-31")
            let id = try #require(invoice["id"] as? String)
            let queued = try await run.expect(.accepted, .post, "/api/v1/invoices/\(id)/send", as: world.admin)
            #expect(queued["recipients"] as? [String] == ["ap@client.example"])
            #expect(queued["status"] as? String == "queued")
            // Nothing leaves in the request: the dispatcher sends it.
            #expect(try sink.received().isEmpty)
            #expect(try await world.dispatch(sink) == 1)
            #expect(try await world.deliveryErrors() == [])
            let mail = try #require(try await sink.waitForMessages(1).first)
            #expect(mail.recipients == ["ap@client.example"])
            #expect(mail.defects.isEmpty)
            let number = try #require(invoice["number"] as? String)
            #expect(mail.headers["Subject"] == "Invoice \(number) from Sheaf Studio")
            #expect(mail.headers["From"] == "Sheaf Studio <billing@sheaf.example>")
            #expect(mail.headers["Reply-To"] == "Sheaf Studio <billing@sheaf.example>")
            #expect(mail.headers["To"] == "Ada Payables <ap@client.example>")
            let event = try await world.pool.queryOne("SELECT id::text AS id FROM outbox_events WHERE type = 'invoice.sent'")
            let eventID: String = try event.decode("id")
            #expect(mail.headers["Message-ID"]?.hasPrefix("<\(eventID).") == true, "\(mail.headers)")
            #expect(mail.headers["Date"] != nil)
            #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html", "application/pdf", "application/xml"])
            #expect(mail.parts[0].text.contains("11582.88 EUR"))
            // The attachments are the very bytes of the stored PDF and of GET /ubl.
            let pdf = try await run.send(.get, "/api/v1/invoices/\(id)/document.pdf", as: world.admin, nil)
            let ubl = try await run.send(.get, "/api/v1/invoices/\(id)/ubl", as: world.admin, nil)
            #expect(mail.attachment(named: "\(number).pdf")?.data == Data(pdf.body.readableBytesView))
            #expect(mail.attachment(named: "\(number).xml")?.data == Data(ubl.body.readableBytesView))
            // Recorded as delivered; a second pass sends nothing again.
            #expect(try await world.count("outbox_deliveries", where: "channel = 'email' AND status = 'succeeded'") == 1)
            #expect(try await world.dispatch(sink) == 0)
            #expect(try sink.received().count == 1)
            #expect(try await world.count("audit_events", where: "action = 'invoice.sent'") == 1)
            #expect(try await world.count("outbox_events", where: "type = 'invoice.sent'") == 1)
        }
    }

    @Test func aRefusingMTAIsRetriedAndRecorded() async throws {
        let renderer = try #require(WeasyPrintRenderer.located())
        try await AutomationWorld.with(configure: { $0.pdfRenderer = renderer }) { world in
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-31")
            try await world.run.expect(.accepted, .post, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/send", as: world.admin)
            let refusing = EmailDeliveryChannel(
                pool: world.pool, transport: SendmailTransport(command: ["/bin/sh", "-c", "echo 'mail server down' >&2; exit 75"]),
                clock: world.clock)
            let dispatched = try await OutboxDispatcher(pool: world.pool, clock: world.clock, channels: [refusing], logger: AutomationWorld.logger)
                .runOnce()
            #expect(dispatched == 1)
            #expect(try await world.deliveryErrors().allSatisfy { $0.contains("mail server down") })
            #expect(try await world.count("outbox_deliveries", where: "channel = 'email' AND status = 'pending' AND attempts = 1") == 1)
            #expect(try await world.count("outbox_delivery_attempts", where: "NOT succeeded AND error LIKE '%mail server down%'") == 1)
        }
    }

    @Test func refusedWithoutBillingContactForDraftsAndForOtherRoles() async throws {
        try await AutomationWorld.with { world in
            let run = world.run
            let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-31")
            let id = try #require(invoice["id"] as? String)
            // No renderer in this world: the PDF cannot be made (503), whatever the contacts.
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            try await run.expect(.serviceUnavailable, .post, "/api/v1/invoices/\(id)/send", as: world.admin)
            let draft = try await run.expect(
                .created, .post, "/api/v1/invoices", as: world.admin,
                #"{"kind":"deposit","project_id":"\#(world.project)","amount":{"amount_minor":1000}}"#)
            try await run.expect(.conflict, .post, "/api/v1/invoices/\(draft["id"] as? String ?? "")/send", as: world.admin)
            try await run.expect(.notFound, .post, "/api/v1/invoices/\(UUID())/send", as: world.admin)
            try await run.expect(.unprocessableContent, .post, "/api/v1/invoices/\(id)/send", as: world.admin, #"{"to":"x@y.example"}"#)
            // The body conventions, checked before anything else: malformed JSON, not JSON, too large.
            try await run.expect(.badRequest, .post, "/api/v1/invoices/\(id)/send", as: world.admin, #"{"to""#)
            let plain = try await run.client.execute(
                uri: "/api/v1/invoices/\(id)/send", method: .post,
                headers: [.authorization: "Bearer \(world.admin)", .contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(plain.status == .unsupportedMediaType)
            let huge = #"{"to":""# + String(repeating: "x", count: 2_000_000) + #""}"#
            try await run.expect(.contentTooLarge, .post, "/api/v1/invoices/\(id)/send", as: world.admin, huge)
            let manager = try #require(try await world.people.token(.manager))
            try await run.expect(.forbidden, .post, "/api/v1/invoices/\(id)/send", as: manager)
            #expect(try await world.count("outbox_events", where: "type = 'invoice.sent'") == 0)
        }
    }

    @Test func withoutABillingContactNothingIsQueued() async throws {
        let renderer = try #require(WeasyPrintRenderer.located())
        try await AutomationWorld.with(configure: { $0.pdfRenderer = renderer }) { world in
            try await world.billingContact("Bo Buyer", email: "bo@client.example", receivesInvoices: false)
            let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-31")
            let problem = try await world.run.expect(.conflict, .post, "/api/v1/invoices/\(invoice["id"] as? String ?? "")/send", as: world.admin)
            #expect((problem["detail"] as? String)?.contains("receives_invoices") == true)
            #expect(try await world.count("outbox_events", where: "type = 'invoice.sent'") == 0)
        }
    }
}
