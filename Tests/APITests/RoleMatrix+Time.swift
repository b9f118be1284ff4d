import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

extension MatrixFixture {
    /// A fresh project of the world's client run by the world's team, with a billable
    /// task "Design", a project rate (so approvals resolve) and every staff user
    /// assigned; `owner`'s entry on it in `status` (the member's for a client contact).
    func newTimeEntry(for who: Who, status: String = "open") async throws -> (entry: TimeEntryID, project: ProjectID, code: String) {
        let project = ProjectID.random()
        let task = TaskID.random()
        let code = "TIME-\(unique())"
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            VALUES (\(project), \(world.clientID), \(world.teamID), \("Time \(code)"), \(code), 'time_and_materials', 'EUR')
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Design', true)")
        try await pool.execute(
            "INSERT INTO project_rates (id, project_id, effective_from, rate_scaled) VALUES (\(UUID()), \(project), '2020-01-01', 900000)")
        for user in [world.admin.id, world.manager.id, world.member.id] {
            try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(project), \(user))")
        }
        let owner = who == .admin || who == .manager ? world.user(who)!.id : world.member.id
        let entry = TimeEntryID.random()
        let captured = ["approved", "client_validated", "invoiced"].contains(status)
        try await pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                      billable_rate_scaled, cost_rate_scaled, rate_currency)
            VALUES (\(entry), \(owner), \(project), \(task), '2026-04-06', 60, true, \(status),
                    \(captured ? 900_000 : nil), \(captured ? 500_000 : nil), \(captured ? "EUR" : nil))
            """)
        return (entry, project, code)
    }
}

/// Who may log, read, submit, approve, report, export and import time (SPEC §3 rows
/// 1–3; issue 4 items 4, 5, 7, 8). Each attempt acts on its own fresh project and entry.
private func staffOnly(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: status, .client: .forbidden, .anonymous: .unauthorized]
}

private func approvers(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    static let time: [MatrixCase] = [
        // Everyone signed in lists what they may see (a contact: their client's signed-off time).
        MatrixCase(method: .get, route: "/api/v1/time-entries", expected: MatrixCase.signedIn(.ok)),
        // Staff log their own time on projects they belong to; a contact is refused.
        MatrixCase(method: .post, route: "/api/v1/time-entries", expected: staffOnly(.created)) { fixture, who in
            let created = try await fixture.newTimeEntry(for: who)
            let task: UUID = try await fixture.pool.queryOne("SELECT id FROM tasks WHERE project_id = \(created.project)").decode("id")
            return MatrixRequest(json: #"{"project_id":"\#(created.project)","task_id":"\#(task)","work_date":"2026-04-07","minutes":30}"#)
        },
        // An approved entry of the member: staff who see it and the client's contact read it.
        MatrixCase(method: .get, route: "/api/v1/time-entries/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/time-entries/\(try await fixture.newTimeEntry(for: .member, status: "approved").entry)")
        },
        // Each staff user edits their own open entry; a contact cannot see the member's open one.
        MatrixCase(
            method: .patch, route: "/api/v1/time-entries/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, who in
            MatrixRequest(
                uri: "/api/v1/time-entries/\(try await fixture.newTimeEntry(for: who).entry)", json: #"{"minutes":45}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(
            method: .delete, route: "/api/v1/time-entries/{id}",
            expected: [.admin: .noContent, .manager: .noContent, .member: .noContent, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, who in
            MatrixRequest(uri: "/api/v1/time-entries/\(try await fixture.newTimeEntry(for: who).entry)")
        },
        MatrixCase(method: .post, route: "/api/v1/timesheets/submit", expected: staffOnly(.ok)) { _, _ in
            MatrixRequest(json: #"{"week":"2026-04-06"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/approvals", expected: approvers(.ok)),
        // A submitted entry of the member on the manager's team's project.
        MatrixCase(method: .post, route: "/api/v1/approvals", expected: approvers(.ok)) { fixture, _ in
            let submitted = try await fixture.newTimeEntry(for: .member, status: "submitted")
            return MatrixRequest(json: #"{"time_entry_ids":["\#(submitted.entry)"],"decision":"approve"}"#)
        },
        // The admin reads everyone, a manager their teams, a member themselves.
        MatrixCase(method: .get, route: "/api/v1/reports/missing-time", expected: staffOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/missing-time?from=2026-04-06&to=2026-04-10")
        },
        MatrixCase(method: .get, route: "/api/v1/exports/time-entries.csv", expected: MatrixCase.signedIn(.ok)),
        // The same export as a workbook (issue 16 item 4): the same readers.
        MatrixCase(method: .get, route: "/api/v1/exports/time-entries.xlsx", expected: MatrixCase.signedIn(.ok)),
        // The CSV travels in the body (the matrix's body field, labelled text/csv).
        MatrixCase(method: .post, route: "/api/v1/imports/time-entries", expected: staffOnly(.ok)) { fixture, who in
            let created = try await fixture.newTimeEntry(for: who)
            let email = fixture.world.user(who)?.email ?? fixture.world.member.email
            return MatrixRequest(
                uri: "/api/v1/imports/time-entries?format=sheaf&dry_run=true",
                json: "date,user_email,project_code,task,minutes\r\n2026-04-08,\(email),\(created.code),Design,30\r\n",
                headers: [.contentType: "text/csv"])
        },
    ]
}
