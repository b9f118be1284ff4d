import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/projects/{id}/rates`: effective-dated billable rates of a project, of its
/// members on it and of its tasks (admin only).
struct ProjectRatesController {
    let projects: ProjectService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/rates", use: list)
        api.post("/projects/{id}/rates", use: create)
        api.get("/projects/{id}/rates/{rate_id}", use: get)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let rates = try await projects.rates(of: try context.pathID(entity: "project"), caller: caller)
        return try JSONBody.response(["items": rates.map(ProjectRateDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let rate = try await projects.rate(try context.pathID("rate_id", entity: "rate"), of: projectID, caller: caller)
        return try JSONBody.response(ProjectRateDTO(rate))
    }

    /// `{"user_id"?, "task_id"?, "effective_from": "YYYY-MM-DD", "rate": "87.50"}`: the
    /// project's rate (neither id), a member's rate on it, or a task's rate.
    struct CreateRequest: Decodable {
        let rate: NewProjectRate

        enum CodingKeys: String, CodingKey {
            case rate, userId, taskId, effectiveFrom
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            rate = NewProjectRate(
                userID: try container.decodeOptional(UserID.self, forKey: .userId),
                taskID: try container.decodeOptional(TaskID.self, forKey: .taskId),
                effectiveFrom: try container.decode(LocalDate.self, forKey: .effectiveFrom),
                rate: try container.decode(String.self, forKey: .rate))
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let rate = try await projects.createRate(body.rate, for: projectID, caller: caller)
        return try JSONBody.created(ProjectRateDTO(rate), location: "/api/v1/projects/\(projectID)/rates/\(rate.id)")
    }
}
