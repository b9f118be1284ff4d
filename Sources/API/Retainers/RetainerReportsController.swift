import Hummingbird
import Services

/// `/api/v1/reports/retainers`: consumption trend and renewal suggestion of every
/// retainer (the admin: all; a manager: their teams' projects; others 403).
struct RetainerReportsController {
    let retainers: RetainerService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/reports/retainers", use: report)
    }

    @Sendable func report(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        return try JSONBody.response(RetainerReportDTO(try await retainers.report(caller: caller)))
    }
}
