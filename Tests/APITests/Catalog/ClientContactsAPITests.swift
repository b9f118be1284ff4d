import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import Storage
import TestSupport
import Testing

@Suite struct ClientContactsAPITests {
    @Test func anAdminAddsAContactAndStaffAndTheClientReadIt() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/clients/\(world.clientID)/contacts"
            let created = try await client.call(
                .post, uri, token: world.adminToken, body: #"{"name":" Paula Buyer ","email":"paula@client.test","job_title":"CFO"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let contact = try created.object()
            #expect(contact["name"] as? String == "Paula Buyer")
            #expect(contact["user_id"] is NSNull)
            #expect(contact["phone"] as? String == "")
            let location = try #require(created.headers[.location])
            #expect(location == "\(uri)/\(try #require(contact["id"] as? String))")
            for token in [world.adminToken, world.managerToken, world.memberToken, world.clientToken] {
                #expect(try await client.call(.get, location, token: token).status == .ok)
                #expect(try await client.call(.get, uri, token: token).items().count == 1)
            }
            #expect(try await world.count("audit_events", where: "action = 'client_contact.created'") == 1)
            #expect(try await world.count("users") == 4)
        }
    }

    @Test func aContactGivenAnAccountCanSignInAsThatClient() async throws {
        try await withCatalogApp { (world, client) async throws in
            let created = try await client.call(
                .post, "/api/v1/clients/\(world.clientID)/contacts", token: world.adminToken,
                body: #"{"name":"Paula","email":"Paula@Client.test","create_account":true,"password":"a long enough passphrase"}"#)
            #expect(created.status == .created)
            let userID = try #require(try created.object()["user_id"] as? String)
            let id = try #require(UserID(uuidString: userID))
            let user = try #require(try await UserStore().find(id, on: world.pool))
            #expect(user.role == .client)
            #expect(user.clientID == world.clientID)
            #expect(user.email == "Paula@Client.test")
            let auth = AuthService(
                pool: world.pool, clock: SystemClock(), hasher: TestApp.hasher,
                lifetime: SessionLifetime(idleTimeout: .seconds(600), absoluteLifetime: .seconds(3600)))
            let session = try await auth.login(
                email: "paula@client.test", password: "a long enough passphrase",
                origin: RequestOrigin(requestID: nil, clientAddress: "192.0.2.7"), userAgent: "tests")
            #expect(try await client.call(.get, "/api/v1/clients/\(world.clientID)", token: session.token).status == .ok)
            #expect(try await client.call(.get, "/api/v1/clients/\(world.otherClientID)", token: session.token).status == .notFound)
            #expect(try await world.count("audit_events", where: "action IN ('user.created', 'client_contact.created') AND request_id IS NOT NULL") == 2)
        }
    }

    @Test func aRefusedAccountWritesNeitherTheUserNorTheContact() async throws {
        try await withCatalogApp { (world, client) async throws in
            let uri = "/api/v1/clients/\(world.clientID)/contacts"
            let cases: [(String, HTTPResponse.Status, [String]?)] = [
                (#"{"name":"P","email":"p@client.test","create_account":true,"password":"short"}"#, .unprocessableContent, ["password"]),
                (#"{"name":"P","email":"p@client.test","create_account":true}"#, .unprocessableContent, ["password"]),
                (#"{"name":"P","email":"p@client.test","password":"a long enough passphrase"}"#, .unprocessableContent, ["password"]),
                (#"{"name":"","email":"nope","create_account":true,"password":"a long enough passphrase","time_zone":"Mars/Base"}"#,
                 .unprocessableContent, ["email", "name", "time_zone"]),
                // The email of an existing account.
                (#"{"name":"P","email":"member@agency.test","create_account":true,"password":"a long enough passphrase"}"#, .conflict, nil),
            ]
            for (body, status, fields) in cases {
                let response = try await client.call(.post, uri, token: world.adminToken, body: body)
                #expect(response.status == status, "\(body)")
                if let fields { #expect(try response.errorFields() == fields, "\(body)") }
            }
            #expect(try await world.count("client_contacts") == 0)
            #expect(try await world.count("users") == 4)
            #expect(try await world.count("audit_events", where: "action = 'user.created' AND request_id IS NOT NULL") == 0)
        }
    }

    @Test func onlyTheAdminGivesAContactAnAccount() async throws {
        try await withCatalogApp { (world, client) async throws in
            _ = try await world.insertProject()
            let uri = "/api/v1/clients/\(world.clientID)/contacts"
            let withAccount = #"{"name":"P","email":"p@client.test","create_account":true,"password":"a long enough passphrase"}"#
            #expect(try await client.call(.post, uri, token: world.managerToken, body: withAccount).status == .forbidden)
            #expect(try await world.count("client_contacts") == 0)
            // The manager leads a team working for the client, so may add a plain contact.
            let plain = try await client.call(.post, uri, token: world.managerToken, body: #"{"name":"P","email":"p@client.test"}"#)
            #expect(plain.status == .created)
        }
    }

    @Test func contactsAreRefusedToThoseWhoDoNotManageTheClient() async throws {
        try await withCatalogApp { (world, client) async throws in
            let body = #"{"name":"P","email":"p@client.test"}"#
            let own = "/api/v1/clients/\(world.clientID)/contacts"
            let other = "/api/v1/clients/\(world.otherClientID)/contacts"
            #expect(try await client.call(.post, own, token: world.managerToken, body: body).status == .forbidden)
            #expect(try await client.call(.post, own, token: world.memberToken, body: body).status == .forbidden)
            #expect(try await client.call(.post, own, token: world.clientToken, body: body).status == .forbidden)
            #expect(try await client.call(.post, other, token: world.clientToken, body: body).status == .notFound)
            #expect(try await client.call(.get, other, token: world.clientToken).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/clients/\(UUID())/contacts", token: world.adminToken, body: body).status == .notFound)
            #expect(try await client.call(.get, "\(own)/\(UUID())", token: world.adminToken).status == .notFound)
            #expect(try await world.count("client_contacts") == 0)
        }
    }

    @Test func aClientHasOneContactPerEmail() async throws {
        try await withCatalogApp { (world, client) async throws in
            let body = #"{"name":"P","email":"p@client.test"}"#
            #expect(
                try await client.call(.post, "/api/v1/clients/\(world.clientID)/contacts", token: world.adminToken, body: body).status
                    == .created)
            let again = try await client.call(
                .post, "/api/v1/clients/\(world.clientID)/contacts", token: world.adminToken, body: #"{"name":"Q","email":"P@client.test"}"#)
            expectProblem(again, .conflict)
            // Another client may know the same person.
            #expect(
                try await client.call(.post, "/api/v1/clients/\(world.otherClientID)/contacts", token: world.adminToken, body: body).status
                    == .created)
            #expect(try await world.count("client_contacts") == 2)
        }
    }
}
