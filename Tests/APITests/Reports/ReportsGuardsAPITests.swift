import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 15 item 8 and the CSV form: bad periods, unknown groups and parameters are
/// problems; `Accept: text/csv` gives the same figures as RFC 4180 CSV.
@Suite struct ReportsGuardsAPITests {
    @Test func badPeriodsGroupsAndParametersAreProblems() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 4)
            let world = try await RoleWorld.make(pool: pool)
            let app = try TestApp.application(pool: pool)
            try await app.test(.router) { client in
                let admin = try await world.token(.admin)
                for uri in [
                    "/api/v1/reports/profitability?from=2025-03-01&to=2025-02-28",  // from after to
                    "/api/v1/reports/profitability?from=2022-01-01&to=2025-01-01",  // over 3 years
                    "/api/v1/reports/profitability?from=2025-01-01&to=2025-12-31&group_by=team",  // unknown group
                    "/api/v1/reports/profitability?from=2025-01-01",  // no end
                    "/api/v1/reports/utilization?from=2025-03-01&to=2025-02-28",
                    "/api/v1/reports/utilization?from=2025-01-01&to=2025-13-01",
                    "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&limit=0",
                    "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&cursor=not-ours",
                    "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&cursor=\(Cursor.encode(["a", "b"]))",  // not a person's key
                    "/api/v1/reports/revenue?from=2025-01-01&to=2025-12-31&interval=week",
                    "/api/v1/reports/revenue?from=2020-01-01&to=2025-12-31",
                    "/api/v1/reports/receivables?as_of=yesterday",
                    "/api/v1/reports/unbilled?as_of=2025-02-30",
                    "/api/v1/reports/budget?as_of=2025-01-01",  // no project
                    "/api/v1/reports/budget?project_id=42",
                ] {
                    let response = try await client.send(.get, uri, token: admin)
                    expectProblem(response, .invalidInput, "\(uri)")
                }
                for uri in [
                    "/api/v1/reports/profitability?from=2025-01-01&to=2025-12-31&groupby=project",
                    "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&user_id=\(world.member.id)",
                    "/api/v1/reports/receivables?from=2025-01-01", "/api/v1/reports/unbilled?client_id=\(world.clientID)",
                    "/api/v1/reports/revenue?from=2025-01-01&to=2025-12-31&group_by=client",
                    "/api/v1/reports/budget?project_id=\(UUID())&from=2025-01-01",
                ] {
                    let response = try await client.send(.get, uri, token: admin)
                    #expect(response.status == .badRequest && response.isProblem, "\(uri): \(response.text)")
                }
                // Unknown project and team: 404.
                let project = try await client.send(.get, "/api/v1/reports/budget?project_id=\(UUID())", token: admin)
                #expect(project.status == .notFound && project.isProblem)
                let team = try await client.send(.get, "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&team_id=\(UUID())", token: admin)
                #expect(team.status == .notFound && team.isProblem)
                // A manager naming a team they do not lead: 403.
                let other = TeamID.random()
                try await pool.execute("INSERT INTO teams (id, name) VALUES (\(other), 'Elsewhere')")
                let foreign = try await client.send(
                    .get, "/api/v1/reports/utilization?from=2025-01-01&to=2025-01-31&team_id=\(other)", token: try await world.token(.manager))
                #expect(foreign.status == .forbidden)
                // A member of the project's team who is not assigned to it sees the project
                // exists but not its budget: 403, as for GET /projects/{id}/budget.
                let unassigned = ProjectID.random()
                try await pool.execute(
                    """
                    INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor)
                    VALUES (\(unassigned), \(world.clientID), \(world.teamID), 'Unassigned', 'UN-1', 'fixed_price', 'EUR', 100000)
                    """)
                let budget = try await client.send(
                    .get, "/api/v1/reports/budget?project_id=\(unassigned)", token: try await world.token(.member))
                #expect(budget.status == .forbidden && budget.isProblem, "\(budget.status): \(budget.text)")
            }
        }
    }

    @Test func everyReportAnswersCSVWithTheSameFigures() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let app = try TestApp.application(configuration: try TestApp.httpsConfiguration(), pool: pool)
            try await app.test(.router) { client in
                let run = InvoicingCalls(client: client)
                let world = try await ReportsWorld.make(pool: pool, run: run)
                let admin = try await run.login(world.people.admin.email)
                func csv(_ uri: String) async throws -> [[String: String]] {
                    let response = try await client.send(.get, uri, token: admin, headers: [.accept: "text/csv"])
                    #expect(response.status == .ok, "\(uri): \(response.text)")
                    #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(response.text.hasSuffix("\r\n"))
                    let table = try CSVReader(delimiter: .comma).read(response.text)
                    let rows = table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.fields)) }
                    try await workbookMatches(uri, table.header, rows)
                    return rows
                }
                // The same rows as a workbook (issue 16 item 4), opened by an independent reader:
                // every figure a number equal to the CSV's, every date a date, amounts in the row's currency.
                func workbookMatches(_ uri: String, _ header: [String], _ rows: [[String: String]]) async throws {
                    let response = try await client.send(.get, uri, token: admin, headers: [.accept: TimeXLSXAPITests.xlsx])
                    #expect(response.status == .ok && response.headers[.contentType] == TimeXLSXAPITests.xlsx, "\(uri)")
                    let book = try IndependentXLSXReader(Data(response.body.readableBytesView))
                    #expect(book.header == header && book.frozen == "A2" && book.rows.count == rows.count + 1, "\(uri)")
                    for (index, row) in rows.enumerated() {
                        for (column, field) in row where !field.isEmpty {
                            let cell = try #require(book.cell(index, column), "\(uri) row \(index) \(column)")
                            switch cell.type {
                            case "number": #expect(cell.number == Double(field), "\(uri) \(column): \(cell) for \(field)")
                            case "date": #expect(cell.text == field, "\(uri) \(column): \(cell) for \(field)")
                            default: #expect(cell.text == field && Double(field) == nil, "\(uri) \(column): \(cell) for \(field)")
                            }
                            if ["as_of", "from", "period_from"].contains(column) { #expect(cell.type == "date", "\(uri) \(column)") }
                            if column == "margin" || column == "net" || column == "total" {
                                #expect(cell.format.contains(row["currency"] ?? "?"), "\(uri) \(column): \(cell)")
                            }
                        }
                    }
                }
                let profitability = try await csv("/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30")
                let total = try #require(profitability.first { $0["row"] == "total" })
                #expect(total["margin"] == "770.00" && total["margin_percent"] == "36.67" && total["currency"] == "EUR")
                #expect(total["unknown_cost_entries"] == "1" && total["hours"] == "26.50")
                #expect(total["planned_expenses"] == "300.00" && total["actual_expenses"] == "350.00")
                let web = try #require(profitability.first { $0["key"] == world.web.description })
                #expect(web["planned_expenses"] == "300.00" && web["actual_expenses"] == "350.00")
                let byClient = try await csv("/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30&group_by=client")
                #expect(byClient.first { $0["row"] == "total" }?["planned_expenses"] == "")
                let receivables = try await csv("/api/v1/reports/receivables?as_of=2025-06-01")
                #expect(receivables.first { $0["row"] == "client" }?["days_31_60"] == "1541.00")
                let unbilled = try await csv("/api/v1/reports/unbilled?as_of=2025-06-01")
                #expect(unbilled.first { $0["row"] == "total" }?["days_61_90"] == "320.00")
                let revenue = try await csv("/api/v1/reports/revenue?from=2025-03-01&to=2025-06-30&interval=month")
                #expect(revenue.first { $0["row"] == "total" }?["net"] == "2100.00")
                let utilization = try await csv("/api/v1/reports/utilization?from=2025-03-10&to=2025-03-16&team_id=\(world.people.teamID)")
                #expect(utilization.first { $0["email"] == world.people.member.email }?["missing_hours"] == "30.50")
                let budget = try await csv("/api/v1/reports/budget?project_id=\(world.web)&as_of=2025-03-31")
                #expect(budget.first { $0["section"] == "task" && $0["name"] == "Build" }?["amount"] == "2100.00")
                #expect(budget.first { $0["section"] == "forecast" }?["amount"] == "4666.67")
            }
        }
    }
}
