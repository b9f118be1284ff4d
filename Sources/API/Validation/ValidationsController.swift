import Domain
import Foundation
import Hummingbird
import Services

/// Client validation of timesheets: `POST /projects/{id}/validations` (admin or the
/// project's team lead asks), `GET /validations/{id}` (the record with its exact
/// content), `POST /validations/{id}/decision` (the client contact, or the admin on
/// the client's behalf). The link without an account: ``ValidationLinksController``.
struct ValidationsController {
    let validations: ClientValidationService
    /// `SHEAF_PUBLIC_URL`, the start of every link handed out ("" for relative links).
    let publicURL: String

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/validations", use: list)
        api.post("/projects/{id}/validations", use: create)
        api.get("/validations/{id}", use: get)
        api.post("/validations/{id}/decision", use: decide)
        api.post("/validations/{id}/link", use: reissueLink)
    }

    /// `{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "expires_in_hours": 1…720}` (default 168).
    struct CreateRequest: Decodable {
        let from: LocalDate
        let to: LocalDate
        let expiresInHours: Int?
        enum CodingKeys: CodingKey { case from, to, expiresInHours }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            from = try container.decode(LocalDate.self, forKey: .from)
            to = try container.decode(LocalDate.self, forKey: .to)
            expiresInHours = try container.decodeWholeNumberChange(forKey: .expiresInHours)
        }
    }

    /// 201 with the record and its signed `link`; the link's token is never shown again.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let issued = try await validations.request(
            project: projectID, from: body.from, to: body.to,
            expiresInHours: body.expiresInHours ?? ValidationRecord.defaultLinkHours, caller: caller)
        let link = SignedLink.url(publicURL, token: issued.token)
        return SignedLink.uncached(
            try JSONBody.created(ValidationDTO(issued.record, link: link), location: "/api/v1/validations/\(issued.record.id)"))
    }

    /// `GET /projects/{id}/validations?status=&kind=&from=&to=&limit=&cursor=`: the
    /// project's requests, newest first — how a lead finds a request again (to send a
    /// new link) or sees what a client rejected. Records carry no link token.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        var query = QueryReader(request)
        let page = query.page()
        var filter = ValidationQuery(limit: page.limit)
        filter.status = query.choice("status", as: ValidationRecord.Status.self)
        filter.kind = query.choice("kind", as: ValidationContent.Kind.self)
        filter.from = query.calendarDate("from")
        filter.to = query.calendarDate("to")
        if let from = filter.from, let to = filter.to, to < from { query.fail("to", "must be on or after from") }
        if let key = page.after {
            if key.count == 1, let id = ValidationID(uuidString: key[0]) { filter.after = id } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await validations.list(project: projectID, filter, caller: caller)
        return try JSONBody.response(Page(fetched: fetched.map { ValidationDTO($0) }, limit: page.limit) { [$0.id.description] })
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let record = try await validations.get(try context.pathID(entity: "validation"), caller: caller)
        return try JSONBody.response(ValidationDTO(record))
    }

    /// `{"decision": "accept"|"reject", "comment": "…", "entry_ids": [...]}`; a rejection,
    /// and any decision the admin records on the client's behalf, needs the comment; a
    /// rejection may name the disputed entries (of this request) it is about.
    struct DecisionRequest: Decodable {
        let decision: ValidationRecord.Decision
        let comment: String?
        let entryIDs: [TimeEntryID]
        enum CodingKeys: CodingKey { case decision, comment, entryIds }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            decision = try container.decodeChoice(ValidationRecord.Decision.self, forKey: .decision)
            comment = try container.decodeIfPresent(String.self, forKey: .comment)
            entryIDs = try container.decodeIfPresent([TimeEntryID].self, forKey: .entryIds) ?? []
        }
    }

    @Sendable func decide(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ValidationID = try context.pathID(entity: "validation")
        let body = try await JSONBody.decode(DecisionRequest.self, from: request, context: context)
        let record = try await validations.decide(
            id, decision: body.decision, comment: body.comment, disputedEntries: body.entryIDs, caller: caller)
        return try JSONBody.response(ValidationDTO(record))
    }

    /// `POST /validations/{id}/link`: a new signed link for a pending request (timesheet,
    /// milestone or change request) whose link expired or was lost; the old one stops
    /// working. 200 with the record and its `link`, shown this once.
    @Sendable func reissueLink(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ValidationID = try context.pathID(entity: "validation")
        let body = try await OptionalJSONBody.decode(LinkLifetimeRequest.self, from: request, context: context)
        let issued = try await validations.reissueLink(
            id, expiresInHours: body?.expiresInHours ?? ValidationRecord.defaultLinkHours, caller: caller)
        let link = SignedLink.url(publicURL, token: issued.token)
        return SignedLink.uncached(try JSONBody.response(ValidationDTO(issued.record, link: link)))
    }
}
