public import Domain
public import Postgres

/// What a project has consumed: approved, client-validated and invoiced time.
public struct ConsumedTime: Sendable, Hashable {
    /// Every minute of that time, billable or not.
    public let minutes: Int
    /// The billable value at the rates captured on each entry, rounded half up per entry.
    public let value: Money
    /// The part of ``value`` already invoiced (what the client has been billed).
    public let invoicedValue: Money
}

/// Reads what a project's budget is made of (the baseline is on the project, the
/// accepted changes in `ChangeRequestStore`).
public struct BudgetStore: Sendable {
    public init() {}

    /// The consumed time of `project` worked on or before `through` (all of it when
    /// nil), valued in `currency` (entries captured in another currency are counted in
    /// minutes only); summed in SQL, each entry rounded half up on its own.
    public func consumed(project: ProjectID, currency: Currency, through: LocalDate? = nil, on db: some PostgresQueryable) async throws
        -> ConsumedTime
    {
        let value = ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.billable_rate_scaled")
        let row = try await db.queryOne(
            """
            SELECT COALESCE(sum(w.minutes), 0)::bigint AS minutes,
                   COALESCE(sum(\(value)) FILTER (WHERE w.billable AND w.rate_currency = \(currency)), 0)::bigint AS value,
                   COALESCE(sum(\(value)) FILTER (WHERE w.billable AND w.rate_currency = \(currency) AND w.status = 'invoiced'), 0)::bigint
                       AS invoiced
            FROM time_entries w \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
            WHERE w.project_id = \(project) AND w.status IN \(ReportSQL.approvedStatuses)
              AND (\(through)::date IS NULL OR w.work_date <= \(through)::date)
            """)
        return ConsumedTime(
            minutes: try row.decode("minutes"), value: Money(amountMinor: try row.decode("value"), currency: currency),
            invoicedValue: Money(amountMinor: try row.decode("invoiced"), currency: currency))
    }
}
