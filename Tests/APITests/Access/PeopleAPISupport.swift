import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Runs `body` against the real router on a fresh database holding a ``PeopleWorld``.
func withPeopleApp(
    _ body: @Sendable (PeopleWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool()
        let world = try await PeopleWorld.make(pool: pool)
        let app = try TestApp.application(pool: pool, clock: world.clock)
        try await app.test(.router) { client in try await body(world, client) }
    }
}

extension TestClientProtocol {
    /// A request with an optional bearer token, JSON body and `If-Match`.
    func call(
        _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil, ifMatch: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(String(buffer: body))")
    }

    /// The `items` of a list response.
    func items() throws -> [[String: Any]] {
        try #require(try object()["items"] as? [[String: Any]])
    }

    /// The `field`s of a 422 problem's `errors`, sorted.
    func errorFields() throws -> [String] {
        let errors = try #require(try object()["errors"] as? [[String: Any]], "no errors in \(String(buffer: body))")
        return errors.compactMap { $0["field"] as? String }.sorted()
    }
}
