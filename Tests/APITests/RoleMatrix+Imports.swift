import Domain
import Foundation
import HTTPTypes
import TestSupport

/// Who may import projects and tasks from other tools and export the whole agency
/// (issue 16 items 5 and 6): the admin only.
extension RoleMatrixTests {
    static let imports: [MatrixCase] = [
        MatrixCase(method: .post, route: "/api/v1/imports/projects", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/imports/projects?team_id=\(fixture.world.teamID)&client_id=\(fixture.world.clientID)&column_name=Name&dry_run=true",
                json: "Name\r\nImported \(fixture.unique())\r\n", headers: [.contentType: "text/csv"])
        },
        // Sent as the uploaded file it is (multipart): a board export is a file read leniently
        // (Trello writes dozens of fields the import ignores), not an API JSON body, so the
        // JSON-body conventions (unknown fields refused, the body limit) are not its rules;
        // its own are tested in TrelloImportAPITests.
        MatrixCase(method: .post, route: "/api/v1/imports/trello", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            let board = #"{"id": "board-\#(fixture.unique())", "name": "Board", "lists": [{"id": "l", "name": "To do"}], "cards": [{"id": "c", "name": "Card", "idList": "l"}]}"#
            return MatrixRequest(
                uri: "/api/v1/imports/trello?team_id=\(fixture.world.teamID)&client_id=\(fixture.world.clientID)",
                json: "--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"board.json\"\r\nContent-Type: application/json\r\n\r\n\(board)\r\n--matrix--\r\n",
                headers: [.contentType: "multipart/form-data; boundary=matrix"])
        },
        MatrixCase(method: .get, route: "/api/v1/exports/agency", expected: MatrixCase.adminOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/exports/agency")
        },
    ]
}
