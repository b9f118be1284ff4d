public import Domain
public import Postgres

/// The set-based SQL of the profitability report (issue 15 item 2, item 7): every
/// figure is aggregated in PostgreSQL, one row per group and currency, so the work is
/// proportional to the months of the period (the monthly totals of migration 0029)
/// and the entries of the days outside whole months, never to the whole table.
public struct ProfitabilityStore: Sendable {
    public init() {}

    /// The group key of a row: `alias` is the table holding `project_id`, `date` the
    /// date the row counts on. Built from the closed grouping, never from input.
    static func key(_ grouping: ProfitabilityGrouping, alias: String, date: String, person: String?) -> SQL {
        switch grouping {
        case .project: SQL(unsafeRaw: "\(alias).project_id::text")
        case .client: "p.client_id::text"
        case .person: SQL(unsafeRaw: person.map { "\($0)::text" } ?? "NULL::text")
        case .month: SQL(unsafeRaw: "to_char(\(date), 'YYYY-MM')")
        }
    }

    /// The statement of ``labour(_:by:on:)`` (the heaviest of the report; its plan is
    /// pinned by `ReportQueryPlanTests`): the whole months of `range` from the monthly
    /// totals of migration 0029 (each entry's cost rounded on its own when it was
    /// written), the other days entry by entry through the date index, with the very
    /// same rounding.
    static func labourQuery(_ range: ReportRange, by grouping: ProfitabilityGrouping) -> SQL {
        let split = range.monthSplit
        var parts: [SQL] = []
        if !split.months.isEmpty {
            let key = Self.key(grouping, alias: "s", date: "s.month", person: "s.user_id")
            parts.append(
                """
                SELECT \(key) AS key, s.currency, s.minutes, CASE WHEN s.billable THEN s.minutes ELSE 0 END AS billable_minutes,
                       s.cost_minor AS cost, s.unknown_cost_entries AS unknown_entries, s.unknown_cost_minutes AS unknown_minutes
                FROM time_entry_totals s JOIN projects p ON p.id = s.project_id
                WHERE s.entries > 0 AND (\(ReportSQL.within(split.months, "s.month")))
                """)
        }
        if !split.days.isEmpty {
            let key = Self.key(grouping, alias: "w", date: "w.work_date", person: "w.user_id")
            parts.append(
                """
                SELECT \(key) AS key, w.rate_currency AS currency, w.minutes, CASE WHEN w.billable THEN w.minutes ELSE 0 END AS billable_minutes,
                       \(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.cost_rate_scaled")) AS cost,
                       CASE WHEN w.cost_rate_scaled IS NULL THEN 1 ELSE 0 END AS unknown_entries,
                       CASE WHEN w.cost_rate_scaled IS NULL THEN w.minutes ELSE 0 END AS unknown_minutes
                FROM time_entries w JOIN projects p ON p.id = w.project_id \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
                WHERE w.status IN \(ReportSQL.approvedStatuses) AND (\(ReportSQL.within(split.days, "w.work_date")))
                """)
        }
        return """
            SELECT key, currency, sum(minutes)::bigint AS minutes, sum(billable_minutes)::bigint AS billable_minutes,
                   COALESCE(sum(cost), 0)::bigint AS cost, sum(unknown_entries)::bigint AS unknown_entries,
                   sum(unknown_minutes)::bigint AS unknown_minutes
            FROM (\(SQL.joined(parts, separator: " UNION ALL "))) x
            GROUP BY 1, 2
            """
    }

    /// Approved time (approved, client-validated, invoiced) worked in `range`: minutes,
    /// billable minutes, the cost at the captured cost rate, and the entries whose cost
    /// is unknown.
    public func labour(_ range: ReportRange, by grouping: ProfitabilityGrouping, on db: some PostgresQueryable) async throws
        -> [ProfitabilityLine]
    {
        try await db.query(Self.labourQuery(range, by: grouping)) { row in
            var line = ProfitabilityLine(key: try row.decode("key"), currency: try row.decode("currency"))
            line.minutes = try row.decode("minutes")
            line.billableMinutes = try row.decode("billable_minutes")
            line.labourCostMinor = try row.decode("cost")
            line.unknownCostEntries = try row.decode("unknown_entries")
            line.unknownCostMinutes = try row.decode("unknown_minutes")
            return line
        }
    }

