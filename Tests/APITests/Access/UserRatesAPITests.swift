import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct UserRatesAPITests {
    @Test func anAdminAddsEffectiveDatedRatesShownAsDecimalAndScaled() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)/rates"
            let created = try await client.call(
                .post, uri, token: world.adminToken,
                body: #"{"kind":"cost","effective_from":"2026-01-01","rate":"87.5","currency":"EUR"}"#)
            #expect(created.status == .created)
            let rate = try created.object()
            #expect(rate["rate"] as? String == "87.50")
            #expect(rate["rate_scaled"] as? Int == 875_000)
            #expect(rate["currency"] as? String == "EUR")
            #expect(rate["kind"] as? String == "cost")
            #expect(rate["effective_from"] as? String == "2026-01-01")
            let location = try #require(created.headers[.location])
            #expect(location == "\(uri)/\(try #require(rate["id"] as? String))")
            #expect(try await client.call(.get, location, token: world.adminToken).status == .ok)

            // A day rate of 1000 / 3 keeps its four decimals; the currency defaults to the agency's.
            let billable = try await client.call(
                .post, uri, token: world.adminToken, body: #"{"kind":"billable","effective_from":"2026-01-01","rate":"333.3333"}"#)
            #expect(billable.status == .created)
            #expect(try billable.object()["rate_scaled"] as? Int == 3_333_333)
            #expect(try billable.object()["currency"] as? String == "EUR")

            let later = try await client.call(
                .post, uri, token: world.adminToken, body: #"{"kind":"cost","effective_from":"2026-07-01","rate":"92"}"#)
            #expect(later.status == .created)

            let list = try await client.call(.get, uri, token: world.adminToken).items()
            #expect(list.map { "\($0["kind"]!) \($0["effective_from"]!) \($0["rate"]!)" } == [
                "billable 2026-01-01 333.3333", "cost 2026-01-01 87.50", "cost 2026-07-01 92.00",
            ])
        }
    }

    @Test func aSecondRateOfTheSameKindOnTheSameDayIsAConflict() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)/rates"
            let body = #"{"kind":"cost","effective_from":"2026-01-01","rate":"80.00","currency":"EUR"}"#
            #expect(try await client.call(.post, uri, token: world.adminToken, body: body).status == .created)
            let again = try await client.call(.post, uri, token: world.adminToken, body: body)
            expectProblem(again, .conflict)
            #expect(try await world.count("user_rates") == 1)
            #expect(try await world.count("audit_events", where: "action = 'user_rate.created'") == 1)
        }
    }

    @Test func badRatesAre422NamingTheFieldAndWriteNothing() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)/rates"
            let cases: [(String, [String])] = [
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":"87.12345"}"#, ["rate"]),
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":"-5"}"#, ["rate"]),
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":"lots"}"#, ["rate"]),
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":87.5}"#, ["rate"]),
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":"87.5","currency":"eur"}"#, ["currency"]),
                (#"{"kind":"cost","effective_from":"2026-01-01","rate":"x","currency":"E"}"#, ["currency", "rate"]),
                (#"{"kind":"price","effective_from":"2026-01-01","rate":"87.5"}"#, ["kind"]),
                (#"{"kind":"cost","effective_from":"2026-02-30","rate":"87.5"}"#, ["effective_from"]),
                (#"{"kind":"cost","rate":"87.5"}"#, ["effective_from"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await client.call(.post, uri, token: world.adminToken, body: "{").status == .badRequest)
            #expect(try await world.count("user_rates") == 0)
        }
    }

    @Test func ratesAreAdminOnly() async throws {
        try await withPeopleApp { (world, client) async throws in
            let uri = "/api/v1/users/\(world.member.id)/rates"
            let body = #"{"kind":"cost","effective_from":"2026-01-01","rate":"80.00"}"#
            for token in [world.managerToken, world.memberToken] {
                #expect(try await client.call(.get, uri, token: token).status == .forbidden)
                #expect(try await client.call(.post, uri, token: token, body: body).status == .forbidden)
            }
            // Even one's own cost rate is admin-only.
            #expect(try await client.call(.get, "/api/v1/users/\(world.member.id)/rates", token: world.memberToken).status == .forbidden)
            // A client contact may not learn that another user exists.
            #expect(try await client.call(.get, uri, token: world.clientToken).status == .notFound)
            #expect(try await client.call(.post, uri, token: world.clientToken, body: body).status == .notFound)
            #expect(try await client.call(.get, uri, token: nil).status == .unauthorized)
            #expect(try await client.call(.post, uri, token: nil, body: body).status == .unauthorized)
            #expect(try await world.count("user_rates") == 0)
        }
    }

    @Test func ratesOfUnknownUsersAreNotFoundAndClientContactsHaveNone() async throws {
        try await withPeopleApp { (world, client) async throws in
            let body = #"{"kind":"billable","effective_from":"2026-01-01","rate":"80.00"}"#
            #expect(try await client.call(.get, "/api/v1/users/\(UUID())/rates", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/users/\(UUID())/rates", token: world.adminToken, body: body).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/users/nope/rates", token: world.adminToken, body: body).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/users/\(world.member.id)/rates/\(UUID())", token: world.adminToken).status == .notFound)
            let contact = try await client.call(.post, "/api/v1/users/\(world.client.id)/rates", token: world.adminToken, body: body)
            expectProblem(contact, .conflict)
            #expect(try await world.count("user_rates") == 0)
        }
    }

    @Test func aRateOfAnotherUserIsNotFoundUnderThisUser() async throws {
        try await withPeopleApp { (world, client) async throws in
            let created = try await client.call(
                .post, "/api/v1/users/\(world.member.id)/rates", token: world.adminToken,
                body: #"{"kind":"cost","effective_from":"2026-01-01","rate":"80.00"}"#)
            let id = try #require(try created.object()["id"] as? String)
            let wrongOwner = try await client.call(.get, "/api/v1/users/\(world.manager.id)/rates/\(id)", token: world.adminToken)
            #expect(wrongOwner.status == .notFound)
        }
    }
}
