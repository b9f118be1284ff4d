import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct HealthTests {
    @Test func healthzAnswersWithoutTheDatabase() async throws {
        let pool = PostgresPool(configuration: .init(connectionString: "host=/nonexistent dbname=none", poolSize: 1), logger: TestDatabase.logger)
        let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.headers[.contentType] == "application/problem+json")
        }
        await pool.shutdown()
    }

    @Test func readyzIsOKWhenTheSchemaIsCurrent() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                let response = try await client.execute(uri: "/readyz", method: .get)
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readyzIs503WhenTheSchemaIsBehind() async throws {
        try await TestDatabase.withFresh { database in
            let owner = await database.makePool(asOwner: true)
            let newest = try await owner.queryOne("SELECT max(version) AS v, max(name) AS name FROM schema_migrations")
            let version: Int = try newest.decode("v")
            let name: String = try newest.decode("name")
            try await owner.execute("DELETE FROM schema_migrations WHERE version = \(version)")
            let app = try TestApp.application(pool: await database.makePool())
            try await app.test(.router) { client in
                let response = try await client.execute(uri: "/readyz", method: .get)
                #expect(response.status == .serviceUnavailable)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.detail.contains(name))
            }
        }
    }

    /// A rolling upgrade (issue 17 item 5): the new release has migrated, and this older
    /// binary still serves and stays ready — its own migrations are all applied — while
    /// an applied file it knows but whose text differs still makes it unready.
    @Test func readyzStaysReadyWhenANewerReleaseHasMigrated() async throws {
        try await TestDatabase.withFresh { database in
            let owner = await database.makePool(asOwner: true)
            try await owner.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (9998, '9998_next_release.sql', 'x')")
            let app = try TestApp.application(pool: await database.makePool())
            try await app.test(.router) { client in
                let ready = try await client.execute(uri: "/readyz", method: .get)
                #expect(ready.status == .ok)
                try await owner.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
                let edited = try await client.execute(uri: "/readyz", method: .get)
                #expect(edited.status == .serviceUnavailable)
            }
        }
    }

    @Test func httpsHealthAndReadinessThroughALiveServer() async throws {
        try await TestDatabase.withFresh { database in
            let certificate = try TestCertificate.make()
            var configuration = SheafConfiguration(databaseURL: database.appConnectionString)
            configuration.tlsCertificatePath = certificate.certificatePath
            configuration.tlsKeyPath = certificate.keyPath
            let app = try TestApp.application(configuration: configuration, pool: await database.makePool())
            try await app.test(.ahc(.https)) { client in
                let health = try await client.execute(uri: "/healthz", method: .get)
                #expect(health.status == .ok)
                let ready = try await client.execute(uri: "/readyz", method: .get)
                #expect(ready.status == .ok)
            }
        }
    }

    @Test func readinessFollowsTheDatabaseDownAndBackUp() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        try cluster.start()
        let migrator = PostgresPool(configuration: .init(connectionString: cluster.connectionString, poolSize: 1), logger: TestDatabase.logger)
        try await TestApp.migrate(migrator)
        await migrator.shutdown()
        let pool = PostgresPool(configuration: .init(connectionString: cluster.connectionString, poolSize: 2), logger: TestDatabase.logger)
        let app = try TestApp.application(pool: pool)
        try await app.test(.live) { client in
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            try cluster.stop()
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            try cluster.start()
            let back = ContinuousClock.now
            var status = HTTPResponse.Status.serviceUnavailable
            while status != .ok, ContinuousClock.now - back < .seconds(5) {
                status = try await client.execute(uri: "/readyz", method: .get).status
                if status != .ok { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == .ok)
        }
        await pool.shutdown()
    }
}

@Suite struct HTTPConventionTests {
    @Test func unknownRoutesAreProblemJSON404WithTheRequestID() async throws {
        let app = try TestApp.application(pool: TestApp.unusedPool())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/nope", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
            #expect(problem.status == 404)
            #expect(problem.request_id == "abc-123")
        }
    }

    @Test func aRequestIDIsGeneratedWhenMissingOrMalformed() async throws {
        let app = try TestApp.application(pool: TestApp.unusedPool())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id with spaces"])
            let id = try #require(response.headers[HTTPField.Name("X-Request-Id")!])
            #expect(UUID(uuidString: id) != nil)
        }
    }

    @Test func oversizeBodiesAre413ProblemJSON() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.maxBodyBytes = 2048
        let app = try TestApp.application(configuration: configuration, pool: TestApp.unusedPool())
        try await app.test(.router) { client in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 4096)
            let response = try await client.execute(uri: "/healthz", method: .post, body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await TestDatabase.withFresh { database in
            let app = try TestApp.application(pool: await database.makePool())
            try await app.test(.live) { client in
                _ = try await client.execute(uri: "/healthz", method: .get)
                _ = try await client.execute(uri: "/missing/route", method: .get)
                let response = try await client.execute(uri: "/metrics", method: .get)
                let text = String(buffer: response.body)
                #expect(text.contains(#"sheaf_http_requests_total{route="/healthz",method="GET",status="200"} 1"#))
                #expect(text.contains(#"status="404""#))
                #expect(text.contains("sheaf_http_request_duration_seconds_bucket"))
                #expect(text.contains("sheaf_db_pool_connections_in_use"))
                #expect(text.contains("sheaf_db_pool_waiters"))
            }
        }
    }

    /// Issue 11 item 9: `/metrics` answered on the public listener.
    @Test func metricsAreOnlyForAllowedAddressesAndEveryResponseSaysNosniff() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.metricsAllowed = [CIDR("10.0.0.0/8")!]
        let app = try TestApp.application(configuration: configuration, pool: TestApp.unusedPool())
        try await app.test(.live) { client in
            let refused = try await client.execute(uri: "/metrics", method: .get)
            #expect(refused.status == .notFound)
            #expect(refused.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(refused.headers[HTTPField.Name("Strict-Transport-Security")!] == nil, "plain HTTP: the proxy sends HSTS")
        }
        let certificate = try TestCertificate.make()
        var tls = SheafConfiguration(databaseURL: "")
        tls.tlsCertificatePath = certificate.certificatePath
        tls.tlsKeyPath = certificate.keyPath
        let direct = try TestApp.application(configuration: tls, pool: TestApp.unusedPool())
        try await direct.test(.ahc(.https)) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000")
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok, "loopback may read them")
            #expect(try await client.execute(uri: "/metrics?format=json", method: .get).status == .badRequest, "it takes no parameters")
        }
    }

    @Test func theOpenAPIDocumentIsServedAndListsEveryRoute() async throws {
        let router = try buildRouter(TestApp.environment(pool: TestApp.unusedPool()))
        let documented = OpenAPIPaths.parse(OpenAPIDocument.text)
        // Every route but the console's HTML pages (/app, /portal), which are not API.
        let registered = Set(
            router.routes.filter { !ConsoleMatrixTests.isConsole($0.path.description) }
                .map { "\($0.method.rawValue.lowercased()) \(OpenAPIPaths.normalize($0.path.description))" })
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "openapi.yaml documents routes that do not exist")
        let app = try TestApp.application(pool: TestApp.unusedPool())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
        }
    }
}

struct ProblemBody: Decodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let request_id: String?
}
