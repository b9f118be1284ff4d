import Domain
import Foundation
import HTTPTypes
import Logging
import Postgres
import Services
import TestSupport
import Testing

@Suite("Reminders on a test clock")
struct ReminderAPITests {
    /// The reminders of GET /invoices/{id}: offset → status.
    func statuses(_ world: AutomationWorld, _ id: String) async throws -> [Int: String] {
        let invoice = try await world.run.expect(.ok, .get, "/api/v1/invoices/\(id)", as: try await world.freshAdmin())
        var result: [Int: String] = [:]
        for reminder in invoice.objects("reminders") {
            if let offset = reminder["offset_days"] as? Int { result[offset] = reminder["status"] as? String }
        }
        return result
    }

    @Test func minusThreeZeroAndPlusSevenFireOnceEachAndAPaymentStopsPlusThirty() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            let invoice = try await world.issuedInvoice(netMinor: 957_263, issued: "2026-12-01", due: "2026-12-31")
            let id = try #require(invoice["id"] as? String)
            let number = try #require(invoice["number"] as? String)
            #expect(try await statuses(world, id) == [-3: "scheduled", 0: "scheduled", 7: "scheduled", 30: "scheduled"])

            // Nothing is due yet on 2026-12-20.
            try await world.runReminders()
            #expect(try await world.dispatch(sink) == 0)

            var expected = 0
            for (day, offset, subject) in [
                ("2026-12-28", -3, "Invoice \(number) is due on 2026-12-31"), ("2026-12-31", 0, "Invoice \(number) is due today"),
                ("2027-01-07", 7, "Overdue: invoice \(number)"),
            ] {
                world.setDate(day)
                // Twice on the same day: once only.
                try await world.runReminders()
                try await world.runReminders()
                try await world.dispatch(sink)
                expected += 1
                let received = try await sink.waitForMessages(expected)
                #expect(received.count == expected, "on \(day)")
                #expect(received.last?.headers["Subject"] == subject)
                #expect(try await statuses(world, id)[offset] == "sent")
            }
            #expect(try await world.count("invoice_reminders", where: "status = 'sent'") == 3)
            #expect(try await world.count("outbox_events", where: "type = 'reminder.due'") == 3)
            let payload = try await world.pool.queryOne(
                "SELECT payload::text AS p FROM outbox_events WHERE type = 'reminder.due' ORDER BY seq DESC LIMIT 1")
            let due = try JSONSerialization.jsonObject(with: Data((try payload.decode("p") as String).utf8)) as? [String: Any] ?? [:]
            #expect(due["offset_days"] as? Int == 7)
            #expect(due["invoice_number"] as? String == number)
            #expect((due["amount_due"] as? [String: Any])?["amount_minor"] as? Int == 1_158_288)

