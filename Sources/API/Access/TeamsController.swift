import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/teams`: teams (admin manages; staff read). Members: ``TeamMembersController``.
struct TeamsController {
    let teams: TeamService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/teams", use: list)
        api.post("/teams", use: create)
        api.get("/teams/{id}", use: get)
        api.patch("/teams/{id}", use: update)
        api.delete("/teams/{id}", use: delete)
    }

    /// `GET /teams?limit=&cursor=`, ordered by name.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let page = query.page()
        var filter = TeamQuery(limit: page.limit)
        if let key = page.after {
            if key.count == 2, let id = TeamID(uuidString: key[1]) { filter.after = (key[0], id) } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await teams.list(filter, caller: caller)
        return try JSONBody.response(Page(fetched: fetched.map(TeamDTO.init), limit: page.limit) { [$0.snapshot.name.lowercased(), $0.snapshot.id.description] })
    }

    struct NameRequest: Decodable {
        let name: String

        enum CodingKeys: String, CodingKey { case name }

        init(from decoder: any Decoder) throws {
            name = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(NameRequest.self, from: request, context: context)
        let team = try await teams.create(name: body.name, caller: caller)
        return try JSONBody.created(TeamDTO(team), location: "/api/v1/teams/\(team.id)", version: team.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let team = try await teams.get(try context.pathID(entity: "team"), caller: caller)
        var response = try JSONBody.response(TeamDTO(team))
        response.setVersion(team.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let name: String?
        enum CodingKeys: CodingKey { case name }
        init(from decoder: any Decoder) throws {
            name = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeChange(String.self, forKey: .name)
        }
    }

    /// `PATCH /teams/{id}` with `If-Match`: renames the team.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let team = try await teams.update(id, name: body.name, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(TeamDTO(team))
        response.setVersion(team.version)
        return response
    }

    /// `DELETE /teams/{id}`; with `If-Match`, only if the team is still at that version.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let version = request.headers[.ifMatch] == nil ? nil : try Versioning.requiredVersion(request)
        try await teams.delete(id, expectedVersion: version, caller: caller)
        return Response(status: .noContent)
    }
}
