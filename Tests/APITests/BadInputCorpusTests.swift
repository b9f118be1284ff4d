import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 11 item 13: every JSON write route of the role matrix, as the admin, gets its
/// valid body with one field at a time replaced by a value no field accepts; every
/// answer must be a 4xx problem naming that field (or a 400 for JSON that cannot be
/// read), and the row count of every table must be the same afterwards.
///
/// | input | expected |
/// |---|---|
/// | a string holding NUL (`"a\u0000b"`) | 422 naming the field |
/// | a lone surrogate (`"\ud800"`) | 400 (not valid Unicode) or 422 naming the field |
/// | a number beyond any range (`1e400`) | 400 or 422 |
/// | an impossible date (`"2026-02-30"`) in a date field | 422 naming the field |
/// | an object where a value was (`{"x":[]}`) | 422 naming the field |
/// | the field twice | 422 naming the field |
/// | an unknown field beside the valid ones | 422 naming it |
/// Malformed JSON, oversize bodies, `text/plain`, unknown ids, unknown query parameters
/// and stale versions are tried on every route by ``HTTPConventionSweepTests``. The two
/// credential routes answer plain HTTP with 403 before reading a body; their bad input
/// is tried over HTTPS in `HostileInputAPITests`.
@Suite struct BadInputCorpusTests {
    static let values: [(label: String, json: String)] = [
        ("NUL", #""a\u0000b""#), ("lone surrogate", #""\ud800""#), ("huge number", "1e400"), ("object", #"{"x":[]}"#),
    ]

    /// Rows per table of the public schema, in one statement.
    static func snapshot(_ pool: PostgresPool) async throws -> [String: Int] {
        let rows = try await pool.query(
            """
            SELECT table_name::text AS name,
                   (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::integer AS rows
            FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
            """
        ) { (try $0.decode("name", as: String.self), try $0.decode("rows", as: Int.self)) }
        return Dictionary(uniqueKeysWithValues: rows)
    }

    @Test func everyWriteRouteRefusesTheCorpusAndWritesNothing() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let fixture = MatrixFixture(world: try await RoleWorld.make(pool: pool), pool: pool)
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.linkSecret = MatrixFixture.linkSecret
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.router) { client in
                var failures: [String] = []
                var tried = 0
                let credentialRoutes: Set<String> = ["/api/v1/sessions", "/api/v1/me/password"]
                for entry in RoleMatrixTests.cases
                where entry.expected[.admin]!.code < 400 && entry.method != .get && entry.method != .delete && !credentialRoutes.contains(entry.route) {
                    let prepared = try await entry.prepare(fixture, .admin)
                    guard let json = prepared.json, json.hasPrefix("{"),
                        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
                    else { continue }
                    let uri = prepared.uri ?? entry.route
                    var headers = prepared.headers
                    headers[.authorization] = "Bearer \(try await fixture.token(.admin)!)"
                    headers[.contentType] = "application/json"
                    let before = try await Self.snapshot(pool)
                    func send(_ body: String, _ what: String, expect: (HTTPResponse.Status, String?) -> Bool) async throws {
                        tried += 1
                        let response = try await client.execute(uri: uri, method: entry.method, headers: headers, body: ByteBuffer(string: body))
                        let fields = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["errors"]
                            .flatMap { $0 as? [[String: Any]] }?.compactMap { $0["field"] as? String }.joined(separator: ",")
                        let isProblem = response.headers[.contentType] == "application/problem+json"
                        if !isProblem || !expect(response.status, fields) {
                            failures.append("\(entry.method) \(entry.route) \(what): \(response.status.code) \(String(buffer: response.body).prefix(140))")
                        }
                    }
                    for key in object.keys.sorted() {
                        let others = object.filter { $0.key != key }
                        func with(_ raw: String) -> String {
                            let rest = String(decoding: try! JSONSerialization.data(withJSONObject: others, options: [.sortedKeys]), as: UTF8.self)
                            return rest == "{}" ? "{\"\(key)\":\(raw)}" : "{\"\(key)\":\(raw)," + rest.dropFirst()
                        }
                        for (label, value) in Self.values {
                            try await send(with(value), "\(key)=\(label)") { status, fields in
                                status == .badRequest || (status == .unprocessableContent && (fields ?? "").contains(key))
                            }
                        }
                        if key.contains("date") || ["from", "to", "week", "effective_from", "through"].contains(key) {
                            try await send(with(#""2026-02-30""#), "\(key)=2026-02-30") { status, fields in
                                status == .unprocessableContent && (fields ?? "").contains(key)
                            }
                        }
                        try await send("{\"\(key)\":null," + json.dropFirst(), "\(key) twice") { status, fields in
                            status == .unprocessableContent && (fields ?? "").contains(key)
                        }
                    }
                    try await send(String(json.dropLast()) + #","no_such_field":1}"#, "unknown field") { status, fields in
                        status == .unprocessableContent && (fields ?? "").contains("no_such_field")
                    }
                    let after = try await Self.snapshot(pool)
                    if before != after {
                        let changed = after.filter { before[$0.key] != $0.value }.map { "\($0.key): \(before[$0.key] ?? 0) → \($0.value)" }
                        failures.append("\(entry.method) \(entry.route) wrote: \(changed.sorted())")
                    }
                }
                #expect(tried > 200, "the corpus reached \(tried) requests")
                #expect(failures == [], "\(failures.count) of \(tried):\n\(failures.prefix(40).joined(separator: "\n"))")
            }
        }
    }
}
