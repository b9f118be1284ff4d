import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 18 item 4: no N+1 on the main routes. Each route is called on a small world,
/// then again after the data has grown tenfold (more entries, on more projects, in
/// every state, more expenses); the number of statements the request sent to
/// PostgreSQL must be the same.
@Suite struct StatementCountTests {
    static let routes: [(RoleWorld.Who, String)] = [
        (.admin, "/api/v1/time-entries"), (.manager, "/api/v1/time-entries"), (.member, "/api/v1/time-entries"),
        (.client, "/api/v1/time-entries"), (.admin, "/api/v1/time-entries?status=approved&limit=200"),
        (.member, "/api/v1/time-entries?from=2026-03-02&to=2026-03-08"), (.admin, "/api/v1/approvals"), (.manager, "/api/v1/approvals"),
        (.admin, "/api/v1/billable"), (.admin, "/api/v1/projects"), (.member, "/api/v1/projects"), (.admin, "/api/v1/expenses"),
        (.admin, "/api/v1/reports/missing-time?from=2026-03-02&to=2026-03-08"), (.admin, "/api/v1/reports/retainers"),
        (.admin, "/api/v1/invoices"), (.admin, "/api/v1/exports/time-entries.csv"), (.admin, "/api/v1/me"),
    ]

    /// Statements per route: the fewest of two calls, so that the session touch made at
    /// most twice a minute cannot land in one measurement only.
    func counts(_ world: TimeAPIWorld, _ client: any TestClientProtocol, extra: [(RoleWorld.Who, String)]) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (who, uri) in Self.routes + extra {
            var fewest = Int.max
            for _ in 0..<2 {
                let before = await world.pool.statistics().statements
                let response = try await client.call(.get, uri, token: world.token(who))
                #expect(response.status == .ok, "\(who) \(uri): \(response.text)")
                fewest = min(fewest, await world.pool.statistics().statements - before)
            }
            result["\(who) \(uri)"] = fewest
        }
        return result
    }

    /// `count` entries of each person on `project` in March 2026, in every state.
    func grow(_ world: TimeAPIWorld, project: ProjectID, task: TaskID, count: Int) async throws {
        for who in [RoleWorld.Who.member, .manager, .admin] {
            try await world.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                          billable_rate_scaled, cost_rate_scaled, rate_currency)
                SELECT gen_random_uuid(), \(world.user(who)), \(project), \(task), DATE '2026-03-01' + (n % 28), 15, true,
                       (ARRAY['open', 'submitted', 'approved'])[1 + n % 3],
                       CASE WHEN n % 3 = 2 THEN 950000 END, CASE WHEN n % 3 = 2 THEN 500000 END, CASE WHEN n % 3 = 2 THEN 'EUR' END
                FROM generate_series(1, \(count)::int) n
                """)
        }
        try await world.pool.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable, status)
            SELECT gen_random_uuid(), \(world.user(.member)), \(project), DATE '2026-03-01' + (n % 28), 'travel', 1000 + n, 'EUR', 2100, true,
                   (ARRAY['open', 'submitted', 'approved'])[1 + n % 3]
            FROM generate_series(1, \(count)::int) n
            """)
    }

    @Test func statementsPerRequestDoNotGrowWithTheData() async throws {
        try await withTimeApp { (world, client) async throws in
            try await grow(world, project: world.projectID, task: world.designTaskID, count: 3)
            let extra: [(RoleWorld.Who, String)] = [
                (.admin, "/api/v1/projects/\(world.projectID)/budget"), (.manager, "/api/v1/projects/\(world.projectID)/budget"),
            ]
            let small = try await counts(world, client, extra: extra)
            for _ in 0..<3 {
                let more = try await world.newProject(members: [.member, .manager, .admin])
                try await grow(world, project: more.project, task: more.task, count: 10)
            }
            try await grow(world, project: world.projectID, task: world.designTaskID, count: 30)
            let large = try await counts(world, client, extra: extra)
            for (route, statements) in small.sorted(by: { $0.key < $1.key }) {
                #expect(large[route] == statements, "\(route): \(statements) statements on the small world, \(large[route] ?? -1) on the large one")
            }
        }
    }
}
