public import Domain
public import Postgres

/// The bulk SQL of `sheaf demo` (issue 18 item 1): set-based `INSERT … SELECT` over
/// `generate_series`, so a million time entries load in a few statements rather than
/// a million round trips. Every id and value is derived from the plan's seed by
/// hashing (``hash(_:)``): the same plan loads the same rows.
///
/// Every statement starts with the CTE `k` (``parameters(_:)``), which binds the plan
/// once; the fragments below read it.
public struct DemoStore: Sendable {
    public init() {}

    /// The plan as one row `k`: the only bound values of the statements.
    static func parameters(_ plan: DemoPlan) -> SQL {
        """
        k AS (SELECT \("demo-\(plan.seed):")::text AS seed, \(plan.teams)::int AS teams, \(plan.staff)::int AS staff,
                     \(plan.projects)::int AS projects, \(plan.clients)::int AS clients, \(plan.firstDay)::date AS first_day,
                     \(plan.lastDay)::date AS last_day, \(plan.submittedFrom)::date AS submitted_from, \(plan.openFrom)::date AS open_from,
                     \("demo\(plan.seed).example")::text AS domain)
        """
    }

    /// A non-negative integer from the seed and `key` (an SQL text expression of the program).
    static func hash(_ key: String) -> SQL {
        SQL(unsafeRaw: "(('x' || left(md5(k.seed || \(key)), 8))::bit(32)::int & 2147483647)")
    }

    /// A uuid from the seed and `key`.
    static func uuid(_ key: String) -> SQL {
        SQL(unsafeRaw: "md5(k.seed || \(key))::uuid")
    }

    /// Picks one of `values` (SQL literals) by the hash of `key`.
    static func pick(_ values: [String], by key: String) -> SQL {
        SQL(unsafeRaw: "(ARRAY[\(values.joined(separator: ","))])[1 + ") + hash(key) + SQL(unsafeRaw: " % \(values.count)]")
    }

    static let firstNames = [
        "'Ada'", "'Grace'", "'Alan'", "'Hedy'", "'Linus'", "'Margaret'", "'Edsger'", "'Barbara'", "'Donald'", "'Frances'",
        "'Ken'", "'Radia'", "'Dennis'", "'Katherine'", "'Tim'", "'Sophie'", "'Niklaus'", "'Anita'", "'John'", "'Karen'",
    ]
    static let lastNames = [
        "'Lovelace'", "'Hopper'", "'Turing'", "'Lamarr'", "'Torvalds'", "'Hamilton'", "'Dijkstra'", "'Liskov'", "'Knuth'",
        "'Allen'", "'Thompson'", "'Perlman'", "'Ritchie'", "'Johnson'", "'Berners-Lee'", "'Wilson'", "'Wirth'", "'Borg'",
    ]

    /// The staff user `u`'s billable rate (80–150 per hour, ten-thousandths).
    static func billableRate(_ user: String) -> SQL { "(80 + " + hash("':br:' || \(user)") + " % 8 * 10) * 10000::bigint" }
    /// The staff user `u`'s cost rate (40–65 per hour, ten-thousandths).
    static func costRate(_ user: String) -> SQL { "(40 + " + hash("':cr:' || \(user)") + " % 6 * 5) * 10000::bigint" }

    /// Whether this plan's demo is already in the database (its admin exists).
    public func isLoaded(_ plan: DemoPlan, on db: some PostgresQueryable) async throws -> Bool {
        try await db.queryOne("WITH \(Self.parameters(plan)) SELECT EXISTS (SELECT 1 FROM users, k WHERE id = \(Self.uuid("':user:0'"))) AS loaded")
            .decode("loaded")
    }

