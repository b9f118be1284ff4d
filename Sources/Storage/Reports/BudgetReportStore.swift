public import Domain
public import Postgres

/// The set-based SQL of the budget report (issue 15 item 1), on the
/// `time_entries_project_date_id` index.
public struct BudgetReportStore: Sendable {
    public init() {}

    /// Approved time of `project` worked on or before `asOf`, per task and per person.
    public func breakdown(project: ProjectID, currency: Currency, asOf: LocalDate, on db: some PostgresQueryable) async throws
        -> [BudgetBreakdownLine]
    {
        try await db.query(
            """
            SELECT GROUPING(w.user_id, u.name) = 0 AS by_person, COALESCE(w.task_id::text, w.user_id::text) AS id,
                   COALESCE(t.name, u.name) AS name, max(t.estimated_minutes)::bigint AS estimate,
                   sum(w.minutes)::bigint AS minutes,
                   COALESCE(sum(\(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.billable_rate_scaled")))
                            FILTER (WHERE w.billable AND w.rate_currency = \(currency)), 0)::bigint AS value,
                   COALESCE(sum(\(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.cost_rate_scaled")))
                            FILTER (WHERE w.rate_currency = \(currency)), 0)::bigint AS cost,
                   count(*) FILTER (WHERE w.cost_rate_scaled IS NULL)::bigint AS unknown_cost
            FROM time_entries w JOIN tasks t ON t.id = w.task_id JOIN users u ON u.id = w.user_id
                 \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
            WHERE w.project_id = \(project) AND w.status IN \(ReportSQL.approvedStatuses) AND w.work_date <= \(asOf)
            GROUP BY GROUPING SETS ((w.task_id, t.name), (w.user_id, u.name))
            ORDER BY 1, 3, 2
            """
        ) { row in
            let byPerson: Bool = try row.decode("by_person")
            return BudgetBreakdownLine(
                kind: byPerson ? .person : .task, id: try row.decode("id"), name: try row.decode("name"), minutes: try row.decode("minutes"),
                valueMinor: try row.decode("value"), costMinor: try row.decode("cost"), unknownCostEntries: try row.decode("unknown_cost"),
                estimatedMinutes: byPerson ? nil : try row.decode("estimate"))
        }
    }

    /// Approved time of `project` worked from `from` through `to`.
    public func burn(project: ProjectID, currency: Currency, from: LocalDate, to: LocalDate, on db: some PostgresQueryable) async throws
        -> BurnFigures
    {
        let row = try await db.queryOne(
            """
            SELECT COALESCE(sum(w.minutes), 0)::bigint AS minutes,
                   COALESCE(sum(\(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.billable_rate_scaled")))
                            FILTER (WHERE w.billable AND w.rate_currency = \(currency)), 0)::bigint AS value
            FROM time_entries w \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
            WHERE w.project_id = \(project) AND w.status IN \(ReportSQL.approvedStatuses) AND w.work_date BETWEEN \(from) AND \(to)
            """)
        return BurnFigures(minutes: try row.decode("minutes"), valueMinor: try row.decode("value"))
    }

    /// Σ net of the project's lines on invoices and deposit invoices issued on or
    /// before `asOf`, minus those of credit notes issued by then.
    public func invoiced(project: ProjectID, currency: Currency, asOf: LocalDate, on db: some PostgresQueryable) async throws -> Int64 {
        try await db.queryOne(
            """
            SELECT COALESCE(sum(CASE WHEN i.kind = 'credit_note' THEN -l.net_minor ELSE l.net_minor END), 0)::bigint AS net
            FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE l.project_id = \(project) AND i.status = 'issued' AND i.issue_date <= \(asOf) AND i.currency = \(currency)
            """
        ).decode("net")
    }
}
