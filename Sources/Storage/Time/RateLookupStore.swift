public import Domain
public import Postgres

/// The rates and currencies an approval needs.
public struct RateLookup: Sendable {
    /// Every effective-dated table of the requested tasks, projects, project members
    /// and collaborators (billable defaults and cost), up to the last work date.
    public let resolver: RateResolver
    /// The currency of each requested project (its task and project rates are in it).
    public let currencies: [ProjectID: Currency]
}

/// Loads the effective-dated rate tables `RateResolver` reads: `task_rates`,
/// `project_rates` (project and project-member rows) and `user_rates`. Task and project
/// rates have no currency of their own: they are in their project's currency.
public struct RateLookupStore: Sendable {
    public init() {}

    /// The tables of `tasks`, `projects` (and their rows for `users`) and `users`, with
    /// every rate that starts on or before `through`.
    public func load(
        projects: [ProjectID], users: [UserID], tasks: [TaskID], through: LocalDate, on db: some PostgresQueryable
    ) async throws -> RateLookup {
        var resolver = RateResolver()
        let currencies: [(ProjectID, Currency)] = try await db.query(
            "SELECT id, currency FROM projects WHERE id = ANY(\(projects))"
        ) { row in (try row.decode("id"), try row.decode("currency")) }

        let taskRows = try await db.query(
            """
            SELECT tr.task_id, tr.effective_from, tr.rate_scaled, p.currency
            FROM task_rates tr JOIN tasks t ON t.id = tr.task_id JOIN projects p ON p.id = t.project_id
            WHERE tr.task_id = ANY(\(tasks)) AND tr.effective_from <= \(through)
            """)
        for row in taskRows {
            resolver.add(try Self.rate(row), from: try row.decode("effective_from"), to: .task(try row.decode("task_id")))
        }

        let projectRows = try await db.query(
            """
            SELECT pr.project_id, pr.user_id, pr.effective_from, pr.rate_scaled, p.currency
            FROM project_rates pr JOIN projects p ON p.id = pr.project_id
            WHERE pr.project_id = ANY(\(projects)) AND (pr.user_id IS NULL OR pr.user_id = ANY(\(users)))
              AND pr.effective_from <= \(through)
            """)
        for row in projectRows {
            let project: ProjectID = try row.decode("project_id")
            let user: UserID? = try row.decode("user_id")
            let table: RateTable = user.map { .projectMember(project, $0) } ?? .project(project)
            resolver.add(try Self.rate(row), from: try row.decode("effective_from"), to: table)
        }

        let userRates = try await db.query(
            "SELECT \(RateStore.columns) FROM user_rates r WHERE r.user_id = ANY(\(users)) AND r.effective_from <= \(through)",
            RateStore.decode)
        for rate in userRates { resolver.add(rate) }
        return RateLookup(resolver: resolver, currencies: Dictionary(currencies, uniquingKeysWith: { first, _ in first }))
    }

    static func rate(_ row: PostgresRow) throws -> HourlyRate {
        let scaled: Int64 = try row.decode("rate_scaled")
        let currency: Currency = try row.decode("currency")
        do {
            return try HourlyRate(scaled: scaled, currency: currency)
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"rate_scaled\" holds a negative rate")
        }
    }
}
