import Domain
import Foundation
import HTTPTypes
import TestSupport

extension ConsoleMatrixTests {
    /// Drafting a change request from the project page: the project's managers, as
    /// `POST /api/v1/projects/{id}/change-requests`; members and the client's contacts
    /// are refused (403 page), like the API.
    static let changeDrafts: [ConsoleCase] = [
        ConsoleCase(
            method: .post, route: "/app/projects/{id}/change-requests",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .forbidden, .client: .forbidden, .anonymous: .seeOther]
        ) { fixture, _ in
            ConsoleRequestPlan(
                uri: "/app/projects/\(try await fixture.newFixedPriceProject())/change-requests",
                form: [("title", "Blog"), ("pricing", "hourly"), ("hourly_rate", "100")])
        }
    ]
}
