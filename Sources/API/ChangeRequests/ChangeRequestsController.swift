import Domain
import Foundation
import Hummingbird
import Services

/// Change requests (SPEC §4.4, issue 5 item 3): `GET/POST /projects/{id}/change-requests`,
/// `GET/PATCH/DELETE /change-requests/{id}` (drafts only), `POST /change-requests/{id}/quote`
/// (freezes it; a validation request with a signed link), `…/accept` and `…/reject`
/// (the client contact; the admin on their behalf, with a comment): a client decision,
/// so accept/reject as for milestones and validations (see the glossary in openapi.yaml).
struct ChangeRequestsController {
    let changes: ChangeRequestService
    /// `SHEAF_PUBLIC_URL`, the start of every link handed out.
    let publicURL: String

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/change-requests", use: list)
        api.post("/projects/{id}/change-requests", use: create)
        api.get("/change-requests/{id}", use: get)
        api.patch("/change-requests/{id}", use: update)
        api.delete("/change-requests/{id}", use: delete)
        api.post("/change-requests/{id}/quote", use: quote)
        api.post("/change-requests/{id}/accept", use: accept)
        api.post("/change-requests/{id}/reject", use: reject)
    }

    /// `GET /projects/{id}/change-requests?status=&limit=&cursor=`, by number.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        var reader = QueryReader(request)
        var query = ChangeRequestQuery(projectID: projectID, status: reader.choice("status", as: ChangeRequestStatus.self))
        let page = reader.page()
        query.limit = page.limit
        if let key = page.after {
            if key.count == 1, let number = Int(key[0]) { query.afterNumber = number } else { reader.badCursor() }
        }
        try reader.throwIfInvalid()
        let fetched = try await changes.list(query, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map { ChangeRequestDTO($0) }, limit: page.limit) { [String($0.number)] })
    }

    enum Keys: String, CodingKey {
        case title, description, pricing, amount, estimatedMinutes, estimatedHours, hourlyRate, taskId
    }

    /// `{"title", "description"?, "estimated_minutes" | "estimated_hours"?, "pricing": "fixed"|"hourly",
    /// "amount"? (fixed), "hourly_rate"? (hourly, decimal text), "task_id"?}`.
    struct CreateRequest: Decodable {
        let change: NewChangeRequest

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: Keys.self)
            var rate: String?
            if container.contains(.hourlyRate), try !container.decodeNil(forKey: .hourlyRate) {
                rate = try container.decodeDecimalText(forKey: .hourlyRate)
            }
            change = NewChangeRequest(
                title: try container.decode(String.self, forKey: .title),
                description: try container.decodeOptional(String.self, forKey: .description) ?? "",
                estimate: try container.decodeDuration(minutes: .estimatedMinutes, hours: .estimatedHours),
                pricing: try container.decodeChoice(ChangeRequest.Pricing.self, forKey: .pricing),
                amount: try container.decodeAmount(forKey: .amount),
                hourlyRate: rate,
                taskID: try container.decodeOptional(TaskID.self, forKey: .taskId))
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let view = try await changes.create(body.change, in: projectID, caller: caller)
        return try JSONBody.created(
            ChangeRequestDTO(view), location: "/api/v1/change-requests/\(view.change.id)", version: view.change.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let view = try await changes.get(try context.pathID(entity: "change request"), caller: caller)
        var response = try JSONBody.response(ChangeRequestDTO(view))
        response.setVersion(view.change.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: ChangeRequestChanges

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: Keys.self)
            var rate: String?? = nil
            if container.contains(.hourlyRate) {
                rate = try container.decodeNil(forKey: .hourlyRate) ? .some(nil) : .some(try container.decodeDecimalText(forKey: .hourlyRate))
            }
            changes = ChangeRequestChanges(
                title: try container.decodeChange(String.self, forKey: .title),
                description: try container.decodeChange(String.self, forKey: .description),
                estimate: try container.decodeDurationChange(minutes: .estimatedMinutes, hours: .estimatedHours),
                pricing: try container.decodeChoiceChange(ChangeRequest.Pricing.self, forKey: .pricing),
                amount: try container.decodeAmountChange(forKey: .amount), hourlyRate: rate,
                taskID: try container.decodeNullableChange(TaskID.self, forKey: .taskId))
        }
    }

    /// `PATCH /change-requests/{id}` with `If-Match`: drafts only.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ChangeRequestID = try context.pathID(entity: "change request")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let view = try await changes.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(ChangeRequestDTO(view))
        response.setVersion(view.change.version)
        return response
    }

    /// `DELETE /change-requests/{id}` with `If-Match`: drafts only.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ChangeRequestID = try context.pathID(entity: "change request")
        let version = try Versioning.requiredVersion(request)
        try await changes.delete(id, expectedVersion: version, caller: caller)
        return Response(status: .noContent)
    }

    /// 200 with the quoted change request, its `validation` and the signed `link` (shown once).
    @Sendable func quote(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ChangeRequestID = try context.pathID(entity: "change request")
        let body = try await OptionalJSONBody.decode(LinkLifetimeRequest.self, from: request, context: context)
        let quoted = try await changes.quote(id, expiresInHours: body?.expiresInHours ?? ValidationRecord.defaultLinkHours, caller: caller)
        let link = SignedLink.url(publicURL, token: quoted.issued.token)
        var response = try JSONBody.response(
            ChangeRequestDTO(quoted.view, validation: ValidationDTO(quoted.issued.record, link: link), link: link))
        response.setVersion(quoted.view.change.version)
        return SignedLink.uncached(response)
    }

    @Sendable func accept(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ChangeRequestID = try context.pathID(entity: "change request")
        let body = try await OptionalJSONBody.decode(CommentRequest.self, from: request, context: context)
        return try Self.decided(try await changes.accept(id, comment: body?.comment, caller: caller))
    }

    @Sendable func reject(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ChangeRequestID = try context.pathID(entity: "change request")
        let body = try await OptionalJSONBody.decode(CommentRequest.self, from: request, context: context)
        return try Self.decided(try await changes.reject(id, comment: body?.comment, caller: caller))
    }

    static func decided(_ decided: DecidedChangeRequest) throws -> Response {
        var response = try JSONBody.response(ChangeRequestDTO(decided.view, validation: ValidationDTO(decided.record)))
        response.setVersion(decided.view.change.version)
        return response
    }
}
