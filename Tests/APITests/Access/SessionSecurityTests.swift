@testable import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Services
import Storage
import Synchronization
import TestSupport
import Testing

func loginBody(_ email: String, _ password: String) -> String {
    #"{"email":\#(jsonString(email)),"password":\#(jsonString(password))}"#
}

func httpsConfiguration() throws -> SheafConfiguration {
    let certificate = try TestCertificate.make()
    var configuration = SheafConfiguration(databaseURL: "")
    configuration.tlsCertificatePath = certificate.certificatePath
    configuration.tlsKeyPath = certificate.keyPath
    return configuration
}

@Suite struct LoginOverHTTPSTests {
    @Test func loginMeLogoutThenTheTokenIsRefused() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(configuration: try httpsConfiguration(), pool: pool)
            try await app.test(.ahc(.https)) { client in
                let login = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.member.email, RoleWorld.password))
                #expect(login.status == .created)
                let body = try login.json()
                let token = try #require(body["token"] as? String)
                #expect(token.count >= 43)  // 256 bits in base64url
                #expect(body["expires_at"] is String)
                #expect((body["user"] as? [String: Any])?["email"] as? String == world.member.email)

                let me = try await client.send(.get, "/api/v1/me", token: token)
                #expect(me.status == .ok)
                #expect(try me.json()["role"] as? String == "member")

                #expect(try await client.send(.delete, "/api/v1/sessions/current", token: token).status == .noContent)
                let after = try await client.send(.get, "/api/v1/me", token: token)
                #expect(after.status == .unauthorized)
                #expect(after.isProblem)
            }
            // Only the digest is stored, never the token.
            let stored = try await pool.query("SELECT token_hash FROM sessions") { try $0.decode("token_hash", as: Data.self) }
            #expect(stored.allSatisfy { $0.count == 32 })
        }
    }

    @Test func aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(configuration: try httpsConfiguration(), pool: pool)
            try await app.test(.ahc(.https)) { client in
                let wrong = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.member.email, "not the password!"))
                let unknown = try await client.send(.post, "/api/v1/sessions", json: loginBody("nobody@agency.test", "not the password!"))
                #expect(wrong.status == .unauthorized)
                #expect(unknown.status == .unauthorized)
                #expect(try wrong.json()["detail"] as? String == unknown.json()["detail"] as? String)
            }
        }
    }

    @Test func theCookieIsHttpOnlySecureAndStrict() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(configuration: try httpsConfiguration(), pool: pool)
            try await app.test(.ahc(.https)) { client in
                let body = #"{"email":\#(jsonString(world.admin.email)),"password":\#(jsonString(RoleWorld.password)),"cookie":true}"#
                let login = try await client.send(.post, "/api/v1/sessions", json: body)
                let cookie = try #require(login.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"))
                let pair = String(cookie.split(separator: ";")[0])
                let me = try await client.send(.get, "/api/v1/me", headers: [.cookie: pair])
                #expect(me.status == .ok)
            }
        }
    }

    /// Issue 11 item 8: with the cookie, a page on another site could make the browser
    /// post to Sheaf; unsafe requests authenticated by the cookie need our own origin.
    @Test func aCookieAuthenticatedWriteNeedsTheServersOwnOrigin() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            var configuration = try httpsConfiguration()
            configuration.publicURL = "https://sheaf.example.com"
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.ahc(.https)) { client in
                let body = #"{"email":\#(jsonString(world.admin.email)),"password":\#(jsonString(RoleWorld.password)),"cookie":true}"#
                let login = try await client.send(.post, "/api/v1/sessions", json: body)
                let pair = String(try #require(login.headers[.setCookie]).split(separator: ";")[0])
                let team = #"{"name":"Cross-site"}"#
                let forged = try await client.send(.post, "/api/v1/teams", json: team, headers: [.cookie: pair, .origin: "https://evil.example"])
                #expect(forged.status == .forbidden, "\(forged.text)")
                let noOrigin = try await client.send(.post, "/api/v1/teams", json: team, headers: [.cookie: pair])
                #expect(noOrigin.status == .forbidden)
                let ours = try await client.send(.post, "/api/v1/teams", json: team, headers: [.cookie: pair, .origin: "https://sheaf.example.com"])
                #expect(ours.status == .created, "\(ours.text)")
                let sameSite = try await client.send(
                    .post, "/api/v1/teams", json: #"{"name":"Same site"}"#, headers: [.cookie: pair, HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
                #expect(sameSite.status == .created)
                // Bearer tokens are not sent by browsers on their own: no origin needed.
                let token = try #require(try login.json()["token"] as? String)
                #expect(try await client.send(.post, "/api/v1/teams", token: token, json: #"{"name":"Script"}"#).status == .created)
            }
        }
    }
}

