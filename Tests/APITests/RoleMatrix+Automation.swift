import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

extension MatrixFixture {
    /// A fresh webhook endpoint, written straight to the database.
    func newWebhook() async throws -> WebhookEndpointID {
        let id = WebhookEndpointID.random()
        try await pool.execute(
            """
            INSERT INTO webhook_endpoints (id, url, secret, created_at, updated_at)
            VALUES (\(id), \("https://hooks.example.com/\(unique())"), \(WebhookSecret.random().text), now(), now())
            """)
        return id
    }

    /// A failed webhook delivery of a fresh event to a fresh endpoint.
    func newFailedDelivery() async throws -> OutboxDeliveryID {
        let endpoint = try await newWebhook()
        let event = OutboxEventID.random()
        let delivery = OutboxDeliveryID.random()
        try await pool.execute(
            """
            INSERT INTO outbox_events (id, type, occurred_at, subject_type, subject_id, link, payload)
            VALUES (\(event), 'invoice.issued', now(), 'invoice', \(UUID().uuidString.lowercased()), '/api/v1/invoices', '{}')
            """)
        try await pool.execute(
            """
            INSERT INTO outbox_deliveries (id, event_id, channel, target, endpoint_id, status, attempts, created_at, completed_at, last_error)
            VALUES (\(delivery), \(event), 'webhook', \(endpoint.description), \(endpoint), 'failed', 16, now(), now(), 'HTTP 500')
            """)
        return delivery
    }
}

/// Webhooks and jobs are the admin's (SPEC §3 "manage settings … webhooks"): every
/// other role is refused, anonymous callers are not signed in.
extension RoleMatrixTests {
    static let automation: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/jobs", expected: MatrixCase.adminOnly(.ok)),
        MatrixCase(method: .get, route: "/api/v1/webhooks", expected: MatrixCase.adminOnly(.ok)),
        MatrixCase(method: .post, route: "/api/v1/webhooks", expected: MatrixCase.adminOnly(.created)) { fixture, _ in
            MatrixRequest(json: #"{"url":"https://hooks.example.com/\#(fixture.unique())","event_types":["invoice.paid"]}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/webhooks/{id}", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/webhooks/\(try await fixture.newWebhook())")
        },
        MatrixCase(method: .patch, route: "/api/v1/webhooks/{id}", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/webhooks/\(try await fixture.newWebhook())", json: #"{"active":false}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .delete, route: "/api/v1/webhooks/{id}", expected: MatrixCase.adminOnly(.noContent)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/webhooks/\(try await fixture.newWebhook())")
        },
        MatrixCase(method: .post, route: "/api/v1/webhooks/{id}/rotate-secret", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/webhooks/\(try await fixture.newWebhook())/rotate-secret")
        },
        MatrixCase(method: .get, route: "/api/v1/webhooks/deliveries", expected: MatrixCase.adminOnly(.ok)),
        MatrixCase(method: .post, route: "/api/v1/webhooks/deliveries/{id}/retry", expected: MatrixCase.adminOnly(.accepted)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/webhooks/deliveries/\(try await fixture.newFailedDelivery())/retry")
        },
    ]
}
