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

    /// The consumed time of `project`, valued in `currency` (entries captured in
    /// another currency are counted in minutes only).
    public func consumed(project: ProjectID, currency: Currency, on db: some PostgresQueryable) async throws -> ConsumedTime {
        // Each entry's amount is round_half_up(minutes × rate × minor units / (60 × 10 000)),
        // as HourlyRate.amount(forMinutes:) computes it (SPEC §5); every term is
        // non-negative, so half up is (n + d/2) div d. Summed here, over the index
        // (project_id, status) INCLUDE (…), rather than row by row in Swift.
        let minor = Int64(currency.minorUnitsPerMajorUnit)
        let row = try await db.queryOne(
            """
            SELECT COALESCE(sum(minutes), 0)::bigint AS minutes,
                   COALESCE(sum(div(minutes::numeric * billable_rate_scaled * \(minor) + 300000, 600000))
                            FILTER (WHERE valued), 0)::bigint AS value,
                   COALESCE(sum(div(minutes::numeric * billable_rate_scaled * \(minor) + 300000, 600000))
                            FILTER (WHERE valued AND status = 'invoiced'), 0)::bigint AS invoiced
            FROM (SELECT minutes, status, billable_rate_scaled,
                         billable AND billable_rate_scaled IS NOT NULL AND rate_currency = \(currency) AS valued
                  FROM time_entries
                  WHERE project_id = \(project) AND status IN ('approved', 'client_validated', 'invoiced')) te
            """)
        return ConsumedTime(
            minutes: Int(clamping: try row.decode("minutes", as: Int64.self)),
            value: Money(amountMinor: try row.decode("value"), currency: currency),
            invoicedValue: Money(amountMinor: try row.decode("invoiced"), currency: currency))
    }
}
