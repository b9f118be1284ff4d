public import Domain
public import Postgres

/// One group of unbilled time and expenses in one currency: how many items, and their
/// amount as `GET /billable` prices each of them.
public struct UnbilledSum: Sendable, Hashable {
    public let key: String?
    public let projectID: ProjectID
    public let projectName: String
    public let clientID: ClientID
    public let currency: Currency
    /// The greatest of ``AgeingBucket/unbilledLowerBounds`` at or below the items' age
    /// (ageing sums only; 0 otherwise).
    public let ageLowerBound: Int
    public let items: Int
    public let amountMinor: Int64
}

/// The unbilled time and expenses of the reports (issue 15 items 2 and 4, item 7), summed
/// in PostgreSQL over the very rows `BillableStore` lists (its `billableTime` and
/// `billableExpenses`), each priced per row exactly as ``BillableItem/amount``: a
/// million entries are never read into the process.
public struct UnbilledStore: Sendable {
    public init() {}

    /// `round(hours to the hundredth × rate)` per entry: `InvoiceQuantity.hours(fromMinutes:)`
    /// then `InvoiceLineNet.of(_:at:)` (half away from zero, as PostgreSQL's `round`).
    static let timeAmount: SQL = """
        round(round(w.minutes::numeric * 100 / 60) * w.billable_rate_scaled * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000)
        """
    /// The expense's unit price with its markup to 4 decimals, then the line's net:
    /// `BillableStore.expenses` in SQL.
    static let expenseAmount: SQL = """
        round(round(w.amount_minor::numeric * (10000 + w.markup_bp) / (10::numeric ^ COALESCE(cur.digits, 2)))
              * (10::numeric ^ COALESCE(cur.digits, 2)) / 10000)
        """

    /// The unbilled time and expenses of `filter` per `key` (SQL over `w`, `p`), project and currency.
    func sums(_ filter: BillableFilter, timeKey: SQL, expenseKey: SQL, timeAge: SQL, expenseAge: SQL, on db: some PostgresQueryable)
        async throws -> [UnbilledSum]
    {
        try await db.query(
            """
            SELECT key, project_id, project_name, client_id, currency, age, sum(items)::bigint AS items, sum(amount)::bigint AS amount
            FROM (
                SELECT \(timeKey) AS key, p.id AS project_id, p.name AS project_name, p.client_id, w.rate_currency AS currency,
                       \(timeAge) AS age, count(*) AS items, sum(\(Self.timeAmount)) AS amount
                \(BillableStore.billableTime(filter, join: ReportSQL.currencyDigitsJoin("w.rate_currency")))
                GROUP BY 1, 2, 3, 4, 5, 6
                UNION ALL
                SELECT \(expenseKey), p.id, p.name, p.client_id, w.currency, \(expenseAge), count(*), sum(\(Self.expenseAmount))
                \(BillableStore.billableExpenses(filter, join: ReportSQL.currencyDigitsJoin("w.currency")))
                GROUP BY 1, 2, 3, 4, 5, 6
            ) s
            GROUP BY 1, 2, 3, 4, 5, 6
            """
        ) { row in
            UnbilledSum(
                key: try row.decode("key"), projectID: try row.decode("project_id"), projectName: try row.decode("project_name"),
                clientID: try row.decode("client_id"), currency: try row.decode("currency"), ageLowerBound: try row.decode("age"),
                items: Int(try row.decode("items", as: Int64.self)), amountMinor: try row.decode("amount"))
        }
    }

    /// Unbilled time and expenses dated up to `day`, per project, currency and age bucket.
    public func ageing(upTo day: LocalDate, on db: some PostgresQueryable) async throws -> [UnbilledSum] {
        func age(_ date: String) -> SQL {
            var cases: SQL = "CASE"
            for bound in AgeingBucket.unbilledLowerBounds {
                cases = cases + " WHEN \(day)::date - " + SQL(unsafeRaw: date) + " >= \(bound) THEN \(bound)"
            }
            return cases + " ELSE 0 END"
        }
        return try await sums(
            BillableFilter(kinds: [.time, .expense], upTo: day), timeKey: "NULL::text", expenseKey: "NULL::text",
            timeAge: age("w.work_date"), expenseAge: age("w.expense_date"), on: db)
    }

    /// Unbilled time and expenses dated in `range`, per profitability group (by person,
    /// expenses belong to no one: key nil).
    public func sums(_ range: ReportRange, by grouping: ProfitabilityGrouping, on db: some PostgresQueryable) async throws -> [UnbilledSum] {
        try await sums(
            BillableFilter(kinds: [.time, .expense], upTo: range.to, from: range.from),
            timeKey: ProfitabilityStore.key(grouping, alias: "w", date: "w.work_date", person: "w.user_id"),
            expenseKey: ProfitabilityStore.key(grouping, alias: "w", date: "w.expense_date", person: nil), timeAge: "0", expenseAge: "0", on: db)
    }
}