    /// Approved expenses dated in `range`: non-rechargeable (a cost), rechargeable
    /// (passed through) and their markup, rounded per expense.
    public func expenses(_ range: ReportRange, by grouping: ProfitabilityGrouping, on db: some PostgresQueryable) async throws
        -> [ProfitabilityLine]
    {
        let key = Self.key(grouping, alias: "e", date: "e.expense_date", person: "e.user_id")
        return try await db.query(
            """
            SELECT \(key) AS key, e.currency,
                   COALESCE(sum(e.amount_minor) FILTER (WHERE NOT e.rechargeable), 0)::bigint AS non_rechargeable,
                   COALESCE(sum(e.amount_minor) FILTER (WHERE e.rechargeable), 0)::bigint AS rechargeable,
                   COALESCE(sum(round(e.amount_minor::numeric * e.markup_bp / 10000)) FILTER (WHERE e.rechargeable), 0)::bigint AS markup
            FROM expenses e JOIN projects p ON p.id = e.project_id
            WHERE e.status IN ('approved', 'client_validated', 'invoiced') AND e.expense_date BETWEEN \(range.from) AND \(range.to)
            GROUP BY 1, 2
            """
        ) { row in
            var line = ProfitabilityLine(key: try row.decode("key"), currency: try row.decode("currency"))
            line.nonRechargeableMinor = try row.decode("non_rechargeable")
            line.rechargeableMinor = try row.decode("rechargeable")
            line.markupMinor = try row.decode("markup")
            return line
        }
    }

    /// The nets of the issued documents dated in `range`, line by line so that each
    /// counts for its project (a deposit deduction for the deposit's project); by
    /// person, revenue belongs to no one (key nil).
    public func revenue(_ range: ReportRange, by grouping: ProfitabilityGrouping, on db: some PostgresQueryable) async throws
        -> [ProfitabilityLine]
    {
        let key: SQL =
            switch grouping {
            case .project: "l.project_id::text"
            case .client: "i.client_id::text"
            case .person: "NULL::text"
            case .month: "to_char(i.issue_date, 'YYYY-MM')"
            }
        return try await db.query(
            """
            SELECT \(key) AS key, i.currency,
                   COALESCE(sum(l.net_minor) FILTER (WHERE i.kind <> 'credit_note'), 0)::bigint AS invoiced,
                   COALESCE(sum(l.net_minor) FILTER (WHERE i.kind = 'credit_note'), 0)::bigint AS credited
            FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
            WHERE i.status = 'issued' AND i.issue_date BETWEEN \(range.from) AND \(range.to)
            GROUP BY 1, 2
            """
        ) { row in
            var line = ProfitabilityLine(key: try row.decode("key"), currency: try row.decode("currency"))
            line.invoicedMinor = try row.decode("invoiced")
            line.creditedMinor = try row.decode("credited")
            return line
        }
    }

    /// The estimate in minutes and the planned expenses (in the project's currency) of
    /// each of `projects` that has either.
    public func plans(_ projects: [ProjectID], on db: some PostgresQueryable) async throws -> [ProjectID: ProjectPlan] {
        guard !projects.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT id, currency, estimated_minutes::bigint AS estimate, planned_expenses_minor FROM projects
            WHERE id = ANY(\(projects)::uuid[]) AND (estimated_minutes IS NOT NULL OR planned_expenses_minor IS NOT NULL)
            """
        ) { row in
            let currency: Currency = try row.decode("currency")
            return (
                try row.decode("id", as: ProjectID.self),
                ProjectPlan(
                    estimatedMinutes: try row.decode("estimate"),
                    plannedExpenses: try row.decode("planned_expenses_minor", as: Int64?.self).map { Money(amountMinor: $0, currency: currency) })
            )
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}

/// What a project plans: its estimate and its planned expenses.
public struct ProjectPlan: Sendable, Equatable {
    public let estimatedMinutes: Int64?
    public let plannedExpenses: Money?
}
