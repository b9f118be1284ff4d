import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/webhooks/deliveries`: what was sent to the endpoints, with every attempt,
/// and a manual retry (admin).
struct WebhookDeliveriesController {
    let webhooks: WebhookService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/webhooks/deliveries", use: list)
        api.post("/webhooks/deliveries/{id}/retry", use: retry)
    }

    /// `GET /webhooks/deliveries?endpoint_id=&event_type=&status=&limit=&cursor=`, newest first.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let page = query.page()
        var filter = DeliveryQuery(channel: .webhook, limit: page.limit)
        filter.endpointID = query.id("endpoint_id")
        if let type = query.text("event_type", maxLength: 100) {
            if OutboxEventType.known.contains(OutboxEventType(rawValue: type)) {
                filter.eventType = OutboxEventType(rawValue: type)
            } else {
                query.fail("event_type", "must be one of \(OutboxEventType.known.map(\.rawValue).joined(separator: ", "))")
            }
        }
        filter.status = query.choice("status", as: DeliveryStatus.self)
        if let key = page.after {
            if key.count == 1, let id = OutboxDeliveryID(uuidString: key[0]) {
                filter.after = id
            } else {
                query.badCursor()
            }
        }
        try query.throwIfInvalid()
        let found = try await webhooks.deliveries(filter, caller: context.caller)
        return try JSONBody.response(
            Page(fetched: found.map(WebhookDeliveryDTO.init), limit: page.limit) { [$0.id.description] })
    }

    /// `POST /webhooks/deliveries/{id}/retry`: 202, the runner makes the attempt.
    @Sendable func retry(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let record = try await webhooks.retry(try context.pathID(entity: "webhook delivery"), caller: context.caller)
        return try JSONBody.response(WebhookDeliveryDTO(record), status: .accepted)
    }
}
