import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The hand-computed scenario of issue 15 ("Tests"), in March–June 2025, for the world's
/// client (payment terms 30 days, EUR):
///
/// - Web (time and materials, estimate 50 h) at 100.00/h; App (time and materials) at 80.00/h.
/// - The member's cost rate is 40.00/h from 2025-01-01 and 50.00/h from 2025-03-16 (a
///   change in the middle of the period); the manager has no cost rate at all.
/// - Approved time (captured when approved over HTTP):
///   e1 member Web/Build Mon 2025-03-10 8 h billable   cost 8 × 40 = 320.00, value 800.00
///   e2 member Web/Build Mon 2025-03-17 8 h billable   cost 8 × 50 = 400.00, value 800.00
///   e3 member App/Build Tue 2025-03-18 4 h billable   cost 4 × 50 = 200.00, value 4 × 80 = 320.00
///   e4 member Web/Admin Tue 2025-03-11 1.5 h non-billable   cost 1.5 × 40 = 60.00
///   e5 manager Web/Build Wed 2025-03-12 5 h billable  cost unknown, value 500.00
/// - Approved expenses on Web, 2025-03-14: travel 150.00 not rechargeable; a licence of
///   200.00 rechargeable at 10 % markup (billed 220.00, markup 20.00).
/// - Invoice 2025-0001 for Web, issued 2025-03-31 (due 2025-04-30): Build 21.00 h × 100.00
///   = 2 100.00 + licence 220.00 = 2 320.00 net + 21 % VAT 487.20 = 2 807.20.
/// - Credit note for the licence line, 2025-04-10: 220.00 + 46.20 VAT = 266.20.
/// - Payment of 1 000.00 on 2025-04-20: the balance is 2 807.20 − 266.20 − 1 000.00 = 1 541.00.
/// - e3 (App, 320.00) stays unbilled.
/// - Planned expenses, set over HTTP: Web 300.00 (by the admin), App 0.00 (by the team's
///   manager): Web's actual expenses are 150.00 + 200.00 = 350.00, 50.00 over its plan.
struct ReportsWorld {
    let people: RoleWorld
    let web: ProjectID
    let app: ProjectID
    let invoiceID: String
    let structuredCommunication: String

