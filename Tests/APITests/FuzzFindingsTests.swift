import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// What `scripts/fuzz` (schemathesis) found where the server, not the document, was
/// wrong (issue 11 item 12).
@Suite struct FuzzFindingsTests {
    /// A path that exists answers an unsupported method 405 with `Allow`, not 404 as if
    /// the path did not exist (RFC 9110 §15.5.6); an unknown path is still a 404.
    @Test func aMethodAPathDoesNotSupportIs405WithAllow() async throws {
        let app = try TestApp.application(pool: TestApp.unusedPool())
        try await app.test(.router) { client in
            let trace = try await client.execute(uri: "/api/v1/users", method: .trace)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, POST")
            #expect(trace.isProblem, "\(trace.text)")

            // A literal segment beats a capture, as in the router: /sessions/current is DELETE only.
            let put = try await client.execute(uri: "/api/v1/sessions/current", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "DELETE")

            let item = try await client.execute(uri: "/api/v1/projects/\(UUID())/tasks/\(UUID())", method: .post)
            #expect(item.status == .methodNotAllowed)
            #expect(item.headers[.allow] == "GET, PATCH")

            let unknown = try await client.execute(uri: "/api/v1/nothing-here", method: .trace)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.allow] == nil)
        }
    }

    /// `If-Match` is `"3"`, `W/"3"` or `3`; anything else (empty, words, signs) is a
    /// malformed header: 400 naming it, and nothing changes.
    @Test func aMalformedIfMatchIs400NamingTheHeader() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let admin = try #require(try await world.token(.admin))
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                let team = try await client.send(.post, "/api/v1/teams", token: admin, json: #"{"name":"Fuzzed"}"#)
                let id = try #require(try team.json()["id"] as? String)
                for malformed in ["", "abc", "\"\"", "+1", "\"1", "1.0", "99999999999999999999"] {
                    let patch = try await client.send(
                        .patch, "/api/v1/teams/\(id)", token: admin, json: #"{"name":"Renamed"}"#, headers: [.ifMatch: malformed])
                    #expect(patch.status == .badRequest, "If-Match: \(malformed) → \(patch.text)")
                    #expect(try patch.problem().errors?.map(\.field) == ["If-Match"], "\(patch.text)")
                    let delete = try await client.send(.delete, "/api/v1/teams/\(id)", token: admin, headers: [.ifMatch: malformed])
                    #expect(delete.status == .badRequest, "If-Match: \(malformed) → \(delete.text)")
                }
                #expect(try await pool.queryOne("SELECT count(*) AS n FROM teams WHERE name = 'Fuzzed'").decode("n", as: Int.self) == 1)
                for wellFormed in ["W/\"9\"", "9"] {
                    let stale = try await client.send(
                        .patch, "/api/v1/teams/\(id)", token: admin, json: #"{"name":"Renamed"}"#, headers: [.ifMatch: wellFormed])
                    #expect(stale.status == .preconditionFailed, "If-Match: \(wellFormed) → \(stale.text)")
                }
            }
        }
    }

    /// The import reads a file the request names (text/csv or multipart); a POST with no
    /// body and no content type was taken as an empty file and answered 200.
    @Test func anImportWithoutACSVContentTypeIs415() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let admin = try #require(try await world.token(.admin))
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                let csv = ByteBuffer(string: "date,user_email,project_code,task,minutes\r\n")
                for contentType in [nil, "application/json", "text/plain"] as [String?] {
                    var headers: HTTPFields = [.authorization: "Bearer \(admin)"]
                    headers[.contentType] = contentType
                    let answer = try await client.execute(
                        uri: "/api/v1/imports/time-entries?format=sheaf", method: .post, headers: headers,
                        body: contentType == nil ? nil : csv)
                    #expect(answer.status == .unsupportedMediaType, "\(contentType ?? "no content type"): \(answer.text)")
                    #expect(answer.isProblem)
                }
            }
        }
    }
}
