import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/me/notifications` (issue 14 item 7): the caller's own choice of Monday
/// nudges (days without time, waiting approvals). On by default; `PUT` with
/// `{"weekly_nudges": false}` opts out.
struct NotificationSettingsController {
    let notifications: NotificationSettingsService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/me/notifications", use: get)
        api.put("/me/notifications", use: put)
    }

    struct SettingsDTO: Encodable, Sendable {
        let weeklyNudges: Bool
    }

    struct PutRequest: Decodable {
        let weeklyNudges: Bool
        enum CodingKeys: String, CodingKey { case weeklyNudges }

        init(from decoder: any Decoder) throws {
            weeklyNudges = try decoder.strictContainer(keyedBy: CodingKeys.self).decode(Bool.self, forKey: .weeklyNudges)
        }
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONBody.response(SettingsDTO(weeklyNudges: try await notifications.weeklyNudges(caller: context.caller)))
    }

    @Sendable func put(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(PutRequest.self, from: request, context: context)
        return try JSONBody.response(SettingsDTO(weeklyNudges: try await notifications.setWeeklyNudges(body.weeklyNudges, caller: context.caller)))
    }
}