/// Issue 11 item 8: JSON bodies must say they are JSON and name each key once.
@Suite struct JSONRequestRuleTests {
    @Test func aJSONBodyWithAnotherContentTypeIs415AndDuplicateKeysAre422() async throws {
        try await withTimeApp { (world, client) async throws in
            let body = world.entryJSON("2026-03-02")
            for contentType in ["text/plain", nil] {
                var headers: HTTPFields = [.authorization: "Bearer \(world.token(.member))"]
                if let contentType { headers[.contentType] = contentType }
                let response = try await client.execute(uri: "/api/v1/time-entries", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .unsupportedMediaType, "\(contentType ?? "none"): \(response.text)")
            }
            let merged = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", extra: #","minutes":600"#))
            #expect(merged.status == .unprocessableContent, "\(merged.text)")
            #expect(try merged.errorFields() == ["minutes"])
            #expect(try await world.count("time_entries") == 0)
            let json = try await client.execute(
                uri: "/api/v1/time-entries", method: .post,
                headers: [.authorization: "Bearer \(world.token(.member))", .contentType: "application/json; charset=utf-8"], body: ByteBuffer(string: body))
            #expect(json.status == .created)
        }
    }
}

@Suite struct TransportRuleTests {
    @Test func plainHTTPLoginIsRefusedWithAProblemThatSaysHTTPS() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(pool: pool)
            try await app.test(.live) { client in
                let response = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password))
                #expect(response.status == .forbidden)
                #expect(response.isProblem)
                #expect((try response.json()["detail"] as? String)?.contains("HTTPS") == true)
                // A proxy header from an untrusted peer changes nothing.
                let spoofed = try await client.send(
                    .post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password),
                    headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
                #expect(spoofed.status == .forbidden)
            }
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM sessions").decode("n") == 0)
        }
    }

    @Test func aTrustedProxySayingHTTPSIsBelievedAndItsClientAddressRecorded() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.trustedProxies = [CIDR("127.0.0.0/8")!, CIDR("::1")!]
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.live) { client in
                let viaXForwarded = try await client.send(
                    .post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password),
                    headers: [HTTPField.Name("X-Forwarded-Proto")!: "https", HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
                #expect(viaXForwarded.status == .created)
                let viaForwarded = try await client.send(
                    .post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password),
                    headers: [HTTPField.Name("Forwarded")!: #"for="[2001:db8::7]:4711";proto=https"#])
                #expect(viaForwarded.status == .created)
            }
            let addresses = Set(try await pool.query("SELECT client_address FROM sessions") { try $0.decode("client_address", as: String.self) })
            #expect(addresses == ["203.0.113.9", "2001:db8::7"])
        }
    }

    @Test func forwardedHeadersFromAnUntrustedPeerDoNotChangeTheClientAddress() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            var configuration = try httpsConfiguration()
            configuration.trustedProxies = [CIDR("10.0.0.0/8")!]
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.ahc(.https)) { client in
                let response = try await client.send(
                    .post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password),
                    headers: [
                        HTTPField.Name("X-Forwarded-For")!: "203.0.113.9", HTTPField.Name("X-Forwarded-Proto")!: "http",
                        HTTPField.Name("Forwarded")!: "for=198.51.100.1;proto=http",
                    ])
                #expect(response.status == .created)
            }
            let address = try await pool.queryOne("SELECT client_address FROM sessions").decode("client_address", as: String.self)
            #expect(address == "127.0.0.1" || address == "::1")
        }
    }

    @Test func theResolverWalksTheChainFromTheNearestHop() {
        let middleware = ClientAddressMiddleware(trustedProxies: [CIDR("10.0.0.0/8")!], tlsEnabled: false)
        var headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.1, 203.0.113.5, 10.0.0.2"]
        headers[HTTPField.Name("X-Forwarded-Proto")!] = "https"
        let resolved = middleware.resolve(peer: "10.0.0.1", headers: headers)
        #expect(resolved.address == "203.0.113.5")  // the first untrusted hop; 198.51.100.1 could be forged
        #expect(resolved.scheme == "https")
        #expect(middleware.resolve(peer: "192.0.2.1", headers: headers).address == "192.0.2.1")
        #expect(middleware.resolve(peer: "192.0.2.1", headers: headers).scheme == "http")
        #expect(middleware.resolve(peer: "::ffff:10.1.2.3", headers: headers).address == "203.0.113.5")
    }
}

