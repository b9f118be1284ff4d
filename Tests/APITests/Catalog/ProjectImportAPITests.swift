import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import API
import Services
import TestSupport
import Testing

/// `POST /imports/projects` (issue 16 item 2): a Notion database export (BOM, relation
/// cells) and a Google Sheets file in German become projects and tasks, in one dry run
/// and one real run; a bad file imports nothing and names every row and column.
@Suite struct ProjectImportAPITests {
    static func fixture(_ name: String) throws -> Data {
        try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/Imports/\(name)"))
    }

    func post(
        _ client: any TestClientProtocol, _ file: Data, _ query: [(String, String)], token: String, contentType: String = "text/csv"
    ) async throws -> TestResponse {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return try await client.execute(
            uri: "/api/v1/imports/projects?\(components.percentEncodedQuery ?? "")", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: contentType], body: ByteBuffer(bytes: file))
    }

    func projects(_ pool: PostgresPool) async throws -> [String] {
        try await pool.query(
            """
            SELECT p.name || '|' || c.name || '|' || p.status || '|' || p.billing_model || '|' || coalesce(p.budget_minutes::text, '-')
                   || '|' || coalesce(p.budget_amount_minor::text, '-') AS line
            FROM projects p JOIN clients c ON c.id = p.client_id WHERE p.name NOT IN ('Website relaunch', 'Other client app') ORDER BY p.name
            """
        ) { try $0.decode("line", as: String.self) }
    }

    func tasks(_ pool: PostgresPool, of project: String) async throws -> [String] {
        try await pool.query(
            """
            SELECT t.name || '|' || t.billable || '|' || coalesce(t.estimated_minutes::text, '-') AS line
            FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = \(project) ORDER BY t.name
            """
        ) { try $0.decode("line", as: String.self) }
    }

    @Test func aNotionDatabaseBecomesProjectsAndTasksInOneDryRunAndOneRealRun() async throws {
        try await withTimeApp { (world, client) async throws in
            let admin = world.token(.admin)
            let projectsFile = try Self.fixture("notion-projects.csv")
            let mapping = [
                ("team_id", world.roles.teamID.description), ("column_name", "Name"), ("column_client", "Client"), ("column_status", "Status"),
                ("column_budget_hours", "Budget (h)"), ("column_budget_amount", "Budget (€)"), ("column_billing_model", "Billing"),
            ]
            let preview = try await post(client, projectsFile, mapping + [("dry_run", "true")], token: admin)
            #expect(preview.status == .ok, "\(preview.text)")
            let report = try preview.object()
            #expect(report["dry_run"] as? Bool == true && report["rows"] as? Int == 2 && report["projects_created"] as? Int == 2)
            #expect(try await projects(world.pool).isEmpty, "a dry run writes nothing")

            let real = try await post(client, projectsFile, mapping, token: admin)
            #expect(try real.object()["projects_created"] as? Int == 2, "\(real.text)")
            #expect(
                try await projects(world.pool) == [
                    "Brand refresh|Client B|closed|fixed_price|2400|-", "Website relaunch 2027|Client A|active|time_and_materials|75030|4800000",
                ])
            let again = try await post(client, projectsFile, mapping, token: admin)
            #expect(try again.object()["projects_created"] as? Int == 0, "a re-import finds the projects: \(again.text)")

            // The tasks database relates each task to its project; a task related to two is refused, naming its cell.
            let taskMapping = [
                ("team_id", world.roles.teamID.description), ("client_id", world.roles.clientID.description), ("column_name", "Project"),
                ("column_task", "Name"), ("column_task_estimate_hours", "Estimate (h)"), ("column_task_billable", "Billable"),
            ]
            let tasksFile = try Self.fixture("notion-tasks.csv")
            let refused = try await post(client, tasksFile, taskMapping, token: admin)
            expectProblem(refused, .invalidInput)
            #expect(try refused.problem().errors?.map(\.field) == ["rows[4].Project"], "\(refused.text)")
            #expect(try await tasks(world.pool, of: "Website relaunch 2027").isEmpty, "nothing imported")

            let twoRows = Data(String(decoding: tasksFile, as: UTF8.self).split(separator: "\n").prefix(3).joined(separator: "\n").utf8)
            let imported = try await post(client, twoRows, taskMapping, token: admin)
            let tasksReport = try imported.object()
            #expect(tasksReport["tasks_created"] as? Int == 2 && tasksReport["projects_created"] as? Int == 0, "\(imported.text)")
            #expect(try await tasks(world.pool, of: "Website relaunch 2027") == ["Copywriting|false|510", "Wireframes|true|720"])
            let twice = try await post(client, twoRows, taskMapping, token: admin)
            #expect(try twice.object()["tasks_created"] as? Int == 0)
        }
    }

    @Test func aGermanSheetsFileReadsItsNumbersAndNamesEveryBadCell() async throws {
        try await withTimeApp { (world, client) async throws in
            let mapping = [
                ("team_id", world.roles.teamID.description), ("locale", "de-DE"), ("column_name", "Projekt"), ("column_client", "Kunde"),
                ("column_budget_hours", "Budget (h)"), ("column_budget_amount", "Budget (€)"), ("column_task", "Aufgabe"),
            ]
            var file = try Self.fixture("sheets-projects-de.csv")
            file.append(Data("Portal;Unbekannt GmbH;10;;\n".utf8))
            let refused = try await post(client, file, mapping, token: world.token(.admin))
            expectProblem(refused, .invalidInput)
            let errors = try refused.problem().errors ?? []
            #expect(errors.map(\.field) == ["rows[4].Budget (h)", "rows[5].Kunde"], "\(refused.text)")
            #expect(errors.first?.message.contains("1.234,50") == true, "the example is in the file's locale")
            #expect(try await projects(world.pool).isEmpty)

            let good = Data(String(decoding: try Self.fixture("sheets-projects-de.csv"), as: UTF8.self).split(separator: "\n").prefix(3)
                .joined(separator: "\n").utf8)
            let imported = try await post(client, good, mapping, token: world.token(.admin))
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(try await projects(world.pool) == ["Kampagne Frühjahr|Client A|active|time_and_materials|74070|1250000"])
            #expect(try await tasks(world.pool, of: "Kampagne Frühjahr") == ["Konzept|true|-", "Umsetzung|true|-"])
        }
    }

    @Test func numbersAreNeverReadInAGuessedLocale() async throws {
        try await withTimeApp { (world, client) async throws in
            let admin = world.token(.admin)
            let columns = [
                ("team_id", world.roles.teamID.description), ("column_name", "Projekt"), ("column_client", "Kunde"),
                ("column_budget_hours", "Budget (h)"), ("column_budget_amount", "Budget (€)"), ("column_task", "Aufgabe"),
            ]
            // The German file without locale=de: 1.234,5 is not read as 1.2345 but refused, cell by cell.
            let german = try await post(client, try Self.fixture("sheets-projects-de.csv"), columns, token: admin)
            expectProblem(german, .invalidInput)
            let fields = try german.problem().errors?.map(\.field) ?? []
            #expect(fields.starts(with: ["rows[2].Budget (h)", "rows[2].Budget (€)", "rows[3].Budget (h)", "rows[3].Budget (€)"]), "\(german.text)")
            #expect(try await projects(world.pool).isEmpty)

            // 1.500 is 1.5 or 1500 hours: without a locale it is refused, with one it is read in it.
            let file = Data("Projekt,Kunde,Budget (h)\nAmbiguous,Client A,1.500\n".utf8)
            let hours = [("team_id", world.roles.teamID.description), ("column_name", "Projekt"), ("column_client", "Kunde"), ("column_budget_hours", "Budget (h)")]
            let unsure = try await post(client, file, hours, token: admin)
            expectProblem(unsure, .invalidInput)
            #expect(try unsure.problem().errors?.map(\.field) == ["rows[2].Budget (h)"])
            #expect(try unsure.problem().errors?.first?.message.contains("locale") == true, "\(unsure.text)")
            let english = try await post(client, file, hours + [("locale", "en"), ("dry_run", "true")], token: admin)
            #expect(english.status == .ok, "\(english.text)")
            let german1500 = try await post(client, file, hours + [("locale", "de")], token: admin)
            #expect(german1500.status == .ok, "\(german1500.text)")
            #expect(try await projects(world.pool) == ["Ambiguous|Client A|active|time_and_materials|90000|-"])

            // A workbook's number cells are numbers, whatever the locale: 12.50 stays 12.5 with locale=de.
            var sheet = SheetTable(name: "Projects", columns: [SheetColumn("Project"), SheetColumn("Budget", .decimal)])
            sheet.append(["Workbook project", "12.50"])
            let query = [
                ("team_id", world.roles.teamID.description), ("client_id", world.roles.clientID.description), ("column_name", "Project"),
                ("column_budget_hours", "Budget"), ("locale", "de"),
            ]
            let workbook = try await post(client, try XLSXWriter.data(sheet), query, token: admin, contentType: TimeXLSXAPITests.xlsx)
            #expect(workbook.status == .ok, "\(workbook.text)")
            #expect(try await projects(world.pool).contains("Workbook project|Client A|active|time_and_materials|750|-"))
        }
    }

    @Test func aWorkbookImportsLikeItsCSVAndBadRequestsAreRefused() async throws {
        try await withTimeApp { (world, client) async throws in
            var sheet = SheetTable(name: "Projects", columns: [SheetColumn("Project"), SheetColumn("Budget", .decimal)])
            sheet.append(["Annual report", "12.50"])
            let workbook = try XLSXWriter.data(sheet)
            let query = [
                ("team_id", world.roles.teamID.description), ("client_id", world.roles.clientID.description), ("column_name", "Project"),
                ("column_budget_hours", "Budget"),
            ]
            let imported = try await post(client, workbook, query, token: world.token(.admin), contentType: TimeXLSXAPITests.xlsx)
            #expect(try imported.object()["projects_created"] as? Int == 1, "\(imported.text)")
            #expect(try await projects(world.pool) == ["Annual report|Client A|active|time_and_materials|750|-"])

            let manager = try await post(client, Data("Name\nX\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name")], token: world.token(.manager))
            #expect(manager.status == .forbidden)
            let missing = try await post(client, Data("Name\nX\n".utf8), [], token: world.token(.admin))
            expectProblem(missing, .invalidInput)
            #expect(Set(try missing.problem().errors?.map(\.field) ?? []) == ["team_id", "column_name"])
            let absent = try await post(
                client, Data("Name\nX\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Titel")], token: world.token(.admin))
            #expect(try absent.problem().errors?.map(\.field) == ["rows[1].Titel"], "\(absent.text)")
            let notWorkbook = try await post(
                client, Data("Name\nX\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name")], token: world.token(.admin),
                contentType: TimeXLSXAPITests.xlsx)
            #expect(try notWorkbook.problem().errors?.map(\.field) == ["file"])
            let badQuote = try await post(
                client, Data("Name\n\"X\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name")], token: world.token(.admin))
            #expect(try badQuote.problem().errors?.first?.field.hasPrefix("rows[") == true, "\(badQuote.text)")
            let noClient = try await post(
                client, Data("Name\nX\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name")], token: world.token(.admin))
            #expect(try noClient.problem().errors?.map(\.field) == ["rows[2]"], "\(noClient.text)")
            let json = try await post(
                client, Data("{}".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name")], token: world.token(.admin),
                contentType: "application/json")
            #expect(json.status == .unsupportedMediaType)
            let unknown = try await post(
                client, Data("Name\nX\n".utf8), [("team_id", world.roles.teamID.description), ("column_name", "Name"), ("column_owner", "Owner")],
                token: world.token(.admin))
            #expect(unknown.status == .badRequest, "an unknown parameter is refused, not ignored")
        }
    }

    @Test func importFilesHaveTheirOwnConfigurableLimit() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.maxBodyBytes = 1024
        configuration.maxImportBytes = 4096
        try await withExpenseApp(configuration: configuration) { (world, client) async throws in
            let query = [("team_id", world.roles.teamID.description), ("client_id", world.roles.clientID.description), ("column_name", "Name")]
            let fits = Data(("Name\n" + (1...200).map { "Project \($0)" }.joined(separator: "\n")).utf8)
            #expect(fits.count > 1024 && fits.count <= 4096)
            let accepted = try await post(client, fits, query + [("dry_run", "true")], token: world.token(.admin))
            #expect(try accepted.object()["projects_created"] as? Int == 200, "larger than the body limit, within the import limit")
            let tooBig = Data(("Name\n" + (1...400).map { "Project \($0)" }.joined(separator: "\n")).utf8)
            let refused = try await post(client, tooBig, query, token: world.token(.admin))
            #expect(refused.status == .contentTooLarge)
            #expect(refused.isProblem)
            let time = try await client.execute(
                uri: "/api/v1/imports/time-entries?format=sheaf", method: .post,
                headers: [.authorization: "Bearer \(world.token(.member))", .contentType: "text/csv"], body: ByteBuffer(bytes: tooBig))
            #expect(time.status == .contentTooLarge, "the time import shares the import limit")
        }
    }
}
