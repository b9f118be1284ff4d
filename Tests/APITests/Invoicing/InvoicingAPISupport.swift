import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// HTTP calls of the invoicing tests, each checked for its status.
struct InvoicingCalls {
    let client: any TestClientProtocol

    func login(_ email: String) async throws -> String {
        let response = try await client.send(
            .post, "/api/v1/sessions", json: #"{"email":\#(jsonString(email)),"password":\#(jsonString(RoleWorld.password))}"#)
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["token"] as? String)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, as token: String, _ json: String?, ifMatch: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends and expects `status`; returns the JSON object answered (empty for none).
    @discardableResult
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ uri: String, as token: String, _ json: String? = nil,
        ifMatch: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await send(method, uri, as: token, json, ifMatch: ifMatch)
        #expect(response.status == status, "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
        return response.text.isEmpty ? [:] : (try response.json())
    }

    /// Issues a draft at its current version.
    @discardableResult
    func issue(_ invoice: [String: Any], as token: String, date: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> [String: Any]
    {
        let id = try #require(invoice["id"] as? String)
        let version = try #require(invoice["version"] as? Int)
        return try await expect(
            .ok, .post, "/api/v1/invoices/\(id)/issue", as: token, date.map { #"{"issue_date":"\#($0)"}"# }, ifMatch: "\"\(version)\"",
            sourceLocation: sourceLocation)
    }
}

/// Complete Belgian seller and buyer data (check-valid enterprise numbers 0403170701 and
/// 0879454161), so that issuing is allowed.
enum InvoicingParties {
    static let seller = #"""
        {"default_vat_rate_bp":2100,"seller":{"legal_name":"Sheaf Studio","trading_name":"Sheaf","legal_form":"SRL","register_mention":"RPM Bruxelles",
        "address":{"street":"Rue de la Loi 16","city":"Bruxelles","postal_code":"1000","country":"BE"},
        "vat_number":"BE0403170701","company_number":"0403170701","email":"billing@sheaf.example",
        "iban":"BE68539007547034","bic":"GKCCBEBB","electronic_address":{"scheme":"0208","identifier":"0403170701"}}}
        """#

    static let buyer = #"""
        {"address":{"street":"Avenue Louise 54","city":"Bruxelles","postal_code":"1050","country":"BE"},
        "vat_number":"BE0879454161","company_number":"0879454161","electronic_address":{"scheme":"0208","identifier":"0879454161"},
        "language":"fr","vat_treatment":{"kind":"domestic"}}
        """#

    /// Sets both through the API as the admin.
    static func complete(_ run: InvoicingCalls, admin: String, client: ClientID) async throws {
        let settings = try await run.expect(.ok, .get, "/api/v1/settings", as: admin)
        try await run.expect(.ok, .patch, "/api/v1/settings", as: admin, seller, ifMatch: "\"\(settings["version"] as? Int ?? 0)\"")
        let current = try await run.expect(.ok, .get, "/api/v1/clients/\(client)", as: admin)
        try await run.expect(.ok, .patch, "/api/v1/clients/\(client)", as: admin, buyer, ifMatch: "\"\(current["version"] as? Int ?? 0)\"")
    }

    /// The same, straight into the database (for tests about something else).
    static func completeInDatabase(pool: PostgresPool, client: ClientID) async throws {
        try await pool.execute(
            """
            UPDATE agency_settings SET default_vat_rate_bp = 2100, legal_name = 'Sheaf Studio', legal_form = 'SRL', register_mention = 'RPM Bruxelles',
                   street = 'Rue de la Loi 16', city = 'Bruxelles', postal_code = '1000', country = 'BE',
                   vat_number = 'BE0403170701', company_number = '0403170701', email = 'billing@sheaf.example',
                   iban = 'BE68539007547034', bic = 'GKCCBEBB', endpoint_scheme = '0208', endpoint_id = '0403170701'
            """)
        try await pool.execute(
            """
            UPDATE clients SET street = 'Avenue Louise 54', city = 'Bruxelles', postal_code = '1050', country = 'BE',
                   vat_number = 'BE0879454161', company_number = '0879454161', endpoint_scheme = '0208', endpoint_id = '0879454161'
            WHERE id = \(client)
            """)
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `self[key].amount_minor` of a money object.
    func minor(_ key: String) -> Int? { (self[key] as? [String: Any])?["amount_minor"] as? Int }
    /// The objects of an array field.
    func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

/// A small invoicing world for API tests: complete parties, a 21 % agency, one
/// time-and-materials project "Site" (contract 5 000.00) of the world's client with a
/// task "Build", and the admin's token, served through the router.
struct InvoicingWorld {
    let pool: PostgresPool
    let people: RoleWorld
    let project: ProjectID
    let task: TaskID
    let admin: String

    /// `count` approved entries of the member, 2026-11-02 onwards (wrapping within
    /// November), `minutes` each, on `project` at 95.00 in `currency`.
    @discardableResult
    func entries(_ count: Int, minutes: Int = 60, project: ProjectID? = nil, task: TaskID? = nil, currency: String = "EUR") async throws
        -> [TimeEntryID]
    {
        var ids: [TimeEntryID] = []
        for day in 0..<count {
            let id = TimeEntryID.random()
            try await pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(id), \(people.member.id), \(project ?? self.project), \(task ?? self.task),
                        \(try LocalDate(year: 2026, month: 11, day: 1)!.adding(days: day % 28 + 1)), \(minutes), true, 'approved', 950000,
                        500000, \(currency), \(people.manager.id), now())
                """)
            ids.append(id)
        }
        return ids
    }

    /// `pdfRenderer`: none by default (issuing renders no PDF).
    static func with(
        pdfRenderer: WeasyPrintRenderer? = nil, _ body: @Sendable (InvoicingWorld, InvoicingCalls) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            try await InvoicingParties.completeInDatabase(pool: pool, client: people.clientID)
            let project = ProjectID.random()
            let task = TaskID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor)
                VALUES (\(project), \(people.clientID), \(people.teamID), 'Site', 'SITE', 'time_and_materials', 'EUR', 500000)
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            let app = try TestApp.application(configuration: SheafConfiguration(databaseURL: ""), pool: pool, pdfRenderer: pdfRenderer)
            let admin = try #require(try await people.token(.admin))
            try await app.test(.router) { client in
                try await body(
                    InvoicingWorld(pool: pool, people: people, project: project, task: task, admin: admin), InvoicingCalls(client: client))
            }
        }
    }
}
