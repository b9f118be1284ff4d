import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/reports/missing-time`: working days without time (issue 4 item 7).
struct TimeReportsController {
    let time: TimeEntryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/reports/missing-time", use: missingTime)
    }

    struct LineDTO: Encodable {
        let userId: UserID
        let name: String
        let email: String
        let missingDays: Int
        let missingDates: [LocalDate]
    }

    struct ReportDTO: Encodable {
        let from: LocalDate
        let to: LocalDate
        let workingDays: Int
        let items: [LineDTO]
    }

    /// `GET /reports/missing-time?from=&to=&team_id=` (both dates required, at most 366 days).
    @Sendable func missingTime(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let from = query.calendarDate("from")
        let to = query.calendarDate("to")
        let teamID: TeamID? = query.id("team_id")
        if !query.has("from") { query.fail("from", "is required") }
        if !query.has("to") { query.fail("to", "is required") }
        try query.throwIfInvalid()
        guard let from, let to else { throw DomainError.invalid(field: "from", message: "is required") }
        let report = try await time.missingTime(from: from, to: to, teamID: teamID, caller: caller)
        return try JSONBody.response(
            ReportDTO(
                from: report.from, to: report.to, workingDays: report.workingDays,
                items: report.lines.map {
                    LineDTO(
                        userId: $0.user.id, name: $0.user.name, email: $0.user.email, missingDays: $0.missingDates.count,
                        missingDates: $0.missingDates)
                }))
    }
}
