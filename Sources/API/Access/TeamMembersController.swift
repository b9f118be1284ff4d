import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/teams/{id}/members`: who is in a team and who leads it (admin manages; staff read).
struct TeamMembersController {
    let teams: TeamService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/teams/{id}/members", use: list)
        api.post("/teams/{id}/members", use: add)
        api.get("/teams/{id}/members/{user_id}", use: get)
        api.delete("/teams/{id}/members/{user_id}", use: remove)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let teamID: TeamID = try context.pathID(entity: "team")
        let members = try await teams.members(of: teamID, caller: caller)
        return try JSONBody.response(["items": members.map { TeamMemberDTO($0, teamID: teamID) }])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let teamID: TeamID = try context.pathID(entity: "team")
        let userID: UserID = try context.pathID("user_id", entity: "team member")
        let member = try await teams.member(userID, of: teamID, caller: caller)
        return try JSONBody.response(TeamMemberDTO(member, teamID: teamID))
    }

    struct AddRequest: Decodable {
        let userId: UserID
        let lead: Bool?

        enum CodingKeys: String, CodingKey { case userId, lead }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            userId = try container.decode(UserID.self, forKey: .userId)
            lead = try container.decodeIfPresent(Bool.self, forKey: .lead)
        }
    }

    /// `{"user_id", "lead": bool}`: 201 for a new member; 200 when the user was already
    /// a member (the lead flag is set as given; left as it is when `lead` is absent).
    @Sendable func add(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let teamID: TeamID = try context.pathID(entity: "team")
        let body = try await JSONBody.decode(AddRequest.self, from: request, context: context)
        let (member, created) = try await teams.addMember(body.userId, to: teamID, isLead: body.lead, caller: caller)
        let dto = TeamMemberDTO(member, teamID: teamID)
        if created {
            return try JSONBody.created(dto, location: "/api/v1/teams/\(teamID)/members/\(member.userID)")
        }
        return try JSONBody.response(dto)
    }

    @Sendable func remove(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let teamID: TeamID = try context.pathID(entity: "team")
        let userID: UserID = try context.pathID("user_id", entity: "team member")
        try await teams.removeMember(userID, from: teamID, caller: caller)
        return Response(status: .noContent)
    }
}