@Suite struct ThrottlingTests {
    @Test func theSixthWrongPasswordInARowIs429WithRetryAfterAcrossTwoInstances() async throws {
        try await TestDatabase.withFresh { database in
            let world = try await RoleWorld.make(pool: await database.makePool())
            // Two application instances, each with its own pool, sharing one database.
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.trustedProxies = [CIDR("127.0.0.0/8")!, CIDR("::1")!]
            let first = try TestApp.application(configuration: configuration, pool: await database.makePool())
            let second = try TestApp.application(configuration: configuration, pool: await database.makePool())
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            try await first.test(.live) { one in
                try await second.test(.live) { two in
                    for attempt in 1...5 {
                        let client = attempt.isMultiple(of: 2) ? two : one
                        let response = try await client.send(
                            .post, "/api/v1/sessions", json: loginBody(world.member.email, "wrong password \(attempt)"), headers: headers)
                        #expect(response.status == .unauthorized)
                    }
                    // Even the right password is refused now, on either instance.
                    let sixth = try await two.send(.post, "/api/v1/sessions", json: loginBody(world.member.email, RoleWorld.password), headers: headers)
                    #expect(sixth.status == .tooManyRequests)
                    let retryAfter = try #require(sixth.headers[.retryAfter].flatMap(Int.init))
                    #expect(retryAfter > 0 && retryAfter <= 900)
                    #expect(try await one.send(.post, "/api/v1/sessions", json: loginBody(world.member.email, RoleWorld.password), headers: headers).status == .tooManyRequests)
                    // Another account from another address is unaffected.
                    let other = try await one.send(
                        .post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password),
                        headers: [HTTPField.Name("X-Forwarded-Proto")!: "https", HTTPField.Name("X-Forwarded-For")!: "198.51.100.20"])
                    #expect(other.status == .created)
                }
            }
        }
    }

    @Test func twentyFailuresFromOneAddressBlockThatAddressAndASuccessDoesNotReset() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let clock = TestClock()
            let auth = AuthService(
                pool: pool, clock: clock, hasher: TestApp.hasher,
                lifetime: SessionLifetime(idleTimeout: .seconds(3600), absoluteLifetime: .seconds(86_400)))
            let origin = RequestOrigin(requestID: nil, clientAddress: "198.51.100.77")
            for index in 0..<19 {
                await #expect(throws: DomainError.invalidCredentials) {
                    _ = try await auth.login(email: "user\(index)@elsewhere.test", password: "guess guess guess", origin: origin, userAgent: nil)
                }
            }
            // A success in between does not reset the per-address counter.
            _ = try await auth.login(email: world.admin.email, password: RoleWorld.password, origin: origin, userAgent: nil)
            await #expect(throws: DomainError.invalidCredentials) {
                _ = try await auth.login(email: "last@elsewhere.test", password: "guess guess guess", origin: origin, userAgent: nil)
            }
            await #expect(throws: DomainError.tooManyRequests(retryAfterSeconds: 900)) {
                _ = try await auth.login(email: world.admin.email, password: RoleWorld.password, origin: origin, userAgent: nil)
            }
            // The window slides: 15 minutes later the address may try again.
            clock.advance(by: .seconds(901))
            _ = try await auth.login(email: world.admin.email, password: RoleWorld.password, origin: origin, userAgent: nil)
        }
    }
}

@Suite struct SessionLifetimeTests {
    private func auth(_ pool: PostgresPool, _ clock: TestClock) -> AuthService {
        AuthService(
            pool: pool, clock: clock, hasher: TestApp.hasher,
            lifetime: SessionLifetime(idleTimeout: .seconds(30 * 60), absoluteLifetime: .seconds(8 * 3600)))
    }

