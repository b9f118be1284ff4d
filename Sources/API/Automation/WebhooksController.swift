import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/webhooks`: webhook endpoints (admin), their secret shown at creation and at
/// rotation only. Deliveries: ``WebhookDeliveriesController``.
struct WebhooksController {
    let webhooks: WebhookService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/webhooks", use: list)
        api.post("/webhooks", use: create)
        api.get("/webhooks/{id}", use: get)
        api.patch("/webhooks/{id}", use: update)
        api.delete("/webhooks/{id}", use: delete)
        api.post("/webhooks/{id}/rotate-secret", use: rotate)
    }

    /// `GET /webhooks`: every endpoint, oldest first (a short list: no pages).
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONBody.response(["items": try await webhooks.list(caller: context.caller).map(WebhookDTO.init)])
    }

    struct CreateRequest: Decodable {
        let url: String
        let description: String?
        let eventTypes: [String]?
        let active: Bool?

        enum CodingKeys: String, CodingKey { case url, description, eventTypes, active }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            url = try container.decode(String.self, forKey: .url)
            description = try container.decodeChange(String.self, forKey: .description)
            eventTypes = try container.decodeChange([String].self, forKey: .eventTypes)
            active = try container.decodeChange(Bool.self, forKey: .active)
        }
    }

    /// `POST /webhooks`: 201 with the secret, shown this once.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let created = try await webhooks.create(
            WebhookEndpointInput(url: body.url, description: body.description ?? "", eventTypes: body.eventTypes ?? [], active: body.active ?? true),
            caller: context.caller)
        return try JSONBody.created(
            WebhookWithSecretDTO(created), location: "/api/v1/webhooks/\(created.endpoint.id)", version: created.endpoint.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let endpoint = try await webhooks.get(try context.pathID(entity: "webhook"), caller: context.caller)
        var response = try JSONBody.response(WebhookDTO(endpoint))
        response.setVersion(endpoint.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: WebhookEndpointChanges

        enum CodingKeys: String, CodingKey { case url, description, eventTypes, active }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            changes = WebhookEndpointChanges(
                url: try container.decodeChange(String.self, forKey: .url),
                description: try container.decodeChange(String.self, forKey: .description),
                eventTypes: try container.decodeChange([String].self, forKey: .eventTypes),
                active: try container.decodeChange(Bool.self, forKey: .active))
        }
    }

    /// `PATCH /webhooks/{id}` with `If-Match`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: WebhookEndpointID = try context.pathID(entity: "webhook")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let endpoint = try await webhooks.update(id, body.changes, expectedVersion: version, caller: context.caller)
        var response = try JSONBody.response(WebhookDTO(endpoint))
        response.setVersion(endpoint.version)
        return response
    }

    /// `DELETE /webhooks/{id}`; with `If-Match`, only if still at that version.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: WebhookEndpointID = try context.pathID(entity: "webhook")
        let version = request.headers[.ifMatch] == nil ? nil : try Versioning.requiredVersion(request)
        try await webhooks.delete(id, expectedVersion: version, caller: context.caller)
        return Response(status: .noContent)
    }

    /// `POST /webhooks/{id}/rotate-secret`: a new secret, shown this once; the old one
    /// stops signing at once.
    @Sendable func rotate(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: WebhookEndpointID = try context.pathID(entity: "webhook")
        let rotated = try await webhooks.rotateSecret(id, caller: context.caller)
        var response = try JSONBody.response(WebhookWithSecretDTO(rotated))
        response.setVersion(rotated.endpoint.version)
        return response
    }
}
