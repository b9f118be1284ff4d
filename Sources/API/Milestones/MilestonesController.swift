import Domain
import Foundation
import Hummingbird
import Services

/// Milestones of fixed-price work (SPEC §4.2, issue 5 item 2):
/// `GET/POST /projects/{id}/milestones`, `GET/PATCH/DELETE /milestones/{id}` (admin or
/// the project's team lead edits while planned), `POST /milestones/{id}/deliver` (they
/// deliver: a validation request with a signed link), `POST /milestones/{id}/accept` and
/// `…/reject` (the client contact; the admin on their behalf, with a comment).
struct MilestonesController {
    let milestones: MilestoneService
    /// `SHEAF_PUBLIC_URL`, the start of every link handed out.
    let publicURL: String

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/milestones", use: list)
        api.post("/projects/{id}/milestones", use: create)
        api.get("/milestones/{id}", use: get)
        api.patch("/milestones/{id}", use: update)
        api.delete("/milestones/{id}", use: delete)
        api.post("/milestones/{id}/deliver", use: deliver)
        api.post("/milestones/{id}/accept", use: accept)
        api.post("/milestones/{id}/reject", use: reject)
    }

    /// `GET /projects/{id}/milestones?status=&limit=&cursor=`, in plan order.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        var reader = QueryReader(request)
        var query = MilestoneQuery(projectID: projectID, status: reader.choice("status", as: MilestoneStatus.self))
        let page = reader.page()
        query.limit = page.limit
        if let key = page.after {
            if key.count == 2, let position = Int(key[0]), let id = MilestoneID(uuidString: key[1]) {
                query.after = (position, id)
            } else {
                reader.badCursor()
            }
        }
        try reader.throwIfInvalid()
        let fetched = try await milestones.list(query, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map { MilestoneDTO($0) }, limit: page.limit) {
                [String($0.position), $0.id.description]
            })
    }

    /// `{"name", "percentage": "30" | "amount": {"amount_minor", "currency"?}, "due_date"?, "acceptance_criteria"?, "position"?}`.
    struct CreateRequest: Decodable {
        let milestone: NewMilestone

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: ShareKeys.self)
            guard let share = try Self.share(container) else {
                throw DomainError.invalid(field: "percentage", message: "give a percentage of the contract or a fixed amount")
            }
            milestone = NewMilestone(
                name: try container.decode(String.self, forKey: .name), share: share,
                dueDate: try container.decodeOptional(LocalDate.self, forKey: .dueDate),
                acceptanceCriteria: try container.decodeOptional(String.self, forKey: .acceptanceCriteria) ?? "",
                position: try container.decodeOptionalWholeNumber(forKey: .position))
        }

        /// The share given, if any; both at once is refused.
        static func share(_ container: KeyedDecodingContainer<ShareKeys>) throws -> MilestoneShareInput? {
            let percentage = container.contains(.percentage) ? try container.decodeDecimalText(forKey: .percentage) : nil
            let amount = try container.decodeAmountChange(forKey: .amount) ?? nil
            switch (percentage, amount) {
            case (.some, .some):
                throw DomainError.invalid(field: "amount", message: "give a percentage or an amount, not both")
            case (let percentage?, nil): return .percentage(percentage)
            case (nil, let amount?): return .amount(amount)
            case (nil, nil): return nil
            }
        }
    }

    enum ShareKeys: String, CodingKey {
        case name, percentage, amount, position, dueDate, acceptanceCriteria
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let view = try await milestones.create(body.milestone, in: projectID, caller: caller)
        return try JSONBody.created(
            MilestoneDTO(view), location: "/api/v1/milestones/\(view.milestone.id)", version: view.milestone.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let view = try await milestones.get(try context.pathID(entity: "milestone"), caller: caller)
        var response = try JSONBody.response(MilestoneDTO(view))
        response.setVersion(view.milestone.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: MilestoneChanges

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: ShareKeys.self)
            changes = MilestoneChanges(
                name: try container.decodeChange(String.self, forKey: .name), share: try CreateRequest.share(container),
                dueDate: try container.decodeNullableChange(LocalDate.self, forKey: .dueDate),
                acceptanceCriteria: try container.decodeChange(String.self, forKey: .acceptanceCriteria),
                position: try container.decodeWholeNumberChange(forKey: .position))
        }
    }

    /// `PATCH /milestones/{id}` with `If-Match`: planned milestones only.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: MilestoneID = try context.pathID(entity: "milestone")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let view = try await milestones.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(MilestoneDTO(view))
        response.setVersion(view.milestone.version)
        return response
    }

    /// `DELETE /milestones/{id}` with `If-Match`: planned milestones only.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: MilestoneID = try context.pathID(entity: "milestone")
        let version = try Versioning.requiredVersion(request)
        try await milestones.delete(id, expectedVersion: version, caller: caller)
        return Response(status: .noContent)
    }

    /// 200 with the delivered milestone, its `validation` and the signed `link` (shown once).
    @Sendable func deliver(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: MilestoneID = try context.pathID(entity: "milestone")
        let body = try await OptionalJSONBody.decode(LinkLifetimeRequest.self, from: request, context: context)
        let delivered = try await milestones.deliver(
            id, expiresInHours: body?.expiresInHours ?? ValidationRecord.defaultLinkHours, caller: caller)
        let link = SignedLink.url(publicURL, token: delivered.issued.token)
        var response = try JSONBody.response(
            MilestoneDTO(delivered.view, validation: ValidationDTO(delivered.issued.record, link: link), link: link))
        response.setVersion(delivered.view.milestone.version)
        return SignedLink.uncached(response)
    }

    @Sendable func accept(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: MilestoneID = try context.pathID(entity: "milestone")
        let body = try await OptionalJSONBody.decode(CommentRequest.self, from: request, context: context)
        let decided = try await milestones.accept(id, comment: body?.comment, caller: caller)
        return try Self.decided(decided)
    }

    @Sendable func reject(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: MilestoneID = try context.pathID(entity: "milestone")
        let body = try await OptionalJSONBody.decode(CommentRequest.self, from: request, context: context)
        let decided = try await milestones.reject(id, comment: body?.comment, caller: caller)
        return try Self.decided(decided)
    }

    static func decided(_ decided: DecidedMilestone) throws -> Response {
        var response = try JSONBody.response(MilestoneDTO(decided.view, validation: ValidationDTO(decided.record)))
        response.setVersion(decided.view.milestone.version)
        return response
    }
}
