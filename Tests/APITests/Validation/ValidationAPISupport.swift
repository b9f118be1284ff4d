import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// A work world (client, project requiring validation, tasks, member) served by the
/// real application with a clock the test moves.
struct ValidationAPIWorld: Sendable {
    let work: WorkWorld
    let pool: PostgresPool
    let clock: TestClock

    var projectID: ProjectID { work.projectID }

    func token(_ who: RoleWorld.Who) async throws -> String {
        try #require(try await work.roles.token(who))
    }

    /// Monday to Friday of the week of 2026-05-18, 8 h a day on Design, plus an hour
    /// of internal meeting on Wednesday; all approved.
    @discardableResult
    func insertApprovedWeek() async throws -> [TimeEntryID] {
        var ids: [TimeEntryID] = []
        for day in 18...22 {
            ids.append(try await work.insertApprovedTime(on: "2026-05-\(day)", minutes: 480))
        }
        ids.append(try await work.insertApprovedTime(on: "2026-05-20", minutes: 60, task: work.internalTaskID, billable: false))
        return ids
    }
}

func withValidationApp(
    configure: @Sendable (inout SheafConfiguration) -> Void = { _ in },
    _ body: @Sendable (ValidationAPIWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool(size: 6)
        let clock = TestClock()
        let work = try await WorkWorld.make(roles: try await RoleWorld.make(pool: pool, clock: clock), pool: pool)
        var configuration = SheafConfiguration(databaseURL: "")
        configure(&configuration)
        let app = try TestApp.application(configuration: configuration, pool: pool, clock: clock)
        try await app.test(.router) { client in
            try await body(ValidationAPIWorld(work: work, pool: pool, clock: clock), client)
        }
    }
}

/// What `POST /projects/{id}/validations` answered, taken apart.
struct CreatedValidation {
    let id: String
    let link: String
    let body: [String: Any]

    /// The token: the last path segment of the link.
    var token: String { String(link.split(separator: "/").last ?? "") }
    var linkPath: String { "/api/v1/validation-links/\(token)" }
}

extension TestClientProtocol {
    /// Asks for the week of 2026-05-18 as `token`'s user; expects 201.
    func requestValidation(
        _ world: ValidationAPIWorld, token: String, from: String = "2026-05-18", to: String = "2026-05-24", hours: Int? = nil
    ) async throws -> CreatedValidation {
        let expiry = hours.map { #","expires_in_hours":\#($0)"# } ?? ""
        let response = try await call(
            .post, "/api/v1/projects/\(world.projectID)/validations", token: token, body: #"{"from":"\#(from)","to":"\#(to)"\#(expiry)}"#)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        let body = try response.object()
        return CreatedValidation(id: try #require(body["id"] as? String), link: try #require(body["link"] as? String), body: body)
    }

    /// A form post, as a browser sends it.
    func postForm(_ uri: String, _ form: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .accept: "text/html,application/xhtml+xml,*/*;q=0.8"],
            body: ByteBuffer(string: form))
    }

    /// A browser's GET, in `language` when given (`Accept-Language`).
    func getPage(_ uri: String, language: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"]
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: uri, method: .get, headers: headers)
    }
}

/// `token` with one character changed.
func tampered(_ token: String, at offset: Int) -> String {
    var characters = Array(token)
    let index = offset < 0 ? characters.count + offset : offset
    characters[index] = characters[index] == "A" ? "B" : "A"
    return String(characters)
}
