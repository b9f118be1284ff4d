import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 11 items 5 and 6: NUL characters and oversized e-mails are refused by name,
/// before they reach the database or cost a bcrypt.
@Suite struct HostileInputAPITests {
    @Test func aNULInAJSONStringOrAQueryValueIsA422NamingTheField() async throws {
        try await withTimeApp { (world, client) async throws in
            let note = try await client.call(
                .post, "/api/v1/time-entries", token: world.token(.member), body: world.entryJSON("2026-03-02", extra: #","note":"a\u0000b""#))
            #expect(note.status == .unprocessableContent, "\(note.text)")
            #expect(try note.errorFields() == ["note"])
            #expect(try await world.count("time_entries") == 0)
            let filter = try await client.call(.get, "/api/v1/audit-events?action=user.created%00zzz", token: world.token(.admin))
            #expect(filter.status == .unprocessableContent, "\(filter.text)")
            #expect(try filter.errorFields() == ["action"])
        }
    }

    @Test func aLoginWithANULOrAnEmailOver254CharactersIsRefusedWithoutAFailureRow() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await RoleWorld.make(pool: pool)
            let app = try buildApplication(TestApp.environment(configuration: try httpsConfiguration(), pool: pool))
            try await app.test(.ahc(.https)) { client in
                // The login that used to succeed as the member.
                let cut = try await client.send(
                    .post, "/api/v1/sessions", json: #"{"email":"\#(world.member.email)\u0000junk","password":"\#(RoleWorld.password)"}"#)
                #expect(cut.status == .unprocessableContent, "\(cut.text)")
                #expect(try cut.errorFields() == ["email"])
                let long = String(repeating: "a", count: 3000) + "@agency.test"
                let response = try await client.send(.post, "/api/v1/sessions", json: loginBody(long, "whatever it is"))
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(try response.errorFields() == ["email"])
            }
            let failures: Int = try await pool.queryOne("SELECT count(*) AS n FROM login_failures").decode("n")
            #expect(failures == 0)
        }
    }
}
