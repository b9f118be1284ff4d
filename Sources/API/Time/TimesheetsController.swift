import Domain
import Foundation
import Hummingbird
import Services

/// `POST /api/v1/timesheets/submit`: a collaborator submits their week (SPEC §4.1).
struct TimesheetsController {
    let time: TimeEntryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/timesheets/submit", use: submit)
    }

    /// `{"week": "2026-03-02"}`: any date of the ISO week (Monday to Sunday).
    struct SubmitRequest: Decodable {
        let week: LocalDate

        enum CodingKeys: String, CodingKey { case week }

        init(from decoder: any Decoder) throws {
            week = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(LocalDate.self, forKey: .week)
        }
    }

    struct SubmissionDTO: Encodable {
        let weekStart: LocalDate
        let weekEnd: LocalDate
        let submitted: Int
        let counts: [String: Int]
    }

    /// Submits the caller's open entries of the week; answers how many, and the week's
    /// entries per state afterwards.
    @Sendable func submit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(SubmitRequest.self, from: request, context: context)
        let result = try await time.submitWeek(containing: body.week, caller: caller)
        var counts: [String: Int] = [:]
        for status in TimeEntryStatus.allCases { counts[status.rawValue] = result.counts[status] ?? 0 }
        return try JSONBody.response(
            SubmissionDTO(weekStart: result.week.lowerBound, weekEnd: result.week.upperBound, submitted: result.submitted, counts: counts))
    }
}
