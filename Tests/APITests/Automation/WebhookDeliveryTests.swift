import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// Webhooks end to end: an endpoint made through the API, an event appended in a
/// transaction, the runner's dispatcher POSTing it over HTTPS to a receiver on loopback
/// (the test certificate, trusted through `trustRootsFile`) that checks the signature,
/// answers 500, then too slowly, then 204, and processes the event once although it
/// receives it four times (a manual retry resends a delivered event).
@Suite struct WebhookDeliveryTests {
    static let logger = Logger(label: "test.webhooks")

    struct World {
        let pool: PostgresPool
        let clock: TestClock
        let admin: String
        let configuration: SheafConfiguration
    }

    static func withWorld(allowLoopback: Bool = true, _ body: @Sendable (World, any TestClientProtocol) async throws -> Void) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let roles = try await RoleWorld.make(pool: pool)
            let clock = TestClock()
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.webhookPolicy = WebhookAddressPolicy(allowLoopback: allowLoopback)
            let app = try TestApp.application(configuration: configuration, pool: pool, clock: clock)
            let world = World(pool: pool, clock: clock, admin: try await roles.token(.admin)!, configuration: configuration)
            try await app.test(.router) { client in try await body(world, client) }
        }
    }

    static func dispatcher(_ world: World, policy: WebhookAddressPolicy? = nil, timeout: Duration = .seconds(1)) throws -> OutboxDispatcher {
        let channel = WebhookChannel(
            pool: world.pool, clock: world.clock,
            settings: .init(
                policy: policy ?? world.configuration.webhookPolicy, publicURL: "https://sheaf.example.com", timeout: timeout,
                trustRootsFile: try TestCertificate.make().certificatePath))
        return OutboxDispatcher(pool: world.pool, clock: world.clock, channels: [channel], logger: logger)
    }

    static func appendEvent(_ world: World, type: OutboxEventType = .invoicePaid) async throws -> OutboxEvent {
        let invoice = InvoiceID.random()
        let event = OutboxEvent(
            type: type, occurredAt: world.clock.now(), subjectType: "invoice", subjectID: invoice.description,
            link: "/api/v1/invoices/\(invoice)", payload: #"{"invoice":{"id":"\#(invoice)","balance_minor":0}}"#)
        try await world.pool.withTransaction { tx in try await OutboxStore().append(event, on: tx) }
        return event
    }

    @Test func aSignedDeliveryIsRetriedAfterA500AndATimeoutAndProcessedOnce() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await Self.withWorld { world, client in
                let created = try await client.send(
                    .post, "/api/v1/webhooks", token: world.admin,
                    json: #"{"url":"https://localhost:\#(port)/hook","event_types":["invoice.paid"],"description":"Accounting"}"#)
                #expect(created.status == .created, "\(created.text)")
                let endpoint = try created.json()
                let secret = try #require(endpoint["secret"] as? String)
                #expect(secret.hasPrefix("whsec_"))
                // The secret is shown at creation only.
                let read = try await client.send(.get, "/api/v1/webhooks/\(endpoint["id"]!)", token: world.admin)
                #expect(read.status == .ok)
                #expect(try read.json()["secret"] == nil)

                // A 4 s timeout against a 10 s answer: on a loaded 2-core machine the TLS
                // handshake and the 500 alone have taken over a second, so a 1 s timeout
                // turned the first attempt into a timeout too.
                receiver.expect(secret: secret, answers: [.status(500), .slow(.seconds(10))])
                let event = try await Self.appendEvent(world)
                _ = try await Self.appendEvent(world, type: .invoiceIssued)  // not subscribed: no delivery
                let dispatcher = try Self.dispatcher(world, timeout: .seconds(4))

                #expect(try await dispatcher.runOnce() == 1)  // 500
                world.clock.advance(by: .seconds(40))
                #expect(try await dispatcher.runOnce() == 1)  // too slow: timed out after 4 s
                world.clock.advance(by: .seconds(80))
                #expect(try await dispatcher.runOnce() == 1)  // 204
                world.clock.advance(by: .seconds(3600))
                #expect(try await dispatcher.runOnce() == 0)

                let listed = try await client.send(.get, "/api/v1/webhooks/deliveries?endpoint_id=\(endpoint["id"]!)", token: world.admin)
                #expect(listed.status == .ok, "\(listed.text)")
                let items = try #require((try listed.json())["items"] as? [[String: Any]])
                #expect(items.count == 1)
                let delivery = try #require(items.first)
                #expect(delivery["status"] as? String == "succeeded")
                #expect(delivery["event_id"] as? String == event.id.description)
                let attempts = try #require(delivery["attempts"] as? [[String: Any]])
                #expect(attempts.map { $0["http_status"] as? Int } == [500, nil, 204])
                #expect((attempts[1]["error"] as? String)?.contains("timed out") == true)
                #expect(attempts.allSatisfy { ($0["duration_ms"] as? Int).map { $0 >= 0 } == true })
                #expect((attempts[1]["duration_ms"] as? Int ?? 0) >= 3_900)

                // A manual retry sends it once more, with the same webhook-id.
                let retried = try await client.send(.post, "/api/v1/webhooks/deliveries/\(delivery["id"]!)/retry", token: world.admin)
                #expect(retried.status == .accepted, "\(retried.text)")
                #expect(try await dispatcher.runOnce() == 1)

                let received = receiver.received
                #expect(received.count == 4)
                #expect(received.allSatisfy { $0.id == event.id.description && $0.signatureValid })
                #expect(receiver.processed == [event.id.description])
                let body = try JSONSerialization.jsonObject(with: received[0].body) as? [String: Any]
                #expect(body?["type"] as? String == "invoice.paid")
                #expect(body?["link"] as? String == "https://sheaf.example.com/api/v1/invoices/\(event.subjectID)")
                #expect((body?["data"] as? [String: Any])?["invoice"] != nil)
            }
        }
    }

    @Test func aRotatedSecretSignsTheNextDeliveries() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await Self.withWorld { world, client in
                let created = try await client.send(.post, "/api/v1/webhooks", token: world.admin, json: #"{"url":"https://localhost:\#(port)/hook"}"#)
                let endpoint = try created.json()
                let old = try #require(endpoint["secret"] as? String)
                let rotated = try await client.send(.post, "/api/v1/webhooks/\(endpoint["id"]!)/rotate-secret", token: world.admin)
                #expect(rotated.status == .ok, "\(rotated.text)")
                let new = try #require((try rotated.json())["secret"] as? String)
                #expect(new != old)

                receiver.expect(secret: new, answers: [])
                _ = try await Self.appendEvent(world)
                #expect(try await Self.dispatcher(world).runOnce() == 1)
                #expect(receiver.received.map(\.signatureValid) == [true])
            }
        }
    }

    @Test func aReceiverOnLoopbackIsRefusedUnlessAllowed() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { port in
            try await Self.withWorld(allowLoopback: false) { world, client in
                for url in ["https://localhost:\(port)/hook", "https://127.0.0.1/hook", "https://[::1]/hook", "https://10.1.2.3/hook",
                    "https://169.254.169.254/latest", "http://hooks.example.com/plain", "ftp://hooks.example.com/"]
                {
                    let refused = try await client.send(.post, "/api/v1/webhooks", token: world.admin, json: #"{"url":"\#(url)"}"#)
                    expectProblem(refused, .invalidInput, Comment(rawValue: url))
                }
                // Written past the API (say, before the policy was tightened), it is refused
                // at delivery: the delivery fails at once and nothing reaches the receiver.
                try await world.pool.execute(
                    """
                    INSERT INTO webhook_endpoints (id, url, secret, created_at, updated_at)
                    VALUES (\(WebhookEndpointID.random()), \("https://localhost:\(port)/hook"), \(WebhookSecret.random().text), now(), now())
                    """)
                _ = try await Self.appendEvent(world)
                #expect(try await Self.dispatcher(world).runOnce() == 1)
                let row = try await world.pool.queryOne("SELECT status, last_error FROM outbox_deliveries")
                #expect(try row.decode("status", as: String.self) == "failed")
                #expect(try row.decode("last_error", as: String.self).lowercased().contains("loopback"))
                #expect(receiver.received.isEmpty)
            }
        }
    }

    @Test func webhookChangesAreValidatedAndAudited() async throws {
        try await Self.withWorld(allowLoopback: false) { world, client in
            let bad = try await client.send(
                .post, "/api/v1/webhooks", token: world.admin, json: #"{"url":"https://hooks.example.com/h","event_types":["invoice.exploded"]}"#)
            expectProblem(bad, .invalidInput)
            #expect(try bad.problem().errors?.first?.field == "event_types[0]")
            let created = try await client.send(.post, "/api/v1/webhooks", token: world.admin, json: #"{"url":"https://hooks.example.com/h"}"#)
            let id = try #require((try created.json())["id"] as? String)
            let stale = try await client.send(.patch, "/api/v1/webhooks/\(id)", token: world.admin, json: #"{"active":false}"#, headers: [.ifMatch: "\"7\""])
            expectProblem(stale, .versionMismatch)
            let changed = try await client.send(
                .patch, "/api/v1/webhooks/\(id)", token: world.admin, json: #"{"active":false,"event_types":["invoice.paid","invoice.issued"]}"#,
                headers: [.ifMatch: "\"1\""])
            #expect(changed.status == .ok, "\(changed.text)")
            #expect((try changed.json())["event_types"] as? [String] == ["invoice.issued", "invoice.paid"])
            #expect(try await client.send(.delete, "/api/v1/webhooks/\(id)", token: world.admin).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/webhooks/\(id)", token: world.admin).status == .notFound)
            let actions = try await world.pool.query("SELECT action FROM audit_events WHERE subject_id = \(id) ORDER BY id") {
                try $0.decode("action", as: String.self)
            }
            #expect(actions == ["webhook.created", "webhook.updated", "webhook.deleted"])
            let snapshots = try await world.pool.query("SELECT coalesce(after::text, '') || coalesce(before::text, '') AS s FROM audit_events WHERE subject_id = \(id)") {
                try $0.decode("s", as: String.self)
            }
            #expect(snapshots.allSatisfy { !$0.contains("whsec_") })
            let badFilter = try await client.send(.get, "/api/v1/webhooks/deliveries?status=lost&event_type=x.y", token: world.admin)
            expectProblem(badFilter, .invalidInput)
        }
    }
}
