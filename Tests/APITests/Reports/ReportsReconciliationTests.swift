import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// A small deterministic generator (SplitMix64), so that a failing seed replays.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Issue 15 item 6, as properties over randomized agencies (two clients in two
/// currencies, random time with and without a cost rate, expenses, invoices issued,
/// credited and partly paid over HTTP): every grouped report sums to its ungrouped
/// total; profitability's totals are the same whatever the grouping; revenue equals
/// the invoices CSV for the same range; receivables equal the sum of open balances;
/// unbilled equals `GET /billable`.
@Suite struct ReportsReconciliationTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func reportsReconcileOverRandomData(seed: UInt64) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool)
            var random = SeededGenerator(state: seed)
            try await Self.randomAgency(pool: pool, people: people, random: &random)
            let app = try TestApp.application(configuration: try TestApp.httpsConfiguration(), pool: pool)
            try await app.test(.router) { client in
                let run = InvoicingCalls(client: client)
                let admin = try await run.login(people.admin.email)
                var decisions = SeededGenerator(state: seed &* 7919)
                try await Self.invoice(run, admin: admin, people: people, random: &decisions)
                try await Self.checkProperties(run, admin: admin, seed: seed)
            }
        }
    }

    static let months = ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-30"]

    /// Two clients (EUR and USD), three projects, 30–60 approved entries (one in four
    /// without a cost rate), 4–10 approved expenses, all in the first half of 2025.
    static func randomAgency(pool: PostgresPool, people: RoleWorld, random: inout SeededGenerator) async throws {
        try await pool.execute("UPDATE clients SET currency = 'USD' WHERE id = \(people.otherClientID)")
        for client in [people.clientID, people.otherClientID] { try await InvoicingParties.completeInDatabase(pool: pool, client: client) }
        var projects: [(ProjectID, TaskID, String)] = []
        for (index, (client, currency)) in [(people.clientID, "EUR"), (people.clientID, "EUR"), (people.otherClientID, "USD")].enumerated() {
            let project = ProjectID.random()
            let task = TaskID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, estimated_minutes, planned_expenses_minor)
                VALUES (\(project), \(client), \(people.teamID), \("Project \(index)"), \("P\(index)"), 'time_and_materials', \(currency), 6000,
                        \(index == 1 ? nil : Int64.random(in: 0...200_000, using: &random)))
                """)
            try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Work', true)")
            projects.append((project, task, currency))
        }
        let users = [people.member.id, people.manager.id, people.admin.id]
        for _ in 0..<Int.random(in: 30...60, using: &random) {
            let (project, task, currency) = projects.randomElement(using: &random)!
            let date = try LocalDate(year: 2025, month: 1, day: 1)!.adding(days: Int.random(in: 0...180, using: &random))
            let cost: Int64? = Int.random(in: 0..<4, using: &random) == 0 ? nil : Int64.random(in: 200_000...900_000, using: &random)
            try await pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                          cost_rate_scaled, rate_currency, approved_by, approved_at)
                VALUES (\(UUID()), \(users.randomElement(using: &random)!), \(project), \(task), \(date), \(Int.random(in: 1...600, using: &random)),
                        \(Bool.random(using: &random)), 'approved', \(Int64.random(in: 500_000...1_500_000, using: &random) + 3333), \(cost),
                        \(currency), \(people.manager.id), now())
                """)
        }
        for _ in 0..<Int.random(in: 4...10, using: &random) {
            let (project, _, currency) = projects.randomElement(using: &random)!
            let date = try LocalDate(year: 2025, month: 1, day: 1)!.adding(days: Int.random(in: 0...180, using: &random))
            try await pool.execute(
                """
                INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                      markup_bp, status, approved_by, approved_at)
                VALUES (\(UUID()), \(people.member.id), \(project), \(date), 'other', \(Int.random(in: 100...90_000, using: &random)), \(currency),
                        2100, \(Bool.random(using: &random)), \(Int.random(in: 0...2500, using: &random)), 'approved', \(people.manager.id), now())
                """)
        }
    }

    /// Invoices each client up to some month ends (issued on them), credits a line of
    /// some, records partial payments.
    static func invoice(_ run: InvoicingCalls, admin: String, people: RoleWorld, random: inout SeededGenerator) async throws {
        var issued: [(id: String, payable: Int, currency: String, lines: [String])] = []
        for month in months where Bool.random(using: &random) || month == months.last {
            for (client, currency) in [(people.clientID, "EUR"), (people.otherClientID, "USD")] {
                let draft = try await run.send(
                    .post, "/api/v1/invoices", as: admin, #"{"client_id":"\#(client)","up_to":"\#(month)"}"#)
                guard draft.status == .created else { continue }  // nothing billable up to that day
                let invoice = try await run.issue(try draft.json(), as: admin, date: month)
                issued.append(
                    (
                        try #require(invoice["id"] as? String), (invoice["totals"] as? [String: Any])?.minor("payable") ?? 0, currency,
                        invoice.objects("lines").compactMap { $0["id"] as? String }
                    ))
            }
        }
        var creditDay = 0
        for document in issued {
            if Bool.random(using: &random), let line = document.lines.randomElement(using: &random) {
                creditDay += 1
                try await run.expect(
                    .created, .post, "/api/v1/invoices/\(document.id)/credit-notes", as: admin,
                    #"{"line_ids":["\#(line)"],"reason":"Random","issue_date":"2025-07-\#(String(format: "%02d", creditDay))"}"#)
            }
            let current = try await run.expect(.ok, .get, "/api/v1/invoices/\(document.id)", as: admin)
            let balance = current.minor("balance") ?? 0
            if balance > 1, Bool.random(using: &random) {
                let amount = Int.random(in: 1..<balance, using: &random)
                try await run.expect(
                    .created, .post, "/api/v1/invoices/\(document.id)/payments", as: admin,
                    #"{"paid_on":"2025-08-0\#(Int.random(in: 1...9, using: &random))","amount":{"amount_minor":\#(amount),"currency":"\#(document.currency)"},"method":"transfer","reference":"r"}"#)
            }
        }
    }

    static func checkProperties(_ run: InvoicingCalls, admin: String, seed: UInt64) async throws {
        let range = "from=2025-01-01&to=2025-12-31"
        // Profitability: each grouping sums to its totals, and the totals never depend on the grouping.
        var margins: Set<[String: Int]> = []
        var revenues: Set<[String: Int]> = []
        for grouping in ["project", "client", "person", "month"] {
            let report = try await run.report("/api/v1/reports/profitability?\(range)&group_by=\(grouping)", as: admin, ProfitabilityBody.self)
            var sums: [String: (Int, Int, Int, Int)] = [:]
            var expenses: [String: (actual: Int, planned: Int?)] = [:]
            for line in report.lines {
                let current = sums[line.currency] ?? (0, 0, 0, 0)
                sums[line.currency] = (
                    current.0 + line.margin.amountMinor, current.1 + line.labour.cost.amountMinor, current.2 + line.revenue.unbilled.amountMinor,
                    current.3 + line.labour.unknownCostEntries
                )
                let spent = expenses[line.currency] ?? (0, nil)
                expenses[line.currency] = (
                    spent.actual + line.expenses.actual.amountMinor,
                    line.expenses.planned.map { (spent.planned ?? 0) + $0.amountMinor } ?? spent.planned
                )
            }
            for total in report.totals {
                let sum = sums[total.currency] ?? (0, 0, 0, 0)
                #expect(
                    sum == (total.margin.amountMinor, total.labour.cost.amountMinor, total.revenue.unbilled.amountMinor, total.labour.unknownCostEntries),
                    "seed \(seed) \(grouping) \(total.currency)")
                // Planned vs actual expenses: the lines sum to the total; plans only by project.
                let spent = expenses[total.currency] ?? (0, nil)
                #expect(spent.actual == total.expenses.actual.amountMinor, "seed \(seed) \(grouping) \(total.currency)")
                #expect(spent.planned == total.expenses.planned?.amountMinor, "seed \(seed) \(grouping) \(total.currency)")
                #expect(grouping == "project" || total.expenses.planned == nil, "seed \(seed) \(grouping)")
                #expect(
                    total.expenses.actual.amountMinor == total.expenses.nonRechargeable.amountMinor + total.expenses.rechargeablePassThrough.amountMinor)
            }
            #expect(Set(report.totals.map(\.currency)).count == report.totals.count, "one total per currency")
            margins.insert(Dictionary(uniqueKeysWithValues: report.totals.map { ($0.currency, $0.margin.amountMinor) }))
            revenues.insert(Dictionary(uniqueKeysWithValues: report.totals.map { ($0.currency, $0.revenue.net.amountMinor) }))
        }
        #expect(margins.count == 1 && revenues.count == 1, "seed \(seed): \(margins)")

        // Revenue: net per currency equals the invoices CSV of the same issue dates; months and clients sum to it.
        let revenue = try await run.report("/api/v1/reports/revenue?\(range)&interval=month", as: admin, RevenueBody.self)
        let csv = try await run.send(.get, "/api/v1/exports/invoices.csv?\(range)", as: admin, nil)
        let table = try CSVReader(delimiter: .comma).read(csv.text)
        let rows = table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
        var exported: [String: Int] = [:]
        var balances: [String: Int] = [:]
        for row in rows where row["status"] != "draft" {
            let net = Self.minor(row["net"] ?? "")
            exported[row["currency"] ?? "", default: 0] += row["kind"] == "credit_note" ? -net : net
            balances[row["currency"] ?? "", default: 0] += Self.minor(row["balance"] ?? "")
        }
        let revenueTotals = Dictionary(uniqueKeysWithValues: revenue.totals.map { ($0.currency, $0.net.amountMinor) })
        #expect(revenueTotals.filter { $0.value != 0 } == exported.filter { $0.value != 0 }, "seed \(seed): revenue = invoices CSV")
        #expect(!exported.isEmpty, "seed \(seed): some invoice was issued")
        #expect(
            (revenues.first ?? [:]).filter { $0.value != 0 } == revenueTotals.filter { $0.value != 0 },
            "seed \(seed): profitability's revenue = the revenue report's")
        for (figures, name) in [(revenue.months, "months"), (revenue.clients, "clients")] {
            var sums: [String: Int] = [:]
            for figure in figures { sums[figure.currency, default: 0] += figure.net.amountMinor }
            #expect(sums == revenueTotals, "seed \(seed) \(name)")
        }

        // Receivables: the open balances of the invoices, per currency.
        let receivables = try await run.report("/api/v1/reports/receivables", as: admin, ReceivablesBody.self)
        let owed = Dictionary(uniqueKeysWithValues: receivables.totals.map { ($0.currency, $0.total.amountMinor) })
        #expect(owed == balances.filter { $0.value != 0 }, "seed \(seed)")
        var byClient: [String: Int] = [:]
        for client in receivables.clients { byClient[client.currency, default: 0] += client.total.amountMinor }
        #expect(byClient == owed)

        // Unbilled: what GET /billable lists up to the same day, per currency.
        for day in ["2025-03-31", "2025-12-31"] {
            let unbilled = try await run.report("/api/v1/reports/unbilled?as_of=\(day)", as: admin, UnbilledBody.self)
            let billable = try await run.expect(.ok, .get, "/api/v1/billable?up_to=\(day)", as: admin)
            var listed: [String: Int] = [:]
            for item in billable.objects("items") {
                let amount = item["amount"] as? [String: Any]
                listed[amount?["currency"] as? String ?? "", default: 0] += amount?["amount_minor"] as? Int ?? 0
            }
            #expect(Dictionary(uniqueKeysWithValues: unbilled.totals.map { ($0.currency, $0.total.amountMinor) }) == listed, "seed \(seed) \(day)")
            #expect(unbilled.totals.reduce(0) { $0 + $1.count } == billable.objects("items").count)
        }
    }

    /// `"1234.56"` → 123456 (the CSV's two-digit currencies).
    static func minor(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        return Int((try? FixedPoint.parse(text, scale: 2)) ?? 0)
    }
}
