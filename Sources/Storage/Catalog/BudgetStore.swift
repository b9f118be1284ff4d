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
        let rows = try await db.query(
            """
            SELECT minutes, billable, status, billable_rate_scaled, rate_currency
            FROM time_entries
            WHERE project_id = \(project) AND status IN ('approved', 'client_validated', 'invoiced')
            """
        ) { row in
            (
                minutes: try row.decode("minutes", as: Int.self), billable: try row.decode("billable", as: Bool.self),
                status: try row.decode("status", as: String.self), rate: try row.decode("billable_rate_scaled", as: Int64?.self),
                currency: try row.decode("rate_currency", as: Currency?.self)
            )
        }
        var minutes = 0
        var value = Money.zero(currency)
        var invoiced = Money.zero(currency)
        for row in rows {
            minutes += row.minutes
            guard row.billable, let scaled = row.rate, row.currency == currency else { continue }
            // Rounded per entry, as each entry's amount is (SPEC §5).
            let amount = try HourlyRate.stored(scaled, currency: currency).amount(forMinutes: row.minutes)
            value = try value.adding(amount)
            if row.status == TimeEntryStatus.invoiced.rawValue { invoiced = try invoiced.adding(amount) }
        }
        return ConsumedTime(minutes: minutes, value: value, invoicedValue: invoiced)
    }
}
