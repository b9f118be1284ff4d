import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!

    private func body(_ email: String) -> String {
        #"{"email":"\#(email)","name":"Retry","role":"member","password":"long enough password"}"#
    }

    @Test func aRetriedPostReturnsTheFirstResultAndCreatesNothingNew() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let token = try #require(try await world.token(.admin))
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                let first = try await client.send(.post, "/api/v1/users", token: token, json: body("retry@agency.test"), headers: [Self.key: "k-1"])
                let again = try await client.send(.post, "/api/v1/users", token: token, json: body("retry@agency.test"), headers: [Self.key: "k-1"])
                #expect(first.status == .created)
                #expect(again.status == .created)
                #expect(again.text == first.text)
                #expect(again.headers[.location] == first.headers[.location])
                #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                // The same key with another body is refused, not replayed.
                let other = try await client.send(.post, "/api/v1/users", token: token, json: body("other@agency.test"), headers: [Self.key: "k-1"])
                #expect(other.status == .unprocessableContent)
                #expect(other.isProblem)
                // Without a key, a second identical POST is a conflict on the email.
                let duplicate = try await client.send(.post, "/api/v1/users", token: token, json: body("retry@agency.test"))
                #expect(duplicate.status == .conflict)
            }
            let count = try await pool.queryOne("SELECT count(*) AS n FROM users WHERE email = 'retry@agency.test'").decode("n", as: Int.self)
            #expect(count == 1)
            let audits = try await pool.queryOne("SELECT count(*) AS n FROM audit_events WHERE action = 'user.created' AND after->>'email' = 'retry@agency.test'")
            #expect(try audits.decode("n", as: Int.self) == 1)
        }
    }

    /// Kept responses may carry a one-time link token: at rest they are sealed, and only
    /// a server holding the same secret can replay them.
    @Test func keptResponsesAreSealedAtRestAndNeedTheServerSecret() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let token = try #require(try await world.token(.admin))
            var configuration = SheafConfiguration(databaseURL: "")
            configuration.linkSecret = Array(repeating: 0x11, count: 32)
            try await TestApp.application(configuration: configuration, pool: pool).test(.router) { client in
                let first = try await client.send(.post, "/api/v1/users", token: token, json: body("sealed@agency.test"), headers: [Self.key: "k-s"])
                #expect(first.status == .created)
                let again = try await client.send(.post, "/api/v1/users", token: token, json: body("sealed@agency.test"), headers: [Self.key: "k-s"])
                #expect(again.text == first.text)
            }
            let row = try await pool.queryOne("SELECT body, body_sealed FROM idempotency_keys WHERE key = 'k-s'")
            #expect(try row.decode("body_sealed", as: Bool.self))
            let stored = try row.decode("body", as: Data.self)
            #expect(!String(decoding: stored, as: UTF8.self).contains("sealed@agency.test"))

            // Another secret cannot open it: a clear 409, and still one user.
            configuration.linkSecret = Array(repeating: 0x22, count: 32)
            try await TestApp.application(configuration: configuration, pool: pool).test(.router) { client in
                let rotated = try await client.send(.post, "/api/v1/users", token: token, json: body("sealed@agency.test"), headers: [Self.key: "k-s"])
                #expect(rotated.status == .conflict)
                #expect(rotated.isProblem)
                #expect(rotated.text.contains("idempotency-key-unreadable"))
            }
            let count = try await pool.queryOne("SELECT count(*) AS n FROM users WHERE email = 'sealed@agency.test'").decode("n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func concurrentRetriesWithOneKeyCreateOneUser() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8)
            let world = try await RoleWorld.make(pool: pool)
            let token = try #require(try await world.token(.admin))
            let app = try TestApp.application(pool: pool)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await app.test(.router) { client in
                            try await client.send(.post, "/api/v1/users", token: token, json: body("race@agency.test"), headers: [Self.key: "race"]).status
                        }
                    }
                }
                var all: [HTTPResponse.Status] = []
                for try await status in group { all.append(status) }
                return all
            }
            // One created it; the others either replayed it or were told it is in progress.
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict })
            #expect(statuses.contains(.created))
            let count = try await pool.queryOne("SELECT count(*) AS n FROM users WHERE email = 'race@agency.test'").decode("n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test func keysAreScopedToTheUser() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let admin = try #require(try await world.token(.admin))
            let manager = try #require(try await world.token(.manager))
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                _ = try await client.send(.post, "/api/v1/users", token: admin, json: body("scoped@agency.test"), headers: [Self.key: "same"])
                // The manager reusing the admin's key gets their own answer (403), never the admin's response.
                let theirs = try await client.send(.post, "/api/v1/users", token: manager, json: body("scoped@agency.test"), headers: [Self.key: "same"])
                #expect(theirs.status == .forbidden)
            }
        }
    }
}

@Suite struct AuditTrailGrantTests {
    @Test func theApplicationRoleCannotRewriteTheAuditTrail() async throws {
        try await TestDatabase.withFresh { database in
            let app = await database.makePool()  // the least-privilege role the server runs as
            _ = try await RoleWorld.make(pool: app)
            #expect(try await app.queryOne("SELECT count(*) AS n FROM audit_events").decode("n", as: Int.self) > 0)
            for statement: SQL in ["UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events", "TRUNCATE audit_events"] {
                let error = await #expect(throws: PostgresError.self) { try await app.execute(statement) }
                #expect(error?.sqlState == SQLState.insufficientPrivilege)
            }
            // Even the owner is stopped by the trigger.
            let owner = await database.makePool(asOwner: true)
            let error = await #expect(throws: PostgresError.self) { try await owner.execute("DELETE FROM audit_events") }
            #expect(error?.sqlState == SQLState.insufficientPrivilege)
        }
    }
}
