public import Domain
public import Postgres

extension DemoStore {
    /// Project `j`'s billing model in SQL, as ``DemoPlan/billingModel(ofProject:)`` decides it.
    static let model: SQL = "(CASE j % 4 WHEN 2 THEN 'fixed_price' WHEN 0 THEN 'retainer' ELSE 'time_and_materials' END)"

    /// Projects (team `(j - 1) % teams + 1`, client `(j - 1) % clients + 1`), their four
    /// tasks, their members (the whole team), and what each model brings: milestones and
    /// two change requests (one accepted, with its task; one quoted) for fixed-price
    /// projects, a monthly retainer for retainer projects.
    public func insertCatalog(_ plan: DemoPlan, on db: some PostgresQueryable) async throws {
        let subjects = ["'Website'", "'Mobile app'", "'Brand refresh'", "'Data platform'", "'Intranet'", "'Campaign'", "'Shop'", "'Portal'"]
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, budget_minutes, budget_amount_minor,
                                  estimated_minutes, contract_amount_minor, created_at)
            SELECT \(Self.uuid("':project:' || j")), \(Self.uuid("':client:' || ((j - 1) % k.clients + 1)")),
                   \(Self.uuid("':team:' || ((j - 1) % k.teams + 1)")), \(Self.pick(subjects, by: "':pn:' || j")) || ' ' || j,
                   'D' || \(unsafeRaw: String(plan.seed)) || '-' || lpad(j::text, 4, '0'), \(Self.model), 'EUR',
                   CASE WHEN \(Self.model) = 'time_and_materials' THEN 60 * (2000 + \(Self.hash("':pb:' || j")) % 4000) END,
                   CASE WHEN \(Self.model) = 'time_and_materials' THEN 100 * (200000 + \(Self.hash("':pa:' || j")) % 400000)::bigint END,
                   60 * (1500 + \(Self.hash("':pe:' || j")) % 3000),
                   CASE WHEN \(Self.model) = 'fixed_price' THEN 100 * (40000 + \(Self.hash("':pc:' || j")) % 8 * 10000)::bigint END,
                   k.first_day - 45
            FROM k, generate_series(1, k.projects) j
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO tasks (id, project_id, name, billable, created_at)
            SELECT \(Self.uuid("':task:' || j || ':' || n")), \(Self.uuid("':project:' || j")),
                   (ARRAY['Design', 'Development', 'Project management', 'Internal meetings', 'Change request CR-1'])[n], n <> 4, k.first_day - 45
            FROM k, generate_series(1, k.projects) j, generate_series(1, 5) n
            WHERE n < 5 OR j % 4 = 2
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO project_members (project_id, user_id)
            SELECT \(Self.uuid("':project:' || j")), \(Self.uuid("':user:' || (((j - 1) % k.teams) * \(DemoPlan.teamSize) + m)"))
            FROM k, generate_series(1, k.projects) j, generate_series(1, \(unsafeRaw: String(DemoPlan.teamSize))) m
            """)
        try await insertMilestones(plan, on: db)
        try await insertChangeRequests(plan, on: db)
        try await insertRetainers(plan, on: db)
    }

    /// Four milestones of 25 % per fixed-price project: two accepted, one delivered, one planned.
    func insertMilestones(_ plan: DemoPlan, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO milestones (id, project_id, position, name, basis_points, currency, due_date, acceptance_criteria, status,
                                    delivered_amount_minor, delivered_at, delivered_by, decided_at, decision_comment)
            SELECT \(Self.uuid("':milestone:' || j || ':' || n")), p.id, n - 1,
                   (ARRAY['Discovery', 'Design sign-off', 'Beta', 'Launch'])[n], 2500, 'EUR', k.first_day + 90 * n,
                   'Delivered as agreed in the statement of work.', (ARRAY['accepted', 'accepted', 'delivered', 'planned'])[n],
                   CASE WHEN n < 4 THEN p.contract_amount_minor / 4 END,
                   CASE WHEN n < 4 THEN (k.first_day + 90 * n - 3)::timestamp AT TIME ZONE 'UTC' END,
                   CASE WHEN n < 4 THEN p.team_lead END,
                   CASE WHEN n < 3 THEN (k.first_day + 90 * n)::timestamp AT TIME ZONE 'UTC' END,
                   CASE WHEN n < 3 THEN 'Accepted.' END
            FROM k, generate_series(1, k.projects) j, generate_series(1, 4) n,
                 LATERAL (SELECT pr.id, pr.contract_amount_minor, \(Self.uuid("':user:' || (((j - 1) % k.teams) * \(DemoPlan.teamSize) + 1)")) AS team_lead
                          FROM projects pr WHERE pr.id = \(Self.uuid("':project:' || j"))) p
            WHERE j % 4 = 2
            """)
    }

    /// CR-1 (accepted, fixed, on its own task) and CR-2 (quoted, hourly) per fixed-price project.
    func insertChangeRequests(_ plan: DemoPlan, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO change_requests (id, project_id, number, title, description, estimated_minutes, pricing, amount_minor,
                                         hourly_rate_scaled, currency, status, task_id, quoted_at, quoted_by, decided_at, decision_comment)
            SELECT \(Self.uuid("':cr:' || j || ':' || n")), \(Self.uuid("':project:' || j")), n,
                   (ARRAY['Extra language', 'Analytics dashboard'])[n], 'Requested by the client during the project.', 60 * 30 * n,
                   (ARRAY['fixed', 'hourly'])[n], CASE WHEN n = 1 THEN 250000::bigint END, CASE WHEN n = 2 THEN 1100000::bigint END, 'EUR',
                   (ARRAY['accepted', 'quoted'])[n], CASE WHEN n = 1 THEN \(Self.uuid("':task:' || j || ':5'")) END,
                   (k.first_day + 60 * n)::timestamp AT TIME ZONE 'UTC', \(Self.uuid("':user:' || (((j - 1) % k.teams) * \(DemoPlan.teamSize) + 1)")),
                   CASE WHEN n = 1 THEN (k.first_day + 60 * n + 5)::timestamp AT TIME ZONE 'UTC' END, CASE WHEN n = 1 THEN 'Go ahead.' END
            FROM k, generate_series(1, k.projects) j, generate_series(1, 2) n
            WHERE j % 4 = 2
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            UPDATE tasks t SET change_request_id = \(Self.uuid("':cr:' || j || ':1'"))
            FROM k, generate_series(1, k.projects) j
            WHERE j % 4 = 2 AND t.id = \(Self.uuid("':task:' || j || ':5'"))
            """)
    }

    /// A monthly retainer from the first month of the history per retainer project.
    func insertRetainers(_ plan: DemoPlan, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO retainers (project_id, monthly_fee_minor, currency, included_minutes, overage_rate_scaled, period_start_day,
                                   start_date, unused_rule, alert_threshold_percent, renewal_notes)
            SELECT \(Self.uuid("':project:' || j")), 100 * (3000 + \(Self.hash("':rf:' || j")) % 4 * 1000)::bigint, 'EUR',
                   60 * (40 + \(Self.hash("':ri:' || j")) % 4 * 10), 950000, 1, date_trunc('month', k.first_day)::date, 'forfeit', 80,
                   'Renewed yearly.'
            FROM k, generate_series(1, k.projects) j
            WHERE j % 4 = 0
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled)
            SELECT \(Self.uuid("':project:' || j")), date_trunc('month', k.first_day)::date, 950000
            FROM k, generate_series(1, k.projects) j
            WHERE j % 4 = 0
            """)
    }
}
