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

/// `POST /imports/trello` (issue 16 item 1): a board's JSON export (archived cards, a
/// checklist, a member nobody matches) becomes a project with its tasks in one dry run
/// and one real run; importing it again creates nothing; a bad file names what is wrong.
@Suite struct TrelloImportAPITests {
    static let board = "Website relaunch 2026"

    func post(_ client: any TestClientProtocol, _ file: Data, _ query: [(String, String)], token: String, contentType: String = "application/json")
        async throws -> TestResponse
    {
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return try await client.execute(
            uri: "/api/v1/imports/trello?\(components.percentEncodedQuery ?? "")", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: contentType], body: ByteBuffer(bytes: file))
    }

    /// `name|status|due|tags|assignee names|description`, by name.
    func tasks(_ pool: PostgresPool, of project: String) async throws -> [String] {
        try await pool.query(
            """
            SELECT concat_ws('|', t.name, coalesce(t.status, '-'), coalesce(t.due_on::text, '-'), array_to_string(t.tags, ','),
                   coalesce((SELECT string_agg(u.name, ',' ORDER BY u.name) FROM task_assignees a JOIN users u ON u.id = a.user_id
                             WHERE a.task_id = t.id), '-'),
                   coalesce(t.description, '-')) AS line
            FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = \(project) ORDER BY t.name
            """
        ) { try $0.decode("line", as: String.self) }
    }

    @Test func aBoardBecomesAProjectWithItsTasksInOneDryRunAndOneRealRunAndAgainCreatesNothing() async throws {
        try await withTimeApp { (world, client) async throws in
            let file = try ProjectImportAPITests.fixture("trello-board.json")
            let target = [("client_id", world.roles.clientID.description), ("team_id", world.roles.teamID.description)]
            let preview = try await post(client, file, target, token: world.token(.admin))
            #expect(preview.status == .ok, "\(preview.text)")
            let report = try preview.object()
            #expect(report["dry_run"] as? Bool == true, "a dry run unless dry_run=false")
            #expect(report["projects_created"] as? Int == 1)
            #expect(report["tasks_created"] as? Int == 3)
            #expect(report["skipped_archived"] as? Int == 2, "the archived card and the card of the archived list")
            let unmatched = report["unmatched_members"] as? [[String: Any]]
            #expect(unmatched?.count == 1)
            #expect(unmatched?.first?["name"] as? String == "Gus Ghost")
            #expect(unmatched?.first?["cards"] as? Int == 1)
            #expect(try await tasks(world.pool, of: Self.board).isEmpty, "a dry run writes nothing")

            let real = try await post(client, file, target + [("dry_run", "false")], token: world.token(.admin))
            #expect(real.status == .ok, "\(real.text)")
            #expect(try real.object()["tasks_created"] as? Int == 3)
            #expect(
                try await tasks(world.pool, of: Self.board) == [
                    "Copywriting|To do|-|Client feedback|Max Manager|-",
                    "Kick-off meeting|Done|2026-01-12||Ada Admin,Mia Member|Notes in the shared drive.",
                    "Wireframes|Doing|2026-03-02|Design,red|Mia Member|Home, product and contact pages.\n\nPages:\n- [x] Home\n- [ ] Contact",
                ])

            let again = try await post(client, file, target + [("dry_run", "false")], token: world.token(.admin))
            let second = try again.object()
            #expect(second["projects_created"] as? Int == 0, "the board's project is found by its Trello id")
            #expect(second["tasks_created"] as? Int == 0)
            #expect(second["tasks_unchanged"] as? Int == 3)
            #expect(try await tasks(world.pool, of: Self.board).count == 3)

            let archived = try await post(client, file, target + [("dry_run", "false"), ("include_archived", "true")], token: world.token(.admin))
            #expect(try archived.object()["tasks_created"] as? Int == 2, "\(archived.text)")
            #expect(try await tasks(world.pool, of: Self.board).map { $0.split(separator: "|").first ?? "" }
                == ["Chatbot", "Copywriting", "Kick-off meeting", "Old moodboard", "Wireframes"])
            let audited = try await world.pool.queryOne("SELECT count(*)::int AS n FROM audit_events WHERE action IN ('project.created', 'task.created')")
            #expect(try audited.decode("n", as: Int.self) >= 6)
        }
    }

    @Test func listsBecomeTasksOfAnExistingProjectAndAHandMadeTaskOfTheSameNameIsLinked() async throws {
        try await withTimeApp { (world, client) async throws in
            let project: String = try await world.pool.queryOne("SELECT name FROM projects WHERE id = \(world.projectID)").decode("name")
            try await world.pool.execute("INSERT INTO tasks (id, project_id, name) VALUES (\(TaskID.random()), \(world.projectID), 'doing')")
            let before = try await tasks(world.pool, of: project).count
            let file = try ProjectImportAPITests.fixture("trello-board.json")
            let query = [("project_id", world.projectID.description), ("lists", "tasks"), ("dry_run", "false")]
            let response = try await post(client, file, query, token: world.token(.admin))
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.object()
            #expect(report["tasks_created"] as? Int == 2)
            #expect(report["tasks_linked"] as? Int == 1)
            #expect(report["projects_created"] as? Int == 0)
            let lines = try await tasks(world.pool, of: project)
            #expect(lines.count == before + 2)
            #expect(lines.contains("doing|-|2026-03-02|Design,red|Mia Member|- Wireframes (due 2026-03-02)"), "\(lines)")
            #expect(lines.contains("To do|-|-|Client feedback|Max Manager|- Copywriting"), "\(lines)")
            let again = try await post(client, file, query, token: world.token(.admin))
            #expect(try again.object()["tasks_unchanged"] as? Int == 3)
        }
    }

    @Test func aBadFileOrMappingIsAProblemNamingWhatIsWrongAndWritesNothing() async throws {
        try await withTimeApp { (world, client) async throws in
            let admin = world.token(.admin)
            let target = [("client_id", world.roles.clientID.description), ("team_id", world.roles.teamID.description), ("dry_run", "false")]
            let count = { try await world.pool.queryOne("SELECT (SELECT count(*) FROM tasks) + (SELECT count(*) FROM projects) AS n").decode("n", as: Int64.self) }
            let before = try await count()

            let notJSON = try await post(client, Data("name,list\n".utf8), target, token: admin)
            expectProblem(notJSON, .invalidInput)
            #expect(try notJSON.problem().errors?.map(\.field) == ["body"])
            let noCards = try await post(client, Data(#"{"id": "b", "name": "B", "lists": []}"#.utf8), target, token: admin)
            #expect(try noCards.problem().errors?.map(\.field) == ["cards"], "\(noCards.text)")
            let wrongType = try await post(client, Data(#"{"id": "b", "name": "B", "lists": [], "cards": [{"id": 1, "name": "x", "idList": "l"}]}"#.utf8), target, token: admin)
            #expect(try wrongType.problem().errors?.map(\.field) == ["cards[0].id"], "\(wrongType.text)")
            let strayCard = try await post(
                client, Data(#"{"id": "b", "name": "B", "lists": [{"id": "l", "name": "L"}], "cards": [{"id": "c", "name": "x", "idList": "gone"}, {"id": "d", "name": "y", "idList": "l", "due": "soon"}]}"#.utf8),
                target, token: admin)
            #expect(try strayCard.problem().errors?.map(\.field) == ["cards[0].idList", "cards[1].due"], "\(strayCard.text)")
            let badIDs = try await post(
                client, Data(#"{"id": "", "name": "B", "lists": [{"id": "l", "name": "L"}], "cards": [{"id": "c", "name": "x", "idList": "l", "due": "0000-01-01"}]}"#.utf8),
                target, token: admin)
            #expect(try badIDs.problem().errors?.map(\.field) == ["id", "cards[0].due"], "\(badIDs.text)")
            let missingTarget = try await post(client, Data("{}".utf8), [], token: admin)
            #expect(Set(try missingTarget.problem().errors?.map(\.field) ?? []) == ["client_id", "team_id"])
            let both = try await post(client, Data("{}".utf8), [("project_id", world.projectID.description), ("team_id", world.roles.teamID.description)], token: admin)
            #expect(try both.problem().errors?.map(\.field) == ["project_id"])
            let unknownProject = try await post(client, try ProjectImportAPITests.fixture("trello-board.json"), [("project_id", ProjectID.random().description)], token: admin)
            #expect(try unknownProject.problem().errors?.map(\.field) == ["project_id"])
            let badLists = try await post(client, Data("{}".utf8), target + [("lists", "columns")], token: admin)
            #expect(try badLists.problem().errors?.map(\.field) == ["lists"])
            let unknown = try await post(client, Data("{}".utf8), target + [("board_id", "x")], token: admin)
            #expect(unknown.status == .badRequest, "an unknown parameter is refused, not ignored")
            let csv = try await post(client, Data("{}".utf8), target, token: admin, contentType: "text/csv")
            #expect(csv.status == .unsupportedMediaType)
            let manager = try await post(client, try ProjectImportAPITests.fixture("trello-board.json"), target, token: world.token(.manager))
            #expect(manager.status == .forbidden)
            #expect(try await count() == before)
        }
    }

    @Test func aBoardLargerThanTheImportLimitIsRefused() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.maxImportBytes = 4096
        try await withExpenseApp(configuration: configuration) { (world, client) async throws in
            let file = try ProjectImportAPITests.fixture("trello-board.json")
            #expect(file.count > 4096)
            let refused = try await post(
                client, file, [("client_id", world.roles.clientID.description), ("team_id", world.roles.teamID.description)], token: world.token(.admin))
            #expect(refused.status == .contentTooLarge)
            #expect(refused.isProblem)
        }
    }
}
