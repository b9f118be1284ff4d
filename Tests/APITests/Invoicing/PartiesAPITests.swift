import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Storage
import TestSupport
import Testing

/// Issue 12 items 1 and 2: the seller's and the buyers' structured identity, the VAT
/// rates of the settings and of tasks, each validated with one 422 naming every bad
/// field, and the free-text addresses of before readable until replaced.
@Suite struct PartiesAPITests {
    static let seller = #"""
        {"seller":{"legal_name":"Studio Sheaf","legal_form":"SRL","register_mention":"RPM Bruxelles",
          "address":{"street":"Rue de la Loi 16","city":"Bruxelles","postal_code":"1000","country":"be"},
          "vat_number":"BE 0123.456.749","company_number":"0123.456.749","email":"billing@studio.be",
          "iban":"be68 5390 0754 7034","bic":"gebabebb","electronic_address":{"scheme":"0208","identifier":"0123.456.749"}}}
        """#

    @Test func theSettingsCarryAnEmptySellerAndTheBelgianRatesBesideTheOldStandardRate() async throws {
        try await withCatalogApp { (world, client) async throws in
            let settings = try await client.call(.get, "/api/v1/settings", token: world.memberToken).object()
            #expect(settings["seller"] as? [String: String] == ["legal_name": ""])
            #expect(settings["vat_rates_bp"] as? [Int] == [2100, 1200, 600, 0, 2000], "the agency's existing 2000 stays allowed")
            #expect(settings["expense_vat_rates_bp"] as? [String: Int] == [:])
            let seller = try await SellerPartyStore().load(on: world.pool)
            #expect(seller.missingForInvoicing().contains("seller.iban"))
        }
    }

    @Test func anAdminSetsTheSellerNormalisedAndTheFreeTextAddressIsReadableUntilReplaced() async throws {
        try await withCatalogApp { (world, client) async throws in
            let old = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"address":"1 rue X\n1000 Bruxelles","vat_id":"BE123"}"#,
                ifMatch: "\"1\"")
            #expect(try old.object()["address"] as? String == "1 rue X\n1000 Bruxelles")

            let response = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: Self.seller, ifMatch: "\"2\"")
            #expect(response.status == .ok)
            let settings = try response.object()
            #expect(settings["address"] as? String == "", "replaced by the structured address")
            #expect(settings["vat_id"] as? String == "", "replaced by the VAT number")
            #expect(settings["legal_name"] as? String == "Studio Sheaf")
            let seller = try #require(settings["seller"] as? [String: Any])
            #expect(seller["vat_number"] as? String == "BE0123456749")
            #expect(seller["company_number"] as? String == "0123456749")
            #expect(seller["iban"] as? String == "BE68539007547034")
            #expect(seller["bic"] as? String == "GEBABEBB")
            #expect((seller["address"] as? [String: String])?["country"] == "BE")
            #expect(seller["electronic_address"] as? [String: String] == ["scheme": "0208", "identifier": "0123456749"])

            let loaded = try await SellerPartyStore().load(on: world.pool)
            #expect(loaded.missingForInvoicing() == [])
            #expect(loaded.legalForm == "SRL")

            let again = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"address":"2 rue Y"}"#, ifMatch: "\"3\"")
            expectProblem(again, .invalidInput)
            #expect(try again.errorFields() == ["address"])

            let cleared = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"seller":{"bic":null,"legal_form":null}}"#, ifMatch: "\"3\"")
            let clearedSeller = try #require(try cleared.object()["seller"] as? [String: Any])
            #expect(clearedSeller["bic"] == nil && clearedSeller["legal_form"] == nil && clearedSeller["iban"] != nil)
            #expect(try await world.count("audit_events", where: "action = 'settings.updated'") == 3)
        }
    }

    @Test func badSellerFieldsAreOne422NamingEachAndChangeNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let body = #"""
                {"seller":{"address":{"street":"","city":"Gent","postal_code":"9000","country":"UK"},
                  "vat_number":"BE0123456748","email":"billing","iban":"BE68539007547035",
                  "bic":"GEBA","electronic_address":{"scheme":"1234","identifier":"x"}},
                 "vat_rates_bp":[2100,600,0],"expense_vat_rates_bp":{"travel":550,"books":600}}
                """#
            let response = try await client.call(.patch, "/api/v1/settings", token: world.adminToken, body: body, ifMatch: "\"1\"")
            expectProblem(response, .invalidInput)
            #expect(
                try response.errorFields() == [
                    "default_vat_rate_bp", "expense_vat_rates_bp.books", "expense_vat_rates_bp.travel", "seller.address.country",
                    "seller.address.street", "seller.bic", "seller.electronic_address.scheme", "seller.email",
                    "seller.iban", "seller.vat_number",
                ])
            #expect(try await client.call(.get, "/api/v1/settings", token: world.adminToken).headers[.eTag] == "\"1\"")

            let structural = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"seller":{"address":{"street":"Rue 1"}}}"#, ifMatch: "\"1\"")
            expectProblem(structural, .invalidInput)
            #expect(try structural.errorFields().first?.hasPrefix("seller.address") == true)
            let unknown = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken, body: #"{"seller":{"website":"x"}}"#, ifMatch: "\"1\"")
            #expect(try unknown.errorFields() == ["seller.website"])
        }
    }

    @Test func expenseCategoriesAndTheStandardRateTakeTheirRatesFromTheSettings() async throws {
        try await withCatalogApp { (world, client) async throws in
            let response = try await client.call(
                .patch, "/api/v1/settings", token: world.adminToken,
                body: #"{"default_vat_rate_bp":2100,"vat_rates_bp":[2100,1200,600,0],"expense_vat_rates_bp":{"travel":600,"software_licence":2100}}"#,
                ifMatch: "\"1\"")
            #expect(response.status == .ok)
            #expect(try response.object()["expense_vat_rates_bp"] as? [String: Int] == ["travel": 600, "software_licence": 2100])
            let vat = try await VATSettingsStore().load(on: world.pool)
            #expect(vat == VATSettings(standardRateBP: 2100, allowedRatesBP: [2100, 1200, 600, 0], expenseCategoryRatesBP: [.travel: 600, .softwareLicence: 2100]))
        }
    }

    @Test func aClientGetsItsBuyerIdentityNormalisedAndReadableByTheStore() async throws {
        try await withCatalogApp { (world, client) async throws in
            let body = #"""
                {"name":"Acme BV","billing_address":"Old text","address":{"street":"Keizersgracht 1","additional_line":"3e verdieping",
                 "city":"Amsterdam","postal_code":"1015 CJ","country":"NL"},"vat_number":"nl123456789b01","company_number":"12345678",
                 "electronic_address":{"scheme":"0106","identifier":"12345678"},"buyer_reference":"PO-77","language":"nl",
                 "vat_treatment":{"kind":"reverse_charge"}}
                """#
            let response = try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: body)
            #expect(response.status == .created)
            let created = try response.object()
            #expect(created["billing_address"] as? String == "", "a structured address replaces the free text")
            #expect(created["vat_number"] as? String == "NL123456789B01")
            #expect(created["language"] as? String == "nl")
            #expect(created["vat_treatment"] as? [String: String] == ["kind": "reverse_charge"])
            #expect((created["address"] as? [String: String])?["additional_line"] == "3e verdieping")
            let idText = try #require(created["id"] as? String)
            let id = try #require(ClientID(uuidString: idText))
            let buyer = try await BuyerPartyStore().load(client: id, on: world.pool)
            #expect(buyer.missingForInvoicing() == [])
            #expect(buyer.vatTreatment.lineTax(rateBP: 2100).category == .reverseCharge)
        }
    }

    @Test func anExistingClientsFreeTextAddressStaysReadableUntilAStructuredOneReplacesIt() async throws {
        try await withCatalogApp { (world, client) async throws in
            let created = try await client.call(
                .post, "/api/v1/clients", token: world.adminToken, body: #"{"name":"Legacy","billing_address":"5 Old Street\nLondon"}"#)
            let id = try #require(try created.object()["id"] as? String)
            let read = try await client.call(.get, "/api/v1/clients/\(id)", token: world.adminToken).object()
            #expect(read["billing_address"] as? String == "5 Old Street\nLondon")
            #expect(read["address"] == nil)
            #expect(read["language"] as? String == "en")
            #expect(read["vat_treatment"] as? [String: String] == ["kind": "domestic"])
            let clientID = try #require(ClientID(uuidString: id))
            let buyer = try await BuyerPartyStore().load(client: clientID, on: world.pool)
            #expect(buyer.missingForInvoicing().contains("buyer.address.street"))

            let replaced = try await client.call(
                .patch, "/api/v1/clients/\(id)", token: world.adminToken,
                body: #"{"address":{"street":"5 Old Street","city":"London","postal_code":"EC1A 1BB","country":"GB"}}"#, ifMatch: "\"1\"")
            #expect(replaced.status == .ok)
            #expect(try replaced.object()["billing_address"] as? String == "")
            let rewrite = try await client.call(
                .patch, "/api/v1/clients/\(id)", token: world.adminToken, body: #"{"billing_address":"Elsewhere"}"#, ifMatch: "\"2\"")
            expectProblem(rewrite, .invalidInput)
            #expect(try rewrite.errorFields() == ["billing_address"])
        }
    }

    @Test func badClientPartyFieldsAreOne422NamingEachAndWriteNothing() async throws {
        try await withCatalogApp { (world, client) async throws in
            let cases: [(String, [String])] = [
                (
                    #"{"name":"X","address":{"street":"R","city":"","postal_code":"1000","country":"BE"},"vat_number":"BE0123456748","#
                        + #""company_number":"0123456748","electronic_address":{"scheme":"9925","identifier":"BE0123456748"},"#
                        + #""language":"es","vat_treatment":{"kind":"exempt"}}"#,
                    [
                        "address.city", "company_number", "electronic_address.identifier", "language",
                        "vat_number", "vat_treatment.exemption_code", "vat_treatment.exemption_reason",
                    ]
                ),
                (#"{"name":"X","vat_treatment":{"kind":"zero"}}"#, ["vat_treatment.kind"]),
                (#"{"name":"X","address":{"street":"R","city":"C","postal_code":"1","country":"UK"}}"#, ["address.country"]),
                (#"{"name":"X","iban":"BE68539007547034"}"#, ["iban"]),
                (#"{"name":"X","vat_treatment":{"kind":"exempt","exemption_code":"VATEX-EU-AE","exemption_reason":"x"}}"#, ["vat_treatment.exemption_code"]),
                (#"{"name":"X","address":{"street":"R","city":"C","country":"BE"}}"#, ["address.postal_code"]),
                (#"{"name":"X","electronic_address":{"scheme":"0208","identifier":"0123456749","x":1}}"#, ["electronic_address.x"]),
            ]
            for (body, fields) in cases {
                let response = try await client.call(.post, "/api/v1/clients", token: world.adminToken, body: body)
                expectProblem(response, .invalidInput, "\(body)")
                #expect(try response.errorFields() == fields, "\(body)")
            }
            #expect(try await world.count("clients") == 2)

            let exempt = try await client.call(
                .patch, "/api/v1/clients/\(world.clientID)", token: world.adminToken,
                body: #"{"vat_treatment":{"kind":"exempt","exemption_code":"vatex-eu-132-1i","exemption_reason":"Training (art. 44)"}}"#,
                ifMatch: "\"1\"")
            #expect(exempt.status == .ok)
            #expect(
                try exempt.object()["vat_treatment"] as? [String: String] == [
                    "kind": "exempt", "exemption_code": "VATEX-EU-132-1I", "exemption_reason": "Training (art. 44)",
                ])
        }
    }

    @Test func aTaskMayCarryOneOfTheAgencysVATRates() async throws {
        try await withCatalogApp { (world, client) async throws in
            let project = try await world.insertProject()
            let books = try await client.call(
                .post, "/api/v1/projects/\(project)/tasks", token: world.adminToken, body: #"{"name":"Books","vat_rate_bp":600}"#)
            #expect(books.status == .created)
            #expect(try books.object()["vat_rate_bp"] as? Int == 600)
            let odd = try await client.call(
                .post, "/api/v1/projects/\(project)/tasks", token: world.adminToken, body: #"{"name":"Odd","vat_rate_bp":550}"#)
            expectProblem(odd, .invalidInput)
            #expect(try odd.errorFields() == ["vat_rate_bp"])
            #expect(try await world.count("tasks") == 1)

            let id = try #require(try books.object()["id"] as? String)
            let back = try await client.call(
                .patch, "/api/v1/projects/\(project)/tasks/\(id)", token: world.adminToken, body: #"{"vat_rate_bp":null}"#, ifMatch: "\"1\"")
            #expect(back.status == .ok)
            #expect(try back.object()["vat_rate_bp"] is NSNull)
            let wrong = try await client.call(
                .patch, "/api/v1/projects/\(project)/tasks/\(id)", token: world.adminToken, body: #"{"vat_rate_bp":1900}"#, ifMatch: "\"2\"")
            #expect(try wrong.errorFields() == ["vat_rate_bp"])
        }
    }
}
