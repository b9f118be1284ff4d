import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

@Suite struct ClientsAPITests {
    @Test func anAdminCreatesAClientWithTheAgencyDefaultsLocationAndETag() async throws {
        try await withCatalogApp { (world, client) async throws in
            let response = try await client.call(
                .post, "/api/v1/clients", token: world.adminToken, body: #"{"name":"  Acme Corp  ","vat_id":"FR123","billing_address":"1 rue X"}"#)
            #expect(response.status == .created)
            #expect(response.headers[.eTag] == "\"1\"")
            let created = try response.object()
            #expect(created["name"] as? String == "Acme Corp")
            #expect(created["currency"] as? String == "EUR")
            #expect(created["payment_terms_days"] as? Int == 30)
            #expect(created["archived"] as? Bool == false)
            let location = try #require(response.headers[.location])
            #expect(location == "/api/v1/clients/\(try #require(created["id"] as? String))")
            #expect(try await client.call(.get, location, token: world.memberToken).status == .ok)
            #expect(try await world.count("audit_events", where: "action = 'client.created'") == 1)
        }
    }

    @Test func managersCreateClientsButMembersAndClientContactsCannot() async throws {
        try await withCatalogApp { (world, client) async throws in
            let byManager = try await client.call(
                .post, "/api/v1/clients", token: world.managerToken, body: #"{"name":"Globex","currency":"USD","payment_terms_days":45}"#)
            #expect(byManager.status == .created)
            #expect(try byManager.object()["currency"] as? String == "USD")
            for token in [world.memberToken, world.clientToken] {
                #expect(try await client.call(.post, "/api/v1/clients", token: token, body: #"{"name":"Rogue"}"#).status == .forbidden)
            }
            #expect(try await client.call(.post, "/api/v1/clients", token: nil, body: #"{"name":"Rogue"}"#).status == .unauthorized)
            #expect(try await world.count("clients") == 3)
        }
    }

    @Test func clientNamesAreUniqueIgnoringCase() async throws {
        try await withCatalogApp { (world, client) async throws in
            let response = try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: #"{"name":"CLIENT a"}"#)
            expectProblem(response, .conflict)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try await world.count("clients") == 2)
        }
    }

    @Test func badClientBodiesAre422NamingEveryFieldAndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let cases: [(String, [String])] = [
                (#"{"name":"   "}"#, ["name"]),
                (#"{}"#, ["name"]),
                (#"{"name":"X","currency":"eur","payment_terms_days":400}"#, ["currency", "payment_terms_days"]),
                (#"{"name":"X","payment_terms_days":1.5}"#, ["payment_terms_days"]),
                (#"{"name":"X","vat_id":"\#(String(repeating: "9", count: 51))"}"#, ["vat_id"]),
                (#"{"name":"X","colour":"red"}"#, ["colour"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: "nope").status == .badRequest)
            #expect(try await world.count("clients") == 2)
        }
    }

    @Test func staffListEveryClientByNameAndAClientContactOnlyTheirOwn() async throws {
        try await withCatalogApp { (world, client) async throws in
            for name in ["alpha", "Beta"] {
                _ = try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: #"{"name":"\#(name)"}"#)
            }
            let first = try await client.call(.get, "/api/v1/clients?limit=3", token: world.memberToken).object()
            #expect((first["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["alpha", "Beta", "Client A"])
            let cursor = try #require(first["next_cursor"] as? String)
            let rest = try await client.call(.get, "/api/v1/clients?limit=3&cursor=\(cursor)", token: world.memberToken).items()
            #expect(rest.compactMap { $0["name"] as? String } == ["Client B"])

            let own = try await client.call(.get, "/api/v1/clients", token: world.clientToken).items()
            #expect(own.compactMap { $0["id"] as? String } == [world.clientID.description])
            #expect(try await client.call(.get, "/api/v1/clients?archived=maybe", token: world.adminToken).status == .unprocessableContent)
            #expect(try await client.call(.get, "/api/v1/clients", token: nil).status == .unauthorized)
        }
    }

    @Test func aClientContactReadsTheirClientAndAnotherClientIsNotFound() async throws {
        try await withCatalogApp { (world, client) async throws in
            let own = try await client.call(.get, "/api/v1/clients/\(world.clientID)", token: world.clientToken)
            #expect(own.status == .ok)
            #expect(own.headers[.eTag] == "\"1\"")
            let other = try await client.call(.get, "/api/v1/clients/\(world.otherClientID)", token: world.clientToken)
            #expect(other.status == .notFound)
            #expect(other.headers[.contentType] == "application/problem+json")
            #expect(try await client.call(.get, "/api/v1/clients/\(world.otherClientID)", token: world.memberToken).status == .ok)
            #expect(try await client.call(.get, "/api/v1/clients/\(UUID())", token: world.adminToken).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/clients/nope", token: world.adminToken).status == .notFound)
        }
    }

    @Test func changingAClientNeedsAFreshIfMatchAndIsAudited() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/clients/\(world.otherClientID)"
            let body = #"{"name":"Client B Ltd","payment_terms_days":14,"archived":true}"#
            #expect(try await client.call(.patch, uri, token: world.adminToken, body: body).status == .preconditionRequired)
            #expect(try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"7\"").status == .preconditionFailed)
            let changed = try await client.call(.patch, uri, token: world.adminToken, body: body, ifMatch: "\"1\"")
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] == "\"2\"")
            #expect(try changed.object()["payment_terms_days"] as? Int == 14)
            #expect(try changed.object()["archived"] as? Bool == true)
            let events = try await client.call(.get, "/api/v1/audit-events?action=client.updated", token: world.adminToken).items()
            #expect((events.first?["before"] as? [String: Any])?["name"] as? String == "Client B")
            #expect((events.first?["after"] as? [String: Any])?["name"] as? String == "Client B Ltd")

            let clash = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":"client a"}"#, ifMatch: "\"2\"")
            expectProblem(clash, .conflict)
            let bad = try await client.call(.patch, uri, token: world.adminToken, body: #"{"name":null,"currency":"x"}"#, ifMatch: "\"2\"")
            expectProblem(bad, .invalidInput)
            #expect(try await world.count("clients", where: "version = 2") == 1)
        }
    }

    @Test func aManagerChangesOnlyClientsTheirTeamsWorkFor() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/clients/\(world.otherClientID)"
            let body = #"{"vat_id":"DE42"}"#
            #expect(try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await client.call(.patch, uri, token: world.memberToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await client.call(.patch, uri, token: world.clientToken, body: body, ifMatch: "\"1\"").status == .notFound)
            let ownClient = "/api/v1/clients/\(world.clientID)"
            #expect(try await client.call(.patch, ownClient, token: world.clientToken, body: body, ifMatch: "\"1\"").status == .forbidden)
            #expect(try await world.count("clients", where: "vat_id = 'DE42'") == 0)

            _ = try await world.insertProject(client: world.otherClientID)
            let allowed = try await client.call(.patch, uri, token: world.managerToken, body: body, ifMatch: "\"1\"")
            #expect(allowed.status == .ok)
            #expect(try allowed.object()["vat_id"] as? String == "DE42")
        }
    }

    @Test func aClientsCurrencyIsFixedOnceItHasProjects() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/clients/\(world.otherClientID)"
            _ = try await world.insertProject(client: world.otherClientID)
            let response = try await client.call(.patch, uri, token: world.adminToken, body: #"{"currency":"USD"}"#, ifMatch: "\"1\"")
            expectProblem(response, .conflict)
            #expect(try await world.count("clients", where: "currency = 'EUR'") == 2)
            let unchanged = try await client.call(.patch, uri, token: world.adminToken, body: #"{"currency":"EUR"}"#, ifMatch: "\"1\"")
            #expect(unchanged.status == .ok)
            #expect(unchanged.headers[.eTag] == "\"1\"")
        }
    }
}
