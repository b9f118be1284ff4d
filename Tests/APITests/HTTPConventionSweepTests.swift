import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The conventions every route shares, tried on every route of the role matrix as the
/// admin (who may call them all): a malformed JSON body is a 400, a field of the wrong
/// type a 422, a body over the limit a 413, an unknown id a 404, a missing If-Match a
/// 428 and a stale one a 412, an unknown query parameter a 400, `limit=0` on a list a
/// 422. Then a few statuses no other
/// test reaches: 413 on a CSV import, 403 on the budget and retainer of a project for
/// staff of its team who are not assigned to it, 403 on the password routes over HTTP.
///
/// Besides checking the behaviour, this lets the OpenAPI response check
/// (`scripts/lib/check_exchanges.py`) see each route return the statuses the document
/// promises for these cases.
@Suite struct HTTPConventionSweepTests {
    /// Routes whose JSON body is optional (a link's lifetime, an issue date): the matrix sends none.
    static let optionalJSONRoutes: Set<String> = [
        "/api/v1/milestones/{id}/deliver", "/api/v1/change-requests/{id}/quote", "/api/v1/validations/{id}/link",
        "/api/v1/invoices/{id}/issue",
    ]
    /// Deletes of versioned resources: a stale If-Match is a 412; the next three also need one (428).
    static let versionedDeletes: Set<String> = [
        "/api/v1/time-entries/{id}", "/api/v1/expenses/{id}", "/api/v1/teams/{id}", "/api/v1/milestones/{id}", "/api/v1/change-requests/{id}",
        "/api/v1/invoices/{id}", "/api/v1/webhooks/{id}",
    ]
    static let ifMatchRequiredDeletes: Set<String> = ["/api/v1/milestones/{id}", "/api/v1/change-requests/{id}", "/api/v1/invoices/{id}"]
    static let bodyLimit = 16 * 1024
    /// Import files have their own, larger limit (SHEAF_MAX_IMPORT_BYTES).
    static let importLimit = 2 * bodyLimit

