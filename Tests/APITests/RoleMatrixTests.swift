import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Every route of the router, as every role: the status each must get (SPEC §3).
/// A route that is registered but missing here fails the test, so every new endpoint
/// has to say who may call it.
@Suite struct RoleMatrixTests {
    static var cases: [MatrixCase] {
        foundation + sessions + people + catalog + time + validation + retainers + billables + expenses + invoicing + documents + invoiceDocuments + reports + automation + imports + dunning + timer
    }

    @Test func everyRegisteredRouteIsInTheMatrix() async throws {
        let router = try buildRouter(TestApp.environment(pool: TestApp.unusedPool()))
        // The console's pages (`/app`, `/portal`) are not API routes: ConsoleMatrixTests has them.
        let registered = Set(
            router.routes.filter { !ConsoleMatrixTests.isConsole($0.path.description) }
                .map { "\($0.method.rawValue) \(OpenAPIPaths.normalize($0.path.description))" })
        let covered = Set(Self.cases.map { "\($0.method.rawValue) \(OpenAPIPaths.normalize($0.route))" })
        #expect(registered.subtracting(covered).sorted() == [], "routes with no role-matrix entry")
        #expect(covered.subtracting(registered).sorted() == [], "matrix entries for routes that do not exist")
        for entry in Self.cases {
            #expect(Set(entry.expected.keys) == Set(Who.allCases), "\(entry.method) \(entry.route) must list every role")
        }
    }

    @Test func everyRoleGetsTheExpectedStatusOnEveryRoute() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let fixture = MatrixFixture(world: try await RoleWorld.make(pool: pool), pool: pool)
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: "")
            // Router tests send no bytes over TLS, but the app must believe it is HTTPS so
            // that the session endpoints answer.
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            configuration.linkSecret = MatrixFixture.linkSecret
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.router) { client in
                var mismatches: [String] = []
                for entry in Self.cases {
                    for who in Who.allCases {
                        let prepared = try await entry.prepare(fixture, who)
                        var headers = prepared.headers
                        if let token = try await fixture.token(who) { headers[.authorization] = "Bearer \(token)" }
                        if prepared.json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
                        let response = try await client.execute(
                            uri: prepared.uri ?? entry.route, method: entry.method, headers: headers,
                            body: prepared.json.map { ByteBuffer(string: $0) })
                        let expected = entry.expected[who]!
                        if response.status != expected {
                            mismatches.append(
                                "\(entry.method) \(entry.route) as \(who): expected \(expected.code), got \(response.status.code) \(String(buffer: response.body).prefix(200))")
                        }
                        if response.status.code >= 400 && response.status != .methodNotAllowed {
                            #expect(
                                response.headers[.contentType] == "application/problem+json",
                                "\(entry.method) \(entry.route) as \(who) answered an error that is not problem+json")
                        }
                    }
                }
                #expect(mismatches == [])
            }
        }
    }
}

extension RoleMatrixTests {
    static let foundation: [MatrixCase] = [
        MatrixCase(method: .get, route: "/healthz", expected: MatrixCase.everyone(.ok)),
        MatrixCase(method: .get, route: "/", expected: MatrixCase.everyone(.ok)),
        MatrixCase(method: .get, route: "/api/v1", expected: MatrixCase.everyone(.ok)),
        MatrixCase(method: .get, route: "/readyz", expected: MatrixCase.everyone(.ok)),
        // Only for SHEAF_METRICS_ALLOWED (loopback by default): the in-process test client
        // has no loopback address, so it is refused like anyone outside; HealthTests reads
        // them over a live loopback connection.
        MatrixCase(method: .get, route: "/metrics", expected: MatrixCase.everyone(.notFound)),
        MatrixCase(method: .get, route: "/api/v1/openapi.yaml", expected: MatrixCase.everyone(.ok)),
    ]

    static let sessions: [MatrixCase] = [
        MatrixCase(method: .post, route: "/api/v1/sessions", expected: MatrixCase.everyone(.created)) { fixture, who in
            let email = fixture.world.user(who)?.email ?? fixture.world.admin.email
            return MatrixRequest(json: #"{"email":"\#(email)","password":"\#(RoleWorld.password)"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/sessions", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .delete, route: "/api/v1/sessions/current", expected: MatrixCase.signedIn(.noContent)),
        MatrixCase(method: .delete, route: "/api/v1/sessions/{id}", expected: MatrixCase.signedIn(.noContent)) { fixture, who in
            // Another session of the same user, to revoke.
            guard let token = try await fixture.token(who) else { return MatrixRequest(uri: "/api/v1/sessions/\(UUID())") }
            let id = try await fixture.pool.queryOne(
                "SELECT id FROM sessions WHERE token_hash = sha256(convert_to(\(token), 'UTF8'))").decode("id", as: UUID.self)
            return MatrixRequest(uri: "/api/v1/sessions/\(id)")
        },
        MatrixCase(method: .get, route: "/api/v1/me", expected: MatrixCase.signedIn(.ok)),
        MatrixCase(method: .put, route: "/api/v1/me/password", expected: MatrixCase.signedIn(.noContent)) { _, _ in
            // Same password again: valid, and later attempts can still log in.
            MatrixRequest(json: #"{"current_password":"\#(RoleWorld.password)","new_password":"\#(RoleWorld.password)"}"#)
        },
    ]
}
