import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// One document of each kind the ledger issues (issue 13, "Tests"), made over HTTP in
/// an ``InvoicingWorld`` with fixed issue dates, so that their UBL and HTML are the same
/// on every run and can be compared with golden files: a deposit, the final invoice that
/// deducts it, the credit note of that invoice, one rate, several rates, exempt, another
/// currency and reverse charge, then a draft's preview and an invoice (in French, for
/// the other client) that carries the time annex.
struct DocumentKinds {
    /// The issued documents, as `POST /invoices/{id}/issue` (or the credit-note route)
    /// answered them, by golden-file name.
    let issued: [(name: String, document: [String: Any])]
    let draft: [String: Any]
    let annexed: [String: Any]
    /// The time entries the annexed invoice bills.
    let annexEntries: [TimeEntryID]

    func named(_ name: String) -> [String: Any] {
        issued.first { $0.name == name }?.document ?? [:]
    }

    static func patch(_ draft: [String: Any], _ json: String, _ run: InvoicingCalls, as token: String) async throws -> [String: Any] {
        try await run.expect(
            .ok, .patch, "/api/v1/invoices/\(draft["id"] as? String ?? "")", as: token, json, ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
    }

    static func make(_ world: InvoicingWorld, _ run: InvoicingCalls) async throws -> DocumentKinds {
        let admin = world.admin
        let client = world.people.clientID
        // A 10 % deposit (500.00 + 21 %), then 10 h of work from which it is deducted.
        let deposit = try await run.issue(
            try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"kind":"deposit","project_id":"\#(world.project)","percentage":"10"}"#),
            as: admin, date: "2026-11-02")
        try await world.entries(10)
        var final = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
        final = try await patch(final, #"{"period":{"from":"2026-11-01","to":"2026-11-30"},"order_reference":"PO-2026-17"}"#, run, as: admin)
        final = try await run.issue(final, as: admin, date: "2026-11-30")
        // The whole final invoice credited.
        let credit = try await run.expect(
            .created, .post, "/api/v1/invoices/\(final["id"] as? String ?? "")/credit-notes", as: admin,
            #"{"reason":"Billed to the wrong entity","issue_date":"2026-12-01"}"#)
        // One rate: 3 h at 21 %.
        try await world.entries(3)
        let single = try await run.issue(
            try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","buyer_reference":"Dept 4"}"#),
            as: admin, date: "2026-12-01")
        // Several rates: 2 h at 21 %, books at 6 %, a print run at 12 %.
        try await world.entries(2)
        var several = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
        several = try await patch(
            several,
            #"""
            {"notes":"Thank you & see you <soon>","add_lines":[
              {"description":"Reference books","quantity":"3","unit_price":"24.95","vat":{"category":"S","rate_bp":600}},
              {"description":"Printed brochures","quantity":"250","unit_price":"0.8125","vat":{"category":"S","rate_bp":1200}}]}
            """#, run, as: admin)
        several = try await run.issue(several, as: admin, date: "2026-12-01")
        // Exempt: a training session under art. 44 § 2 4° of the Belgian VAT code (its hour goes back to billable).
        try await world.entries(1)
        var exempt = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#)
        // Only the exempt line: the hour and the deposit deduction drafted with it are removed.
        let drafted = exempt.objects("lines").compactMap { $0["id"] as? String }.map { "\"\($0)\"" }.joined(separator: ",")
        exempt = try await patch(
            exempt,
            #"""
            {"remove_line_ids":[\#(drafted)],"add_lines":[{"description":"Training session","quantity":"1","unit_price":"600",
              "vat":{"category":"E","rate_bp":0,"exemption_code":"VATEX-EU-132","exemption_reason":"Exempt: art. 44 § 2 4° Belgian VAT code"}}]}
            """#, run, as: admin)
        exempt = try await run.issue(exempt, as: admin, date: "2026-12-01")
        // Another currency: a USD project billed in USD.
        let usdProject = ProjectID.random()
        let usdTask = TaskID.random()
        try await world.pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(usdProject), \(client), \(world.people.teamID), 'US site', 'SITE-US', 'time_and_materials', 'USD')
            """)
        try await world.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(usdTask), \(usdProject), 'Build', true)")
        try await world.entries(4, project: usdProject, task: usdTask, currency: "USD")
        let dollars = try await run.issue(
            try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","currency":"USD"}"#),
            as: admin, date: "2026-12-01")
        // Reverse charge: the client is a Dutch business.
        try await world.pool.execute(
            """
            UPDATE clients SET vat_treatment = 'reverse_charge', country = 'NL', postal_code = '1017 CT', city = 'Amsterdam',
                   street = 'Keizersgracht 1', vat_number = 'NL123456789B01', company_number = NULL,
                   endpoint_scheme = '9944', endpoint_id = 'NL123456789B01'
            WHERE id = \(client)
            """)
        try await world.entries(2)
        let reverse = try await run.issue(
            try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)"}"#),
            as: admin, date: "2026-12-02")
        // A draft, previewed: 1 h not issued.
        try await world.entries(1)
        let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","due_date":"2026-12-31"}"#)
        // The time annex: the other client, in French, 2 tasks worked by two people.
        let (annexed, annexEntries) = try await annexedInvoice(world, run)
        return DocumentKinds(
            issued: [
                ("deposit", deposit), ("final-with-deduction", final), ("credit-note", credit), ("single-rate", single),
                ("several-rates", several), ("exempt", exempt), ("non-eur", dollars), ("reverse-charge", reverse),
            ], draft: draft, annexed: annexed, annexEntries: annexEntries)
    }

    /// An invoice for the world's other client (French) of two tasks worked by the member
    /// and the manager, with notes, issued with `time_annex` chosen on the draft.
    static func annexedInvoice(_ world: InvoicingWorld, _ run: InvoicingCalls) async throws -> ([String: Any], [TimeEntryID]) {
        let other = world.people.otherClientID
        try await InvoicingParties.completeInDatabase(pool: world.pool, client: other)
        try await world.pool.execute("UPDATE clients SET language = 'fr' WHERE id = \(other)")
        let project = ProjectID.random()
        let design = TaskID.random()
        let build = TaskID.random()
        try await world.pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(other), \(world.people.teamID), 'Boutique en ligne', 'SHOP', 'time_and_materials', 'EUR')
            """)
        try await world.pool.execute(
            "INSERT INTO tasks (id, project_id, name, billable) VALUES (\(design), \(project), 'Design', true), (\(build), \(project), 'Build', true)")
        let work: [(TaskID, UserID, Int, Int, String)] = [
            (design, world.people.manager.id, 3, 90, "Atelier de cadrage"), (design, world.people.member.id, 4, 135, "Maquettes & parcours"),
            (build, world.people.member.id, 5, 240, "Intégration du catalogue"), (build, world.people.member.id, 6, 20, ""),
            (build, world.people.manager.id, 6, 45, "Revue <code> et mise en ligne"),
        ]
        var ids: [TimeEntryID] = []
        for (task, user, day, minutes, note) in work {
            let id = TimeEntryID.random()
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(id), \(user), \(project), \(task), \(LocalDate(year: 2026, month: 11, day: day)!), \(minutes), \(note), true,
                        'approved', 950000, 500000, 'EUR', \(world.people.manager.id), now())
                """)
            ids.append(id)
        }
        let draft = try await run.expect(.created, .post, "/api/v1/invoices", as: world.admin, #"{"client_id":"\#(other)","time_annex":true}"#)
        #expect(draft["time_annex"] as? Bool == true)
        return (try await run.issue(draft, as: world.admin, date: "2026-12-03"), ids)
    }
}

/// Golden files under `Tests/Fixtures/`: compared byte for byte, or rewritten with
/// `SHEAF_UPDATE_GOLDEN=1`.
enum GoldenFile {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func check(_ text: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let golden = fixtures.appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["SHEAF_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: golden)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected, "\(path) differs from its golden file (SHEAF_UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
    }

    /// Leaves a copy of `data` as `name` in the directory named by the environment
    /// variable `variable` when it is set (scripts/test checks or shows what is there).
    static func keep(_ data: Data, as name: String, in variable: String) throws {
        guard let directory = ProcessInfo.processInfo.environment[variable], !directory.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
}
