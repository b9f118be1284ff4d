public import Domain
public import Postgres

extension DemoStore {
    /// The team of staff user `u`, and its lead (the team's first user).
    static let team: SQL = SQL(unsafeRaw: "((u - 1) / \(DemoPlan.teamSize) + 1)")
    static let lead: SQL = SQL(unsafeRaw: "(((u - 1) / \(DemoPlan.teamSize)) * \(DemoPlan.teamSize) + 1)")

    /// The time of staff users `users`: on each work day of the history two to four
    /// entries (30 minutes to 3 hours each, so never near the daily limit) on the
    /// projects of their team; approved before ``DemoPlan/submittedFrom`` (rates
    /// captured, decided by the team lead — the admin for the lead's own), submitted
    /// until ``DemoPlan/openFrom``, open after. Returns the number of rows inserted.
    public func insertTime(_ plan: DemoPlan, users: ClosedRange<Int>, on db: some PostgresQueryable) async throws -> Int {
        let notes = [
            "''", "'Sprint planning'", "'Code review'", "'Client call'", "'Bug fixes'", "'Wireframes'", "'Deployment'",
            "'Copy edits'", "'Accessibility pass'", "'Performance work'", "''", "'Workshop'",
        ]
        return try await db.execute(
            """
            WITH \(Self.parameters(plan)),
            days AS (SELECT d::date AS day, d::date - k.first_day AS n
                     FROM k, generate_series(k.first_day, k.last_day, interval '1 day') d WHERE extract(isodow FROM d) < 6),
            slots AS (
                SELECT u, \(Self.team) AS t, days.day, days.n, s
                FROM k, generate_series(\(users.lowerBound)::int, \(users.upperBound)::int) u, days, generate_series(0, 3) s
                WHERE s < (ARRAY[2, 3, 3, 4, 4])[1 + \(Self.hash("':c:' || u || ':' || days.n")) % 5]),
            work AS (
                SELECT slots.*,
                       slots.t + \(Self.hash("':p:' || u || ':' || n || ':' || s")) % ((k.projects - slots.t) / k.teams + 1) * k.teams AS j,
                       (ARRAY[1, 1, 1, 2, 2, 2, 2, 3, 3, 4])[1 + \(Self.hash("':k:' || u || ':' || n || ':' || s")) % 10] AS task,
                       15 * (2 + \(Self.hash("':m:' || u || ':' || n || ':' || s")) % 11) AS minutes,
                       CASE WHEN day < k.submitted_from THEN 'approved' WHEN day < k.open_from THEN 'submitted' ELSE 'open' END AS status
                FROM k, slots)
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status,
                                      billable_rate_scaled, cost_rate_scaled, rate_currency, approved_by, approved_at, created_at, updated_at)
            SELECT \(Self.uuid("':te:' || u || ':' || n || ':' || s")), \(Self.uuid("':user:' || u")), \(Self.uuid("':project:' || j")),
                   \(Self.uuid("':task:' || j || ':' || task")), day, minutes, \(Self.pick(notes, by: "':nt:' || u || ':' || n || ':' || s")),
                   task <> 4, status,
                   CASE WHEN status = 'approved' THEN \(Self.billableRate("u")) END,
                   CASE WHEN status = 'approved' THEN \(Self.costRate("u")) END,
                   CASE WHEN status = 'approved' THEN 'EUR' END,
                   CASE WHEN status = 'approved' THEN \(Self.uuid("':user:' || CASE WHEN u = \(Self.lead) THEN 0 ELSE \(Self.lead) END")) END,
                   CASE WHEN status = 'approved' THEN (day + 7 + time '09:00')::timestamp AT TIME ZONE 'UTC' END,
                   (day + time '17:00' + s * interval '7 minutes') AT TIME ZONE 'UTC',
                   (day + time '17:00' + s * interval '7 minutes') AT TIME ZONE 'UTC'
            FROM k, work
            """)
    }

    /// One expense a month per staff user in `users`, on their team's first project,
    /// in the same states as time of that day.
    public func insertExpenses(_ plan: DemoPlan, users: ClosedRange<Int>, on db: some PostgresQueryable) async throws -> Int {
        let categories = ["'travel'", "'travel'", "'software_licence'", "'subcontracting'", "'equipment'", "'other'"]
        return try await db.execute(
            """
            WITH \(Self.parameters(plan)),
            spent AS (
                SELECT u, m, least(k.last_day, k.first_day + 30 * m + \(Self.hash("':ed:' || u || ':' || m")) % 25) AS day
                FROM k, generate_series(\(users.lowerBound)::int, \(users.upperBound)::int) u, generate_series(0, 11) m),
            work AS (
                SELECT spent.*, CASE WHEN day < k.submitted_from THEN 'approved' WHEN day < k.open_from THEN 'submitted' ELSE 'open' END AS status
                FROM k, spent)
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                  markup_bp, note, status, submitted_at, approved_by, approved_at, created_at, updated_at)
            SELECT \(Self.uuid("':ex:' || u || ':' || m")), \(Self.uuid("':user:' || u")), \(Self.uuid("':project:' || \(Self.team.text)")),
                   day, \(Self.pick(categories, by: "':ec:' || u || ':' || m")), 2000 + \(Self.hash("':ea:' || u || ':' || m")) % 48000, 'EUR', 2100,
                   \(Self.hash("':er:' || u || ':' || m")) % 3 <> 0, CASE WHEN \(Self.hash("':em:' || u || ':' || m")) % 2 = 0 THEN 1000 ELSE 0 END,
                   'Demo expense', status,
                   CASE WHEN status <> 'open' THEN (day + 1)::timestamp AT TIME ZONE 'UTC' END,
                   CASE WHEN status = 'approved' THEN \(Self.uuid("':user:' || CASE WHEN u = \(Self.lead) THEN 0 ELSE \(Self.lead) END")) END,
                   CASE WHEN status = 'approved' THEN (day + 7)::timestamp AT TIME ZONE 'UTC' END,
                   day::timestamp AT TIME ZONE 'UTC', day::timestamp AT TIME ZONE 'UTC'
            FROM k, work
            """)
    }

    /// The demo's time-and-materials projects with their clients, in project order.
    public func timeAndMaterialsProjects(_ plan: DemoPlan, on db: some PostgresQueryable) async throws -> [(ProjectID, ClientID)] {
        try await db.query(
            """
            WITH \(Self.parameters(plan))
            SELECT p.id, p.client_id FROM k, generate_series(1, k.projects) j, projects p
            WHERE p.id = \(Self.uuid("':project:' || j")) AND p.billing_model = 'time_and_materials' ORDER BY j
            """
        ) { row in (try row.decode("id"), try row.decode("client_id")) }
    }

    /// The demo admin's id.
    public func adminID(_ plan: DemoPlan, on db: some PostgresQueryable) async throws -> UserID {
        try await db.queryOne("WITH \(Self.parameters(plan)) SELECT \(Self.uuid("':user:0'")) AS id FROM k").decode("id")
    }
}
