import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct SettingsAPITests {
    @Test func staffReadTheSettingsAndClientsCannot() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(.get, "/api/v1/settings", token: world.memberToken)
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] == "\"1\"")
            let settings = try response.object()
            #expect(settings["default_currency"] as? String == "EUR")
            #expect(settings["payment_terms_days"] as? Int == 30)
            #expect(settings["reminder_offsets_days"] as? [Int] == [-3, 0, 7, 30])
            #expect(settings["default_vat_rate_bp"] as? Int == 2000)
            #expect(try await client.call(.get, "/api/v1/settings", token: world.clientToken).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/settings", token: nil).status == .unauthorized)
        }
    }

    @Test func anAdminChangesTheSettingsWithIfMatchAndItIsAudited() async throws {
        try await withPeopleApp { (world, client) async throws in
            let body = #"""
                {"legal_name":" Sheaf Studio SARL ","address":"1 rue de la Paix\n75002 Paris","vat_id":"FR12345678901",
                 "default_currency":"CHF","payment_terms_days":45,"invoice_number_format":"INV-{YYYY}-{NNNNN}",
                 "default_vat_rate_bp":810,"vat_rates_bp":[810,260,0],"reminder_offsets_days":[30,-3,7,7]}
                """#
            let response = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body, ifMatch: "\"1\"")
            #expect(response.status == .ok)
            #expect(response.headers[.eTag] == "\"2\"")
            let settings = try response.object()
            #expect(settings["legal_name"] as? String == "Sheaf Studio SARL")
            #expect(settings["address"] as? String == "1 rue de la Paix\n75002 Paris")
            #expect(settings["default_currency"] as? String == "CHF")
            #expect(settings["reminder_offsets_days"] as? [Int] == [-3, 7, 30])
            #expect(settings["default_vat_rate_bp"] as? Int == 810)

            let partial = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"payment_terms_days":0}"#, ifMatch: "\"2\"")
            #expect(try partial.object()["payment_terms_days"] as? Int == 0)
            #expect(try partial.object()["default_currency"] as? String == "CHF")

            let events = try await client.call(.get, "/api/v1/audit-events?subject_type=agency_settings", token: world.adminToken).items()
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0["actor_id"] as? String == world.admin.id.description })
            let newest = try #require(events.first)
            #expect((newest["before"] as? [String: Any])?["payment_terms_days"] as? Int == 45)
            #expect((newest["after"] as? [String: Any])?["payment_terms_days"] as? Int == 0)
        }
    }

    @Test func settingsUpdatesNeedAFreshIfMatch() async throws {
        try await withPeopleApp { (world, client) async throws in
            let body = #"{"payment_terms_days":10}"#
            let missing = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body)
            #expect(missing.status == .preconditionRequired)
            let stale = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body, ifMatch: "\"9\"")
            expectProblem(stale, .versionMismatch)
            let settings = try await client.call(.get, "/api/v1/settings", token: world.adminToken).object()
            #expect(settings["payment_terms_days"] as? Int == 30)
        }
    }

    @Test func invalidSettingsAre422NamingEveryField() async throws {
        try await withPeopleApp { (world, client) async throws in
            let body = #"""
                {"default_currency":"euro","payment_terms_days":400,"invoice_number_format":"INV-{YYYY}",
                 "default_vat_rate_bp":-1,"reminder_offsets_days":[1000]}
                """#
            let response = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body, ifMatch: "\"1\"")
            expectProblem(response, .invalidInput)
            #expect(
                try response.errorFields() == [
                    "default_currency", "default_vat_rate_bp", "invoice_number_format", "payment_terms_days", "reminder_offsets_days",
                ])
            for (body, field) in [
                (#"{"payment_terms_days":"30"}"#, "payment_terms_days"), (#"{"payment_terms_days":30.5}"#, "payment_terms_days"),
                (#"{"legal_name":null}"#, "legal_name"),
                (#"{"reminder_offsets_days":[1.5]}"#, "reminder_offsets_days[0]"), (#"{"currency":"EUR"}"#, "currency"),
            ] {
                let typed = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body, ifMatch: "\"1\"")
                expectProblem(typed, .invalidInput, "\(body)")
                #expect(try typed.errorFields() == [field], "\(body)")
            }
            #expect(try await client.call(.get, "/api/v1/settings", token: world.adminToken).headers[.eTag] == "\"1\"")
        }
    }

    @Test func onlyTheAdminChangesSettings() async throws {
        try await withPeopleApp { (world, client) async throws in
            for token in [world.managerToken, world.memberToken, world.clientToken] {
                let response = try await client.call(
                    .patch, "/api/v1/settings", token: token, body: #"{"legal_name":"Hijacked"}"#, ifMatch: "\"1\"")
                #expect(response.status == .forbidden)
            }
            #expect(
                try await client.call(.patch, "/api/v1/settings", token: nil, body: #"{"legal_name":"X"}"#, ifMatch: "\"1\"").status
                    == .unauthorized)
            let settings = try await client.call(.get, "/api/v1/settings", token: world.adminToken).object()
            #expect(settings["legal_name"] as? String == "")
            #expect(settings["version"] as? Int == 1)
        }
    }
}

@Suite struct AuditEventsAPITests {
    @Test func theTrailListsUserCreationWithTheAdminAsActorAndSnapshotsAsJSON() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(
                .get, "/api/v1/audit-events?action=user.created&subject_id=\(world.member.id)", token: world.adminToken)
            #expect(response.status == .ok)
            let events = try response.items()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event["actor_id"] as? String == world.admin.id.description)
            #expect(event["subject_type"] as? String == "user")
            #expect(event["before"] is NSNull)
            let after = try #require(event["after"] as? [String: Any], "after must be a JSON object, not a string")
            #expect(after["email"] as? String == "member@people.test")
            #expect(after["password"] == nil)
            #expect(event["request_id"] as? String == "setup")
            #expect(event["client_address"] as? String == "192.0.2.1")
            #expect((event["occurred_at"] as? String).flatMap(Timestamp.parse) != nil)
        }
    }

    @Test func eventsAreNewestFirstFilteredAndPaged() async throws {
        try await withPeopleApp { (world, client) async throws in
            let all = try await client.call(.get, "/api/v1/audit-events?limit=200", token: world.adminToken).items()
            let ids = all.compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted(by: >))
            #expect(ids.count > 4)

            var seen: [Int] = []
            var uri = "/api/v1/audit-events?limit=2"
            while true {
                let page = try await client.call(.get, uri, token: world.adminToken).object()
                seen += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                guard let cursor = page["next_cursor"] as? String else { break }
                uri = "/api/v1/audit-events?limit=2&cursor=\(cursor)"
            }
            #expect(seen == ids)

            let byActor = try await client.call(.get, "/api/v1/audit-events?actor_id=\(world.member.id)", token: world.adminToken).items()
            #expect(byActor.allSatisfy { $0["actor_id"] as? String == world.member.id.description })
            #expect(byActor.map { $0["action"] as? String } == ["session.created"])

            let future = try await client.call(.get, "/api/v1/audit-events?from=2999-01-01T00:00:00Z", token: world.adminToken).items()
            #expect(future.isEmpty)
            let past = try await client.call(
                .get, "/api/v1/audit-events?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B01:00", token: world.adminToken
            ).items()
            #expect(past.count == ids.count)
        }
    }

    @Test func badAuditFiltersAre422() async throws {
        try await withPeopleApp { (world, client) async throws in
            let response = try await client.call(
                .get, "/api/v1/audit-events?actor_id=x&from=yesterday&to=2026-13-01T00:00:00Z&limit=201", token: world.adminToken)
            expectProblem(response, .invalidInput)
            #expect(try response.errorFields() == ["actor_id", "from", "limit", "to"])
            let reversed = try await client.call(
                .get, "/api/v1/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", token: world.adminToken)
            #expect(try reversed.errorFields() == ["to"])
            let cursor = try await client.call(.get, "/api/v1/audit-events?cursor=WyJhYmMiXQ", token: world.adminToken)
            #expect(try cursor.errorFields() == ["cursor"])
        }
    }

    @Test func onlyTheAdminReadsTheTrail() async throws {
        try await withPeopleApp { (world, client) async throws in
            for token in [world.managerToken, world.memberToken, world.clientToken] {
                let refused = try await client.call(.get, "/api/v1/audit-events", token: token)
                #expect(refused.status == .forbidden)
            }
            let anonymous = try await client.call(.get, "/api/v1/audit-events", token: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func theApplicationRoleCannotChangeOrDeleteAuditEvents() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            _ = try await PeopleWorld.make(pool: pool)
            for statement: SQL in ["UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events", "TRUNCATE audit_events"] {
                do {
                    try await pool.execute(statement)
                    Issue.record("\(statement) succeeded as the application role")
                } catch let error as PostgresError {
                    #expect(error.sqlState == SQLState.insufficientPrivilege, "\(statement)")
                }
            }
            let forged: Int = try await pool.queryOne("SELECT count(*) AS n FROM audit_events WHERE action = 'forged'").decode("n")
            #expect(forged == 0)
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM audit_events").decode("n", as: Int.self) > 0)
        }
    }
}
