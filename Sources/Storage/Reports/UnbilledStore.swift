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

    /// The unbilled time and expenses dated `from`…`to` per key, project, currency and
    /// age. Time of the whole months comes from the
    /// monthly totals (migration 0029: each entry priced on its own when written), less
    /// what a draft's lines hold of those months; time of the other days, and every
    /// expense, row by row. `key` and `age` give SQL over a table alias and its date.
    func sums(
        from: LocalDate, to: LocalDate, key: (_ alias: String, _ date: String) -> SQL, expenseKey: SQL,
        age: (_ date: String) -> SQL, on db: some PostgresQueryable
    ) async throws -> [UnbilledSum] {
        try await db.query(Self.sumsQuery(from: from, to: to, key: key, expenseKey: expenseKey, age: age)) { row in
            try Self.sum(row)
        }
    }

    private static func sum(_ row: PostgresRow) throws -> UnbilledSum {
        UnbilledSum(
            key: try row.decode("key"), projectID: try row.decode("project_id"), projectName: try row.decode("project_name"),
            clientID: try row.decode("client_id"), currency: try row.decode("currency"), ageLowerBound: try row.decode("age"),
            items: Int(try row.decode("items", as: Int64.self)), amountMinor: try row.decode("amount"))
    }

    /// The statement of ``sums(from:to:key:expenseKey:age:on:)`` (its plan is pinned
    /// by `ReportQueryPlanTests`).
    static func sumsQuery(
        from: LocalDate, to: LocalDate, key: (_ alias: String, _ date: String) -> SQL, expenseKey: SQL,
        age: (_ date: String) -> SQL
    ) -> SQL {
        let split = MonthSplit(from: from, to: to)
        let digits = ReportSQL.currencyDigitsJoin("w.rate_currency")
        let anyTime = BillableFilter(kinds: [.time])
        var time: [SQL] = []
        if !split.months.isEmpty {
            time.append(monthsQuery(split.months, key: key, age: age))
        }
        if !split.days.isEmpty {
            time.append(
                """
                SELECT \(key("w", "w.work_date")) AS key, p.id AS project_id, p.name AS project_name, p.client_id,
                       w.rate_currency AS currency, \(age("w.work_date")) AS age, count(*) AS items, sum(\(Self.timeAmount)) AS amount
                \(BillableStore.billableTime(anyTime, join: digits, dates: ReportSQL.within(split.days, "w.work_date")))
                GROUP BY 1, 2, 3, 4, 5, 6
                """)
        }
        return withExpenses(time, from: from, to: to, expenseKey: expenseKey, age: age)
    }

    /// The statement of ``ageing(upTo:on:)`` (its plan is pinned by `ReportQueryPlanTests`):
    /// every unbilled day up to `day` from the daily totals of unbilled time (migration
    /// 0031: a bucket's edge, as of − 31, 61 or 91 days, may fall on any day), less what
    /// the drafts hold, and the expenses. No time entry is read but a draft's. (Whole
    /// months from the monthly totals as well were slower at a million entries: one
    /// more subtraction of the drafts, over a date range the planner scans for.)
    static func ageingQuery(upTo day: LocalDate) -> SQL {
        let age = ageing(day)
        let time: SQL = """
            SELECT NULL::text AS key, p.id AS project_id, p.name AS project_name, p.client_id, s.currency,
                   \(age("s.work_date")) AS age, sum(s.items) AS items, sum(s.amount_minor) AS amount
            \(BillableStore.billableDays(dates: "s.work_date <= \(day)"))
            GROUP BY 1, 2, 3, 4, 5, 6
            UNION ALL
            SELECT NULL::text, p.id, p.name, p.client_id, w.rate_currency, \(age("w.work_date")), -count(*), -sum(\(Self.timeAmount))
            \(BillableStore.draftedTime(join: ReportSQL.currencyDigitsJoin("w.rate_currency"), dates: "w.work_date <= \(day)"))
            GROUP BY 1, 2, 3, 4, 5, 6
            """
        return withExpenses([time], from: .earliest, to: day, expenseKey: "NULL::text", age: age)
    }

    /// Whole months of time from the monthly totals, less what a draft's lines hold of them.
    private static func monthsQuery(
        _ months: [ClosedRange<LocalDate>], key: (_ alias: String, _ date: String) -> SQL, age: (_ date: String) -> SQL
    ) -> SQL {
        let digits = ReportSQL.currencyDigitsJoin("w.rate_currency")
        let monthDays = months.map { $0.lowerBound...$0.upperBound.lastDayOfMonth }
        return """
            SELECT \(key("s", "s.month")) AS key, p.id AS project_id, p.name AS project_name, p.client_id, s.currency,
                   \(age("s.month")) AS age, sum(s.priced_entries) AS items, sum(s.line_amount_minor) AS amount
            \(BillableStore.billableTotals(dates: ReportSQL.within(months, "s.month")))
            GROUP BY 1, 2, 3, 4, 5, 6
            UNION ALL
            SELECT \(key("w", "w.work_date")), p.id, p.name, p.client_id, w.rate_currency, \(age("w.work_date")),
                   -count(*), -sum(\(Self.timeAmount))
            \(BillableStore.draftedTime(join: digits, dates: ReportSQL.within(monthDays, "w.work_date")))
            GROUP BY 1, 2, 3, 4, 5, 6
            """
    }

    /// `time` (statements of key, project, name, client, currency, age, items, amount)
    /// and the rechargeable expenses dated `from`…`to`, summed per group.
    private static func withExpenses(_ time: [SQL], from: LocalDate, to: LocalDate, expenseKey: SQL, age: (_ date: String) -> SQL) -> SQL {
        let expenses = BillableFilter(kinds: [.expense], upTo: to, from: from == .earliest ? nil : from)
        return """
            SELECT key, project_id, project_name, client_id, currency, age, sum(items)::bigint AS items, sum(amount)::bigint AS amount
            FROM (
                \(SQL.joined(time, separator: " UNION ALL "))
                UNION ALL
                SELECT \(expenseKey), p.id, p.name, p.client_id, w.currency, \(age("w.expense_date")), count(*), sum(\(Self.expenseAmount))
                \(BillableStore.billableExpenses(expenses, join: ReportSQL.currencyDigitsJoin("w.currency")))
                GROUP BY 1, 2, 3, 4, 5, 6
            ) s
            GROUP BY 1, 2, 3, 4, 5, 6
            HAVING sum(items) <> 0
            """
    }

    /// The age bucket (its lower bound in days) of work dated `date` as of `day`.
    private static func ageing(_ day: LocalDate) -> (_ date: String) -> SQL {
        { date in
            var cases: SQL = "CASE"
            for bound in AgeingBucket.unbilledLowerBounds {
                cases = cases + " WHEN \(day)::date - " + SQL(unsafeRaw: date) + " >= \(bound) THEN \(bound)"
            }
            return cases + " ELSE 0 END"
        }
    }

    /// Unbilled time and expenses dated up to `day`, per project, currency and age bucket:
    /// a bucket's edge may fall on any day, read from the daily totals.
    public func ageing(upTo day: LocalDate, on db: some PostgresQueryable) async throws -> [UnbilledSum] {
        try await db.query(Self.ageingQuery(upTo: day)) { row in try Self.sum(row) }
    }

    /// Unbilled time and expenses dated in `range`, per profitability group (by person,
    /// expenses belong to no one: key nil).
    public func sums(_ range: ReportRange, by grouping: ProfitabilityGrouping, on db: some PostgresQueryable) async throws -> [UnbilledSum] {
        try await sums(
            from: range.from, to: range.to, key: Self.groupKey(grouping), expenseKey: Self.expenseKey(grouping), age: { _ in "0" }, on: db)
    }

    /// The profitability group of time in the totals (`s`) or entries (`w`).
    static func groupKey(_ grouping: ProfitabilityGrouping) -> (_ alias: String, _ date: String) -> SQL {
        { alias, date in ProfitabilityStore.key(grouping, alias: alias, date: date, person: "\(alias).user_id") }
    }

    /// The profitability group of an expense: by person, none.
    static func expenseKey(_ grouping: ProfitabilityGrouping) -> SQL {
        ProfitabilityStore.key(grouping, alias: "w", date: "w.expense_date", person: nil)
    }
}