    @Test func anIdleSessionExpires() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let clock = TestClock()
            let world = try await RoleWorld.make(pool: pool, clock: clock)
            let auth = auth(pool, clock)
            let session = try await auth.login(email: world.member.email, password: RoleWorld.password, origin: .commandLine, userAgent: nil)
            clock.advance(by: .seconds(29 * 60))
            #expect(try await auth.authenticate(token: session.token, origin: .commandLine) != nil)
            clock.advance(by: .seconds(29 * 60))  // activity above slid the idle window
            #expect(try await auth.authenticate(token: session.token, origin: .commandLine) != nil)
            clock.advance(by: .seconds(31 * 60))
            #expect(try await auth.authenticate(token: session.token, origin: .commandLine) == nil)
        }
    }

    @Test func anActiveSessionStillEndsAtItsAbsoluteLifetime() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let clock = TestClock()
            let world = try await RoleWorld.make(pool: pool, clock: clock)
            let auth = auth(pool, clock)
            let session = try await auth.login(email: world.member.email, password: RoleWorld.password, origin: .commandLine, userAgent: nil)
            for _ in 0..<23 {  // active every 20 minutes for 7 h 40 min
                clock.advance(by: .seconds(20 * 60))
                #expect(try await auth.authenticate(token: session.token, origin: .commandLine) != nil)
            }
            clock.advance(by: .seconds(30 * 60))  // 8 h 10 min after login, idle only 30 min
            #expect(try await auth.authenticate(token: session.token, origin: .commandLine) == nil)
        }
    }

    @Test func aPasswordChangeRevokesEveryOtherSession() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let clock = TestClock()
            let world = try await RoleWorld.make(pool: pool, clock: clock)
            let auth = auth(pool, clock)
            let kept = try await auth.login(email: world.member.email, password: RoleWorld.password, origin: .commandLine, userAgent: nil)
            let other = try await auth.login(email: world.member.email, password: RoleWorld.password, origin: .commandLine, userAgent: nil)
            let (caller, _) = try #require(try await auth.authenticate(token: kept.token, origin: .commandLine))
            await #expect(throws: DomainError.invalid(field: "current_password", message: "is not your current password")) {
                try await auth.changePassword(current: "not my password", new: "a brand new passphrase", caller: caller)
            }
            #expect(try await auth.authenticate(token: other.token, origin: .commandLine) != nil)
            try await auth.changePassword(current: RoleWorld.password, new: "a brand new passphrase", caller: caller)
            #expect(try await auth.authenticate(token: other.token, origin: .commandLine) == nil)
            #expect(try await auth.authenticate(token: kept.token, origin: .commandLine) != nil)
            _ = try await auth.login(email: world.member.email, password: "a brand new passphrase", origin: .commandLine, userAgent: nil)
        }
    }

    @Test func sessionsAreListedAndOneCanBeRevokedButNotSomeoneElses() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(pool: pool)
            let mine = try #require(try await world.token(.member))
            let second = try #require(try await world.token(.member))
            let admins = try #require(try await world.token(.admin))
            try await app.test(.router) { client in
                let list = try await client.send(.get, "/api/v1/sessions", token: mine)
                let items = try #require(try list.json()["items"] as? [[String: Any]])
                #expect(items.count == 2)
                #expect(items.filter { $0["current"] as? Bool == true }.count == 1)
                let otherID = try #require(items.first { $0["current"] as? Bool == false }?["id"] as? String)
                // The admin cannot revoke the member's session: it is not theirs.
                #expect(try await client.send(.delete, "/api/v1/sessions/\(otherID)", token: admins).status == .notFound)
                #expect(try await client.send(.delete, "/api/v1/sessions/\(otherID)", token: mine).status == .noContent)
                #expect(try await client.send(.get, "/api/v1/me", token: second).status == .unauthorized)
                #expect(try await client.send(.get, "/api/v1/me", token: mine).status == .ok)
                #expect(try await client.send(.delete, "/api/v1/sessions/not-a-uuid", token: mine).status == .notFound)
            }
        }
    }
}

