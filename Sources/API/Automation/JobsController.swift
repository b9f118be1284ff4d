import Domain
import Foundation
import Hummingbird
import Services

/// `GET /api/v1/jobs`: the runner's jobs with their last and next runs (admin).
struct JobsController {
    let jobs: JobService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/jobs", use: list)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONBody.response(["items": try await jobs.list(caller: context.caller).map(JobDTO.init)])
    }
}