            // Paid in full on 2027-01-10: +30 never comes.
            try await world.run.expect(
                .created, .post, "/api/v1/invoices/\(id)/payments", as: try await world.freshAdmin(),
                #"{"amount":{"amount_minor":1158288},"paid_on":"2027-01-10","method":"transfer"}"#)
            world.setDate("2027-01-30")
            try await world.runReminders()
            try await world.dispatch(sink)
            #expect(try sink.received().count == 3)
            #expect(try await statuses(world, id) == [-3: "sent", 0: "sent", 7: "sent", 30: "cancelled"])
        }
    }

    @Test func aPaymentBeforePlusSevenCancelsIt() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-31")
            let id = try #require(invoice["id"] as? String)
            world.setDate("2026-12-31")
            try await world.runReminders()
            try await world.dispatch(sink)
            #expect(try await sink.waitForMessages(1).count == 1)
            try await world.run.expect(
                .created, .post, "/api/v1/invoices/\(id)/payments", as: try await world.freshAdmin(),
                #"{"amount":{"amount_minor":12100},"paid_on":"2027-01-03","method":"transfer"}"#)
            world.setDate("2027-01-07")
            try await world.runReminders()
            try await world.dispatch(sink)
            #expect(try sink.received().count == 1)
            let statuses = try await statuses(world, id)
            // -3 was passed over when the job first saw the invoice on its due date.
            #expect(statuses == [-3: "skipped", 0: "sent", 7: "cancelled", 30: "cancelled"])
        }
    }

    @Test func theFormalNoticeStatesTheLatePaymentTermsInTheClientsLanguage() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            try await world.pool.execute("UPDATE clients SET language = 'fr' WHERE id = \(world.people.clientID)")
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-11-01", due: "2026-11-15")
            let number = try #require(invoice["number"] as? String)
            // 2026-12-20 is +35: only +30 is sent (the earlier ones are passed over).
            try await world.runReminders()
            try await world.dispatch(sink)
            let mail = try #require(try await sink.waitForMessages(1).first)
            #expect(mail.headers["Subject"] == "Mise en demeure : facture \(number)")
            let text = mail.parts[0].text
            #expect(text.contains("loi du 2 août 2002"))
            #expect(text.contains("à partir du 2026-11-16 au taux de 10.50 %"))
            #expect(text.contains("40,00 EUR"))
            #expect(try await world.count("invoice_reminders", where: "status = 'skipped'") == 3)
        }
    }

    @Test func thePlusSevenReminderArrivesOnceByEmailAndOnceAsASignedWebhook() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await AutomationWorld.with { world in
                try await world.billingContact("Ada Payables", email: "ap@client.example")
                let secret = WebhookSecret.random().text
                receiver.expect(secret: secret, answers: [])
                try await world.pool.execute(
                    """
                    INSERT INTO webhook_endpoints (id, url, event_types, secret, created_at, updated_at)
                    VALUES (\(WebhookEndpointID.random()), \("https://localhost:\(port)/hook"), '{reminder.due}', \(secret), now(), now())
                    """)
                // Due 2026-12-13: on 2026-12-20 the +7 reminder is due (-3 and 0 are passed over).
                let invoice = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-13")
                let number = try #require(invoice["number"] as? String)
                let webhooks = WebhookChannel(
                    pool: world.pool, clock: world.clock,
                    settings: .init(
                        policy: WebhookAddressPolicy(allowLoopback: true, allowPrivate: false), timeout: .seconds(5),
                        trustRootsFile: try TestCertificate.make().certificatePath))
                let dispatcher = OutboxDispatcher(
                    pool: world.pool, clock: world.clock,
                    channels: [webhooks, EmailDeliveryChannel(pool: world.pool, transport: sink.transport, clock: world.clock)],
                    logger: AutomationWorld.logger)
                for _ in 0..<2 {
                    try await world.runReminders()
                    try await dispatcher.runOnce()
                }
                let mails = try await sink.waitForMessages(1)
                try await Task.sleep(for: .milliseconds(300))
                #expect(try sink.received().count == 1)
                #expect(mails.first?.headers["Subject"] == "Overdue: invoice \(number)")
                let hooks = receiver.received
                #expect(hooks.count == 1)
                #expect(hooks.allSatisfy { $0.signatureValid })
                let hook = try #require(hooks.first)
                let body = try #require(try JSONSerialization.jsonObject(with: hook.body) as? [String: Any])
                #expect(body["type"] as? String == "reminder.due")
                let data = try #require(body["data"] as? [String: Any])
                #expect(data["offset_days"] as? Int == 7)
                #expect(data["invoice_number"] as? String == number)
                #expect(try await world.count("invoice_reminders", where: "status = 'sent'") == 1)
                #expect(try await world.count("invoice_reminders", where: "status = 'skipped'") == 2)
            }
        }
    }

    @Test func twoRunnerInstancesOnOneDatabaseSendNothingTwice() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            try await world.billingContact("Ada Payables", email: "ap@client.example")
            try await world.billingContact("Cy Controller", email: "cy@client.example")
            for _ in 0..<4 { _ = try await world.issuedInvoice(netMinor: 10_000, issued: "2026-12-01", due: "2026-12-20") }
            let channel = EmailDeliveryChannel(pool: world.pool, transport: sink.transport, clock: world.clock)
            let runners = ["a", "b"].map { name in
                JobRunner(
                    pool: world.pool, clock: world.clock, registry: JobRegistry([ReminderJob()]), channels: [channel], instance: name,
                    logger: AutomationWorld.logger)
            }
            // Both runners at once, twice, on the due date of the four invoices.
            for _ in 0..<2 {
                async let first = runners[0].runDueJobs()
                async let second = runners[1].runDueJobs()
                _ = try await (first, second)
                world.clock.advance(by: .seconds(3600))
            }
            // The job is due once per slot: run the reminders directly too, concurrently.
            async let third: Void = world.runReminders()
            async let fourth: Void = world.runReminders()
            _ = try await (third, fourth)
            for _ in 0..<3 {
                async let one = runners[0].dispatcher.runOnce()
                async let two = runners[1].dispatcher.runOnce()
                _ = try await (one, two)
            }
            // Four invoices × one reminder (due today) × two billing contacts.
            let received = try await sink.waitForMessages(8)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try sink.received().count == 8)
            #expect(Set(received.map { $0.headers["Message-ID"] ?? "" }).count == 8)
            #expect(try await world.count("invoice_reminders", where: "status = 'sent'") == 4)
            #expect(try await world.count("outbox_events", where: "type = 'reminder.due'") == 4)
        }
    }
}