    /// The agency's seller identity, where it is still missing, so that invoices can be issued.
    public func completeSeller(on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            UPDATE agency_settings SET
                legal_name = CASE WHEN legal_name = '' THEN 'Sheaf Demo Agency SRL' ELSE legal_name END,
                street = COALESCE(street, 'Rue de la Loi 16'), city = CASE WHEN street IS NULL THEN 'Brussels' ELSE city END,
                postal_code = CASE WHEN street IS NULL THEN '1000' ELSE postal_code END,
                country = CASE WHEN street IS NULL THEN 'BE' ELSE country END,
                vat_number = COALESCE(vat_number, 'BE0477472701'), company_number = COALESCE(company_number, '0477472701'),
                email = COALESCE(email, 'billing@demo.example'), iban = COALESCE(iban, 'BE68539007547034'),
                endpoint_scheme = COALESCE(endpoint_scheme, '0208'),
                endpoint_id = CASE WHEN endpoint_scheme IS NULL THEN '0477472701' ELSE endpoint_id END,
                version = version + 1, updated_at = now()
            WHERE id = 1
            """)
    }

    /// Teams, clients (with their buyer identity), every user — the demo admin, the
    /// staff, one client contact per client — and team memberships. All users share
    /// `passwordHash`.
    public func insertPeople(_ plan: DemoPlan, passwordHash: String, on db: some PostgresQueryable) async throws {
        let words = ["'Aurora'", "'Boreal'", "'Cobalt'", "'Delta'", "'Ember'", "'Fjord'", "'Granite'", "'Harbor'"]
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO teams (id, name) SELECT \(Self.uuid("':team:' || t")), 'Studio ' || \(Self.pick(words, by: "':tn:' || t")) || ' ' || t
            FROM k, generate_series(1, k.teams) t
            """)
        let companies = ["'Northwind'", "'Globex'", "'Initech'", "'Umbrella'", "'Hooli'", "'Stark'", "'Wayne'", "'Acme'", "'Tyrell'", "'Soylent'"]
        let trades = ["'Foods'", "'Logistics'", "'Bank'", "'Pharma'", "'Media'", "'Energy'", "'Retail'", "'Insurance'"]
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO clients (id, name, currency, payment_terms_days, street, city, postal_code, country, company_number,
                                 endpoint_scheme, endpoint_id, language)
            SELECT \(Self.uuid("':client:' || c")), \(Self.pick(companies, by: "':cn:' || c")) || ' ' || \(Self.pick(trades, by: "':ct:' || c")) || ' ' || c,
                   'EUR', 30, c || ' Avenue Louise', 'Brussels', '1050', 'BE', lpad((100000000 + c)::text, 10, '0'),
                   '0208', lpad((100000000 + c)::text, 10, '0'), 'en'
            FROM k, generate_series(1, k.clients) c
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan)),
            people AS (
                SELECT 0 AS u, 'admin' AS role, NULL::uuid AS client_id, 'Demo Admin' AS name, 'admin@' || k.domain AS email FROM k
                UNION ALL
                SELECT u, CASE WHEN (u - 1) % \(unsafeRaw: String(DemoPlan.teamSize)) = 0 THEN 'manager' ELSE 'member' END, NULL,
                       \(Self.pick(Self.firstNames, by: "':fn:' || u")) || ' ' || \(Self.pick(Self.lastNames, by: "':ln:' || u")), NULL
                FROM k, generate_series(1, k.staff) u
                UNION ALL
                SELECT k.staff + c, 'client', \(Self.uuid("':client:' || c")),
                       \(Self.pick(Self.firstNames, by: "':cfn:' || c")) || ' ' || \(Self.pick(Self.lastNames, by: "':cln:' || c")), NULL
                FROM k, generate_series(1, k.clients) c)
            INSERT INTO users (id, email, name, role, password_hash, client_id, created_at, updated_at)
            SELECT \(Self.uuid("':user:' || p.u")),
                   COALESCE(p.email, lower(replace(p.name, ' ', '.')) || '.' || p.u || '@' || k.domain), p.name, p.role,
                   \(passwordHash), p.client_id, k.first_day - 60, k.first_day - 60
            FROM k, people p
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO team_members (team_id, user_id, is_lead)
            SELECT \(Self.uuid("':team:' || ((u - 1) / \(DemoPlan.teamSize) + 1)")), \(Self.uuid("':user:' || u")), (u - 1) % \(unsafeRaw: String(DemoPlan.teamSize)) = 0
            FROM k, generate_series(1, k.staff) u
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO client_contacts (id, client_id, name, email, job_title, user_id)
            SELECT \(Self.uuid("':contact:' || c")), \(Self.uuid("':client:' || c")), u.name, u.email, 'Project sponsor', u.id
            FROM k, generate_series(1, k.clients) c, users u
            WHERE u.id = \(Self.uuid("':user:' || (k.staff + c)"))
            """)
        try await db.execute(
            """
            WITH \(Self.parameters(plan))
            INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency)
            SELECT \(Self.uuid("':rate:' || u || ':' || kind")), \(Self.uuid("':user:' || u")), kind, k.first_day - 30,
                   CASE kind WHEN 'billable' THEN \(Self.billableRate("u")) ELSE \(Self.costRate("u")) END, 'EUR'
            FROM k, generate_series(1, k.staff) u, unnest(ARRAY['billable', 'cost']) kind
            """)
    }
}
