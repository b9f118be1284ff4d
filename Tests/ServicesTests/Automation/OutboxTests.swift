import Domain
import Foundation
import Logging
import Postgres
import Services
import Storage
import Synchronization
import TestSupport
import Testing

/// The outbox against a real PostgreSQL: events exist exactly when their change
/// committed, webhook deliveries are made for the subscribed active endpoints, and the
/// dispatcher retries with backoff, records every attempt and gives up after its window.
@Suite struct OutboxTests {
    /// A channel that answers from a script and records what it was given.
    final class ScriptedChannel: DeliveryChannel {
        let kind: DeliveryChannelKind
        private let state: Mutex<(script: [DeliveryResult.Outcome], seen: [ClaimedDelivery])>

        init(_ kind: DeliveryChannelKind, answers: [DeliveryResult.Outcome]) {
            self.kind = kind
            state = Mutex((answers, []))
        }

        var seen: [ClaimedDelivery] { state.withLock { $0.seen } }

        func deliver(_ delivery: ClaimedDelivery) async -> DeliveryResult {
            let outcome = state.withLock { state in
                state.seen.append(delivery)
                return state.script.isEmpty ? .succeeded : state.script.removeFirst()
            }
            return DeliveryResult(outcome, httpStatus: outcome == .succeeded ? 204 : 500, error: outcome == .succeeded ? nil : "HTTP 500")
        }
    }

    static func event(_ type: OutboxEventType, at date: Date) -> OutboxEvent {
        let id = InvoiceID.random()
        return OutboxEvent(
            type: type, occurredAt: date, subjectType: "invoice", subjectID: id.description, link: "/invoices/\(id)",
            payload: #"{"invoice":{"id":"\#(id)"}}"#)
    }

    static func endpoint(_ pool: PostgresPool, types: [String], active: Bool = true) async throws -> WebhookEndpointID {
        let id = WebhookEndpointID.random()
        try await pool.execute(
            """
            INSERT INTO webhook_endpoints (id, url, event_types, active, secret, created_at, updated_at)
            VALUES (\(id), 'https://example.test/hook', \(types), \(active), 'whsec_c2VjcmV0', now(), now())
            """)
        return id
    }

    @Test func anEventExistsExactlyWhenItsTransactionCommits() async throws {
        struct Abandoned: Error {}
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let all = try await Self.endpoint(pool, types: [])
            let paidOnly = try await Self.endpoint(pool, types: ["invoice.paid"])
            _ = try await Self.endpoint(pool, types: [], active: false)
            let outbox = OutboxStore()
            let rolledBack = Self.event(.invoiceIssued, at: Date())
            await #expect(throws: Abandoned.self) {
                try await pool.withTransaction { tx in
                    try await outbox.append(rolledBack, deliveries: [NewDelivery(channel: .email, target: "ap@client.test")], on: tx)
                    throw Abandoned()
                }
            }
            #expect(try await outbox.event(rolledBack.id, on: pool) == nil)
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM outbox_deliveries").decode("n", as: Int64.self) == 0)

            let committed = Self.event(.invoicePaid, at: Date())
            try await pool.withTransaction { tx in
                try await outbox.append(committed, deliveries: [NewDelivery(channel: .email, target: "ap@client.test")], on: tx)
            }
            let stored = try #require(try await outbox.event(committed.id, on: pool))
            #expect(stored.type == committed.type && stored.link == committed.link && stored.subjectID == committed.subjectID)
            let targets = try await pool.query(
                "SELECT channel || ':' || target AS t FROM outbox_deliveries WHERE event_id = \(committed.id) ORDER BY 1"
            ) { try $0.decode("t", as: String.self) }
            #expect(targets == ["email:ap@client.test", "webhook:\(all)", "webhook:\(paidOnly)"].sorted())

            // The application role cannot rewrite history.
            await #expect(throws: PostgresError.self) { try await pool.execute("DELETE FROM outbox_events") }
        }
    }

    @Test func theDispatcherRetriesWithBackoffThenSucceedsAndRecordsEachAttempt() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let clock = TestClock()
            _ = try await Self.endpoint(pool, types: [])
            let event = Self.event(.invoiceIssued, at: clock.now())
            try await pool.withTransaction { tx in try await OutboxStore().append(event, on: tx) }
            let channel = ScriptedChannel(.webhook, answers: [.retry, .retry])
            let dispatcher = OutboxDispatcher(pool: pool, clock: clock, channels: [channel], logger: Logger(label: "test"))

            #expect(try await dispatcher.runOnce() == 1)
            // Not again until the backoff (30 s ± 20 %) has passed.
            clock.advance(by: .seconds(23))
            #expect(try await dispatcher.runOnce() == 0)
            clock.advance(by: .seconds(14))
            #expect(try await dispatcher.runOnce() == 1)
            clock.advance(by: .seconds(73))
            #expect(try await dispatcher.runOnce() == 1)
            #expect(try await dispatcher.runOnce() == 0)
            #expect(channel.seen.map(\.attempt) == [1, 2, 3])
            #expect(channel.seen.allSatisfy { $0.event.id == event.id && $0.event.type == event.type })

            let delivery = try await pool.queryOne("SELECT status, attempts, next_attempt_at FROM outbox_deliveries")
            #expect(try delivery.decode("status", as: String.self) == "succeeded")
            #expect(try delivery.decode("attempts", as: Int.self) == 3)
            let attempts = try await pool.query("SELECT succeeded, http_status FROM outbox_delivery_attempts ORDER BY attempt") {
                "\(try $0.decode("succeeded", as: Bool.self)):\(try $0.decode("http_status", as: Int.self))"
            }
            #expect(attempts == ["false:500", "false:500", "true:204"])
        }
    }

    @Test func aDeliveryFailsAfterAboutThreeDaysOfRetries() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let clock = TestClock()
            _ = try await Self.endpoint(pool, types: [])
            try await pool.withTransaction { tx in try await OutboxStore().append(Self.event(.invoiceIssued, at: clock.now()), on: tx) }
            let channel = ScriptedChannel(.webhook, answers: Array(repeating: .retry, count: 100))
            let dispatcher = OutboxDispatcher(pool: pool, clock: clock, channels: [channel], logger: Logger(label: "test"))
            var hours = 0
            while hours < 24 * 5 {
                try await dispatcher.runOnce()
                clock.advance(by: .seconds(3600))
                hours += 1
            }
            let row = try await pool.queryOne("SELECT status, attempts FROM outbox_deliveries")
            #expect(try row.decode("status", as: String.self) == "failed")
            let attempts = try row.decode("attempts", as: Int.self)
            #expect((10...20).contains(attempts))
            let policy = DeliveryRetryPolicy()
            #expect(policy.baseDelay(afterAttempts: 1) == .seconds(30))
            #expect(policy.baseDelay(afterAttempts: 30) == .seconds(12 * 3600))
        }
    }
}