/// Collects log lines in memory.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
    func logger() -> Logger {
        Logger(label: "capture") { label in
            var handler = JSONLogHandler(label: label) { line in self.lines.withLock { $0.append(line) } }
            handler.logLevel = .trace
            return handler
        }
    }
}

@Suite struct SecretsStayOutOfLogsTests {
    @Test func passwordsAndTokensNeverAppearInLogs() async throws {
        try await TestDatabase.withFresh { database in
            let capture = LogCapture()
            let pool = PostgresPool(configuration: .init(connectionString: database.appConnectionString, poolSize: 2), logger: capture.logger())
            defer { Task { await pool.shutdown() } }
            let world = try await RoleWorld.make(pool: pool)
            var environment = TestApp.environment(configuration: try httpsConfiguration(), pool: pool)
            environment.logger = capture.logger()
            let app = try buildApplication(environment)
            let newPassword = "an entirely new secret phrase"
            let createdPassword = "the created user's secret"
            let token = try await app.test(.ahc(.https)) { client in
                let login = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password))
                let token = try #require(try login.json()["token"] as? String)
                _ = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.admin.email, "a wrong guess of a password"))
                _ = try await client.send(.get, "/api/v1/me", token: token)
                _ = try await client.send(
                    .post, "/api/v1/users", token: token,
                    json: #"{"email":"new@agency.test","name":"New","role":"member","password":\#(jsonString(createdPassword))}"#)
                _ = try await client.send(
                    .put, "/api/v1/me/password", token: token,
                    json: #"{"current_password":\#(jsonString(RoleWorld.password)),"new_password":\#(jsonString(newPassword))}"#)
                _ = try await client.send(.get, "/api/v1/nowhere", token: token)
                return token
            }
            let logs = capture.all
            #expect(!logs.isEmpty)
            for secret in [RoleWorld.password, newPassword, createdPassword, "a wrong guess of a password", token] {
                #expect(!logs.contains(secret), "a secret leaked into the logs")
            }
            let audit = try await pool.query("SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM audit_events") {
                try $0.decode("t", as: String.self)
            }.joined()
            #expect(!audit.contains(createdPassword) && !audit.contains("password_hash"))
        }
    }
}

/// Issue 10 item 8: one access-log line per request at `info`, without paths, queries or tokens.
@Suite struct RequestLogTests {
    func requests(logLevel: Logger.Level) async throws -> (lines: [String], userID: String, token: String) {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let capture = LogCapture()
            var environment = TestApp.environment(configuration: try httpsConfiguration(), pool: pool)
            var logger = capture.logger()
            logger.logLevel = logLevel
            environment.logger = logger
            let app = try buildApplication(environment)
            let token = try await app.test(.ahc(.https)) { client in
                let login = try await client.send(.post, "/api/v1/sessions", json: loginBody(world.admin.email, RoleWorld.password))
                let token = try #require(try login.json()["token"] as? String)
                _ = try await client.send(.get, "/api/v1/users/\(world.member.id)", token: token)
                _ = try await client.send(.get, "/api/v1/audit-events?action=findme", token: token)
                return token
            }
            return (capture.lines.withLock { $0 }, world.admin.id.description, token)
        }
    }

    @Test func everyRequestLeavesOneLineWithItsRouteStatusAndUserAtInfo() async throws {
        let (lines, userID, token) = try await requests(logLevel: .info)
        let access = lines.filter { $0.contains(#""msg":"request""#) }
        #expect(access.count == 3, "\(lines)")
        let get = try #require(access.first { $0.contains(#""method":"GET""#) && $0.contains("users") })
        #expect(get.contains(#""route":"\/api\/v1\/users\/{id}""#) || get.contains(#""route":"/api/v1/users/{id}""#), "\(get)")
        #expect(get.contains(#""status":"200""#), "\(get)")
        #expect(get.contains(#""user_id":"\#(userID)""#), "\(get)")
        #expect(get.contains("duration_ms") && get.contains("request_id"), "\(get)")
        #expect(!lines.joined().contains("findme") && !lines.joined().contains(token))
    }

    @Test func warningSilencesTheAccessLog() async throws {
        let (lines, _, _) = try await requests(logLevel: .warning)
        #expect(!lines.contains { $0.contains(#""msg":"request""#) }, "\(lines)")
    }
}
