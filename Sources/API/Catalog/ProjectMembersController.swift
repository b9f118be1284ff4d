import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/projects/{id}/members`: who is assigned to a project (read by whoever sees
/// the project; changed by whoever manages it).
struct ProjectMembersController {
    let projects: ProjectService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/members", use: list)
        api.post("/projects/{id}/members", use: add)
        api.get("/projects/{id}/members/{user_id}", use: get)
        api.delete("/projects/{id}/members/{user_id}", use: remove)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let members = try await projects.members(of: projectID, caller: caller)
        return try JSONBody.response(["items": members.map { ProjectMemberDTO($0, projectID: projectID) }])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let member = try await projects.member(try context.pathID("user_id", entity: "project member"), of: projectID, caller: caller)
        return try JSONBody.response(ProjectMemberDTO(member, projectID: projectID))
    }

    struct AddRequest: Decodable {
        let userId: UserID
        enum CodingKeys: CodingKey { case userId }
        init(from decoder: any Decoder) throws {
            userId = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(UserID.self, forKey: .userId)
        }
    }

    /// `{"user_id"}`: 201 with the member; 409 when the user is already a member.
    @Sendable func add(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(AddRequest.self, from: request, context: context)
        let member = try await projects.addMember(body.userId, to: projectID, caller: caller)
        return try JSONBody.created(ProjectMemberDTO(member, projectID: projectID), location: "/api/v1/projects/\(projectID)/members/\(member.userID)")
    }

    @Sendable func remove(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        try await projects.removeMember(try context.pathID("user_id", entity: "project member"), from: projectID, caller: caller)
        return Response(status: .noContent)
    }
}
