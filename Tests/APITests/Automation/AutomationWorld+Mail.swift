import Domain
import Foundation
import HTTPTypes
import Logging
import Postgres
import Services
import TestSupport
import Testing

extension AutomationWorld {
    static let logger = Logger(label: "sheaf.tests.automation")

    /// A billing contact (receives invoices and reminders) of the world's client.
    @discardableResult
    func billingContact(_ name: String, email: String, receivesInvoices: Bool = true) async throws -> [String: Any] {
        try await run.expect(
            .created, .post, "/api/v1/clients/\(people.clientID)/contacts", as: admin,
            #"{"name":"\#(name)","email":"\#(email)","receives_invoices":\#(receivesInvoices)}"#)
    }

    /// A new admin session at the clock's time: `admin`'s expires once the test clock
    /// has moved on by days.
    func freshAdmin() async throws -> String {
        try #require(try await people.token(.admin))
    }

    /// One pass of an outbox dispatcher with the e-mail channel through `sink`.
    @discardableResult
    func dispatch(_ sink: SMTPSink) async throws -> Int {
        try await OutboxDispatcher(
            pool: pool, clock: clock, channels: [EmailDeliveryChannel(pool: pool, transport: sink.transport, clock: clock)], logger: Self.logger
        ).runOnce()
    }

    /// The errors the outbox recorded for its deliveries (none when every attempt succeeded).
    func deliveryErrors() async throws -> [String] {
        try await pool.query("SELECT last_error FROM outbox_deliveries WHERE last_error IS NOT NULL ORDER BY created_at") {
            try $0.decode("last_error")
        }
    }

    /// One run of the reminders job at the clock's time.
    func runReminders() async throws {
        try await ReminderJob().run(JobContext(pool: pool, clock: clock, logger: Self.logger, dueAt: clock.now(), startedAt: clock.now()))
    }
}