    /// The JSON object with its first field (by name) replaced by a value of the wrong type.
    static func withWrongType(_ json: String) -> String? {
        guard var object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], let key = object.keys.sorted().first
        else { return nil }
        object[key] = ["wrong": ["type"]]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func everyRouteAnswersTheSharedConventions() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let fixture = MatrixFixture(world: try await RoleWorld.make(pool: pool), pool: pool)
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            configuration.linkSecret = MatrixFixture.linkSecret
            configuration.maxBodyBytes = Self.bodyLimit
            configuration.maxImportBytes = Self.importLimit
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.router) { client in
                var mismatches: [String] = []
                func attempt(
                    _ entry: MatrixCase, uri: String, json: String?, headers: HTTPFields, expect expected: HTTPResponse.Status, _ what: String
                ) async throws -> TestResponse {
                    var headers = headers
                    if let token = try await fixture.token(.admin) { headers[.authorization] = "Bearer \(token)" }
                    if json != nil { headers[.contentType] = "application/json" }
                    let response = try await client.execute(uri: uri, method: entry.method, headers: headers, body: json.map { ByteBuffer(string: $0) })
                    if response.status != expected {
                        mismatches.append(
                            "\(entry.method) \(entry.route) \(what): expected \(expected.code), got \(response.status.code) \(String(buffer: response.body).prefix(160))")
                    }
                    return response
                }

                for entry in RoleMatrixTests.cases where entry.expected[.admin]!.code < 400 {
                    let routeHasID = entry.route.contains("{")
                    // Malformed JSON, a field of the wrong type and a body over the limit, where
                    // the route takes a JSON body (not CSV, not a file).
                    var prepared = try await entry.prepare(fixture, .admin)
                    let takesJSON = prepared.json.map { $0.hasPrefix("{") || $0.hasPrefix("[") } ?? Self.optionalJSONRoutes.contains(entry.route)
                    if takesJSON {
                        _ = try await attempt(
                            entry, uri: prepared.uri ?? entry.route, json: #"{"oops""#, headers: prepared.headers, expect: .badRequest, "with malformed JSON")
                        // The same body declared as text/plain (what a cross-site form may send): 415.
                        prepared = try await entry.prepare(fixture, .admin)
                        var plain = prepared.headers
                        if let token = try await fixture.token(.admin) { plain[.authorization] = "Bearer \(token)" }
                        plain[.contentType] = "text/plain"
                        let declared = try await client.execute(
                            uri: prepared.uri ?? entry.route, method: entry.method, headers: plain, body: ByteBuffer(string: prepared.json ?? "{}"))
                        if declared.status != .unsupportedMediaType {
                            mismatches.append("\(entry.method) \(entry.route) as text/plain: expected 415, got \(declared.status.code)")
                        }
                        prepared = try await entry.prepare(fixture, .admin)
                        let wrong = prepared.json.flatMap(Self.withWrongType) ?? #"{"expires_in_hours":"soon"}"#
                        _ = try await attempt(
                            entry, uri: prepared.uri ?? entry.route, json: wrong, headers: prepared.headers, expect: .unprocessableContent,
                            "with a field of the wrong type")
                        prepared = try await entry.prepare(fixture, .admin)
                        let huge = #"{"note":""# + String(repeating: "x", count: Self.bodyLimit) + #""}"#
                        _ = try await attempt(
                            entry, uri: prepared.uri ?? entry.route, json: huge, headers: prepared.headers, expect: .contentTooLarge, "with a body over the limit")
                    }
                    // An id that does not exist.
                    if routeHasID, !entry.route.hasPrefix("/api/v1/validation-links/") {
                        prepared = try await entry.prepare(fixture, .admin)
                        let unknown = entry.route.replacing(/\{[a-z_]+\}/) { _ in UUID().uuidString.lowercased() }
                        _ = try await attempt(entry, uri: unknown, json: prepared.json, headers: prepared.headers, expect: .notFound, "with an unknown id")
                    }
                    // If-Match: missing (where it is required) and stale.
                    prepared = try await entry.prepare(fixture, .admin)
                    if entry.method == .delete, Self.versionedDeletes.contains(entry.route) { prepared.headers[.ifMatch] = "\"1\"" }
                    if prepared.headers[.ifMatch] != nil {
                        var without = prepared.headers
                        without[.ifMatch] = nil
                        if entry.method != .delete || Self.ifMatchRequiredDeletes.contains(entry.route) {
                            _ = try await attempt(
                                entry, uri: prepared.uri ?? entry.route, json: prepared.json, headers: without, expect: .preconditionRequired, "without If-Match")
                        }
                        var stale = prepared.headers
                        stale[.ifMatch] = "\"987654\""
                        _ = try await attempt(
                            entry, uri: prepared.uri ?? entry.route, json: prepared.json, headers: stale, expect: .preconditionFailed, "with a stale If-Match")
                    }
                    // A query parameter the route does not take: 400 naming it, on every route
                    // (issue 10 item 4: `?task_id=` on a list that has no such filter used to
                    // answer everything).
                    prepared = try await entry.prepare(fixture, .admin)
                    let base = prepared.uri ?? entry.route
                    let unknown = try await attempt(
                        entry, uri: base + (base.contains("?") ? "&" : "?") + "no_such_filter=1", json: prepared.json, headers: prepared.headers,
                        expect: .badRequest, "with an unknown query parameter")
                    if unknown.status == .badRequest, !String(buffer: unknown.body).contains("no_such_filter") {
                        mismatches.append("\(entry.method) \(entry.route): the 400 does not name the unknown parameter")
                    }
                    // limit=0 on a paged list.
                    if entry.method == .get {
                        prepared = try await entry.prepare(fixture, .admin)
                        let uri = prepared.uri ?? entry.route
                        let page = try await attempt(entry, uri: uri, json: nil, headers: prepared.headers, expect: entry.expected[.admin]!, "as in the matrix")
                        if String(buffer: page.body).contains("\"next_cursor\"") {
                            _ = try await attempt(
                                entry, uri: uri + (uri.contains("?") ? "&" : "?") + "limit=0", json: nil, headers: prepared.headers,
                                expect: .unprocessableContent, "with limit=0")
                        }
                    }
                }
                // CSV imports have their own limit (SHEAF_MAX_IMPORT_BYTES, issue 16 item 6), and it holds.
                let csv = try await client.execute(
                    uri: "/api/v1/imports/time-entries?format=sheaf", method: .post,
                    headers: [.authorization: "Bearer \(try await fixture.token(.admin)!)", .contentType: "text/csv"],
                    body: ByteBuffer(string: String(repeating: "x", count: Self.importLimit + 1)))
                #expect(csv.status == .contentTooLarge)
                // Staff of the project's team who are not assigned to it see no budget: 403.
                let project = try await fixture.newRetainerProject(withRetainer: true)
                try await pool.execute("DELETE FROM project_members WHERE project_id = \(project) AND user_id = \(fixture.world.member.id)")
                for route in ["budget", "retainer", "retainer/periods"] {
                    let response = try await client.send(.get, "/api/v1/projects/\(project)/\(route)", token: try await fixture.token(.member))
                    #expect(response.status == .forbidden, "GET \(route) as a team member not assigned to the project")
                }
                #expect(mismatches == [])
            }
            // Credentials only over HTTPS: both session endpoints that take a password.
            let plain = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool)
            try await plain.test(.router) { client in
                let token = try await fixture.token(.member)
                let password = #"{"current_password":"\#(RoleWorld.password)","new_password":"\#(RoleWorld.password)"}"#
                let change = try await client.send(.put, "/api/v1/me/password", token: token, json: password)
                #expect(change.status == .forbidden)
                let login = try await client.send(.post, "/api/v1/sessions", json: #"{"email":"\#(fixture.world.member.email)","password":"x"}"#)
                #expect(login.status == .forbidden)
            }
        }
    }
}
