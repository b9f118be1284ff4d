import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// A ``WorkWorld`` served by the real application, with a session token per role and
/// helpers that write time entries straight into the database (so tests of reading,
/// approving and exporting do not depend on the create endpoint).
struct TimeAPIWorld: Sendable {
    let work: WorkWorld
    let pool: PostgresPool
    let tokens: [RoleWorld.Who: String]

    var roles: RoleWorld { work.roles }
    var projectID: ProjectID { work.projectID }
    var designTaskID: TaskID { work.billableTaskID }
    var meetingTaskID: TaskID { work.internalTaskID }

    func token(_ who: RoleWorld.Who) -> String { tokens[who]! }

    func user(_ who: RoleWorld.Who) -> UserID { roles.user(who)!.id }

    /// Inserts an entry as stored, by default the member's 60 open minutes of design.
    @discardableResult
    func insertEntry(
        _ date: String, minutes: Int = 60, by who: RoleWorld.Who = .member, project: ProjectID? = nil, task: TaskID? = nil,
        status: String = "open", note: String = "", billable: Bool = true, clientRejectionComment: String? = nil
    ) async throws -> TimeEntryID {
        let id = TimeEntryID.random()
        let captured = !["open", "submitted"].contains(status)
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status, client_rejection_comment,
                                      billable_rate_scaled, cost_rate_scaled, rate_currency, invoice_line_id)
            VALUES (\(id), \(user(who)), \(project ?? projectID), \(task ?? designTaskID), \(date)::date, \(minutes), \(note), \(billable),
                    \(status), \(clientRejectionComment), \(captured ? 950_000 : nil), \(captured ? 500_000 : nil), \(captured ? "EUR" : nil),
                    \(status == "invoiced" ? try await InvoiceLineFixture.make(pool: pool) : nil))
            """)
        return id
    }

    /// A new project of the world's client, run by `team` (the world's team by default),
    /// with one billable task "Design"; `members` are assigned.
    func newProject(team: TeamID? = nil, members: [RoleWorld.Who] = [.member], status: String = "active", rate: Int64? = nil)
        async throws -> (project: ProjectID, task: TaskID)
    {
        let project = ProjectID.random()
        let task = TaskID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, status)
            VALUES (\(project), \(roles.clientID), \(team ?? roles.teamID), \("Project \(project.description.prefix(6))"),
                    \("P-\(project.description.prefix(6))"), 'time_and_materials', 'EUR', \(status))
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Design', true)")
        for who in members {
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(user(who)))")
        }
        if let rate {
            try await pool.execute(
                "INSERT INTO project_rates (id, project_id, effective_from, rate_scaled) VALUES (\(UUID()), \(project), '2020-01-01', \(rate))")
        }
        return (project, task)
    }

    /// A team the world's manager does not lead.
    func otherTeam() async throws -> TeamID {
        let team = TeamID.random()
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(team), \("Elsewhere \(team.description.prefix(6))"))")
        return team
    }

    func status(of id: TimeEntryID) async throws -> String {
        try await pool.queryOne("SELECT status FROM time_entries WHERE id = \(id)").decode("status")
    }

    func version(of id: TimeEntryID) async throws -> Int {
        try await pool.queryOne("SELECT version FROM time_entries WHERE id = \(id)").decode("version")
    }

    /// The code of the world's project (random per world).
    func projectCode() async throws -> String {
        try await pool.queryOne("SELECT code FROM projects WHERE id = \(projectID)").decode("code")
    }

    /// How many rows `table` holds (a constant table name chosen by the test).
    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await pool.queryOne("SELECT count(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").decode("n")
    }

    /// The body of a new entry on the world's project.
    func entryJSON(_ date: String, minutes: Int = 60, task: TaskID? = nil, project: ProjectID? = nil, extra: String = "") -> String {
        #"{"project_id":"\#(project ?? projectID)","task_id":"\#(task ?? designTaskID)","work_date":"\#(date)","minutes":\#(minutes)\#(extra)}"#
    }
}

/// Runs `body` against the real router on a fresh database holding a ``WorkWorld``.
func withTimeApp(_ body: @Sendable (TimeAPIWorld, any TestClientProtocol) async throws -> Void) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool(size: 6)
        let work = try await WorkWorld.make(pool: pool)
        var tokens: [RoleWorld.Who: String] = [:]
        for who in [RoleWorld.Who.admin, .manager, .member, .client] { tokens[who] = try await work.roles.token(who) }
        let world = TimeAPIWorld(work: work, pool: pool, tokens: tokens)
        let app = try TestApp.application(pool: pool)
        try await app.test(.router) { client in
            try await body(world, client)
        }
    }
}

extension TestResponse {
    /// The problem's `detail`.
    func detail() throws -> String {
        try #require(try object()["detail"] as? String, "no detail in \(String(buffer: body))")
    }
}
