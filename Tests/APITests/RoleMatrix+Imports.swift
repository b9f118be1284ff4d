import Domain
import Foundation
import HTTPTypes
import TestSupport

/// Who may import projects and tasks from other tools (issue 16 item 6): the admin only.
extension RoleMatrixTests {
    static let imports: [MatrixCase] = [
        MatrixCase(method: .post, route: "/api/v1/imports/projects", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/imports/projects?team_id=\(fixture.world.teamID)&client_id=\(fixture.world.clientID)&column_name=Name&dry_run=true",
                json: "Name\r\nImported \(fixture.unique())\r\n", headers: [.contentType: "text/csv"])
        }
    ]
}