    static func make(pool: PostgresPool, run: InvoicingCalls) async throws -> ReportsWorld {
        let people = try await RoleWorld.make(pool: pool)
        let admin = try await run.login(people.admin.email)
        let manager = try await run.login(people.manager.email)
        let web = ProjectID.random()
        let app = ProjectID.random()
        try await pool.execute("UPDATE clients SET payment_terms_days = 30 WHERE id = \(people.clientID)")
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, estimated_minutes) VALUES
                (\(web), \(people.clientID), \(people.teamID), 'Web', 'WEB', 'time_and_materials', 'EUR', 3000),
                (\(app), \(people.clientID), \(people.teamID), 'App', 'APP', 'time_and_materials', 'EUR', NULL)
            """)
        for project in [web, app] {
            try await pool.execute(
                "INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(people.member.id)), (\(project), \(people.manager.id))")
        }
        try await pool.execute(
            """
            INSERT INTO project_rates (id, project_id, effective_from, rate_scaled) VALUES
                (\(UUID()), \(web), '2025-01-01', 1000000), (\(UUID()), \(app), '2025-01-01', 800000)
            """)
        try await pool.execute(
            """
            INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency) VALUES
                (\(UUID()), \(people.member.id), 'cost', '2025-01-01', 400000, 'EUR'),
                (\(UUID()), \(people.member.id), 'cost', '2025-03-16', 500000, 'EUR')
            """)
        // Planned expenses: the admin's on Web, the team lead's on App; a negative plan or
        // another currency is refused (422) and changes nothing.
        for (body, fields) in [
            (#"{"planned_expenses":{"amount_minor":-1}}"#, ["planned_expenses.amount_minor"]),
            (#"{"planned_expenses":{"amount_minor":30000,"currency":"USD"}}"#, ["planned_expenses.currency"]),
        ] {
            let refused = try await run.send(.patch, "/api/v1/projects/\(web)", as: admin, body, ifMatch: "\"1\"")
            #expect(refused.status == .unprocessableContent && (try? refused.errorFields()) == fields, "\(body): \(refused.text)")
        }
        let planned = try await run.expect(
            .ok, .patch, "/api/v1/projects/\(web)", as: admin, #"{"planned_expenses":{"amount_minor":30000,"currency":"EUR"}}"#, ifMatch: "\"1\"")
        #expect(planned.minor("planned_expenses") == 30_000)
        let none = try await run.expect(.ok, .patch, "/api/v1/projects/\(app)", as: manager, #"{"planned_expenses":{"amount_minor":0}}"#, ifMatch: "\"1\"")
        #expect(none.minor("planned_expenses") == 0)
        // The manager works 20 h a week: their setting, changed by the admin.
        let current = try await run.expect(.ok, .get, "/api/v1/users/\(people.manager.id)", as: admin)
        #expect(current["weekly_target_minutes"] as? Int == 2400)
        let version = "\"\(current["version"] as? Int ?? 0)\""
        try await run.expect(.unprocessableContent, .patch, "/api/v1/users/\(people.manager.id)", as: admin, #"{"weekly_target_minutes":10081}"#, ifMatch: version)
        let patched = try await run.expect(.ok, .patch, "/api/v1/users/\(people.manager.id)", as: admin, #"{"weekly_target_minutes":1200}"#, ifMatch: version)
        #expect(patched["weekly_target_minutes"] as? Int == 1200)
        let build = TaskID.random()
        let chores = TaskID.random()
        let appBuild = TaskID.random()
        try await pool.execute(
            """
            INSERT INTO tasks (id, project_id, name, billable) VALUES
                (\(build), \(web), 'Build', true), (\(chores), \(web), 'Admin', false), (\(appBuild), \(app), 'Build', true)
            """)
        let member = people.member.id
        var memberEntries: [UUID] = []
        for (project, task, date, minutes, billable) in [
            (web, build, "2025-03-10", 480, true), (web, build, "2025-03-17", 480, true), (app, appBuild, "2025-03-18", 240, true),
            (web, chores, "2025-03-11", 90, false),
        ] as [(ProjectID, TaskID, String, Int, Bool)] {
            memberEntries.append(try await Self.submittedTime(pool, user: member, project: project, task: task, date: date, minutes: minutes, billable: billable))
        }
        let managerEntry = try await Self.submittedTime(
            pool, user: people.manager.id, project: web, task: build, date: "2025-03-12", minutes: 300, billable: true)
        var expenses: [UUID] = []
        for (category, amount, rechargeable, markup) in [("travel", 15000, false, 0), ("software_licence", 20000, true, 1000)] {
            let id = UUID()
            try await pool.execute(
                """
                INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                      markup_bp, status, submitted_at)
                VALUES (\(id), \(member), \(web), '2025-03-14', \(category), \(amount), 'EUR', 2100, \(rechargeable), \(markup), 'submitted', now())
                """)
            expenses.append(id)
        }
        // Approval captures the rates in force on each work date.
        let ids = memberEntries.map { #""\#($0.uuidString.lowercased())""# }.joined(separator: ",")
        let expenseIDs = expenses.map { #""\#($0.uuidString.lowercased())""# }.joined(separator: ",")
        try await run.expect(
            .ok, .post, "/api/v1/approvals", as: manager, #"{"decision":"approve","time_entry_ids":[\#(ids)],"expense_ids":[\#(expenseIDs)]}"#)
        try await run.expect(
            .ok, .post, "/api/v1/approvals", as: admin,
            #"{"decision":"approve","time_entry_ids":["\#(managerEntry.uuidString.lowercased())"],"expense_ids":[]}"#)

        try await InvoicingParties.complete(run, admin: admin, client: people.clientID)
        let draft = try await run.expect(
            .created, .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(people.clientID)","project_ids":["\#(web)"],"up_to":"2025-03-31"}"#)
        let invoice = try await run.issue(draft, as: admin, date: "2025-03-31")
        let invoiceID = try #require(invoice["id"] as? String)
        #expect((invoice["totals"] as? [String: Any])?.minor("payable") == 280_720, "\(invoice)")
        let licence = try #require(invoice.objects("lines").first { $0["kind"] as? String == "expense" })
        try await run.expect(
            .created, .post, "/api/v1/invoices/\(invoiceID)/credit-notes", as: admin,
            #"{"line_ids":["\#(licence["id"] as? String ?? "")"],"reason":"Licence was a gift","issue_date":"2025-04-10"}"#)
        try await run.expect(
            .created, .post, "/api/v1/invoices/\(invoiceID)/payments", as: admin,
            #"{"paid_on":"2025-04-20","amount":{"amount_minor":100000,"currency":"EUR"},"method":"transfer","reference":"part"}"#)
        return ReportsWorld(
            people: people, web: web, app: app, invoiceID: invoiceID, structuredCommunication: invoice["structured_communication"] as? String ?? "")
    }

    static func submittedTime(
        _ pool: PostgresPool, user: UserID, project: ProjectID, task: TaskID, date: String, minutes: Int, billable: Bool
    ) async throws -> UUID {
        let id = UUID()
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
            VALUES (\(id), \(user), \(project), \(task), \(date)::date, \(minutes), \(billable), 'submitted')
            """)
        return id
    }
}

extension InvoicingCalls {
    /// GETs a report and decodes it.
    func report<T: Decodable>(_ uri: String, as token: String, _ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let response = try await send(.get, uri, as: token, nil)
        #expect(response.status == .ok, "\(uri): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(T.self)
    }
}
