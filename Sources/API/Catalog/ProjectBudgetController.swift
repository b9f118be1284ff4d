import Domain
import Foundation
import Hummingbird
import Services

/// `GET /projects/{id}/budget` (issue 5 item 3): baseline, accepted changes, current,
/// consumed and remaining, in hours and money — money only for those who may see it.
struct ProjectBudgetController {
    let budgets: BudgetService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/budget", use: get)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let report = try await budgets.budget(of: try context.pathID(entity: "project"), caller: caller)
        return try JSONBody.response(ProjectBudgetDTO(report))
    }
}
