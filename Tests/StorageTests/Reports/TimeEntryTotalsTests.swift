import Domain
import Foundation
import Postgres
@testable import Storage
import TestSupport
import Testing

/// Issue 15 item 7: the monthly totals of approved time (migration 0029) stay equal to
/// the entries they sum after every kind of write, in the transaction of the write;
/// and the labour figures the profitability report reads from them are exactly those
/// it computed from the entries, each entry rounded on its own.
@Suite struct TimeEntryTotalsTests {
    /// Rows of the totals that a recomputation from `time_entries` does not give, and
    /// rows of the recomputation the totals lack (both 0 when they agree).
    static func mismatches(on pool: PostgresPool) async throws -> Int64 {
        let row = try await pool.queryOne(
            """
            WITH fresh AS (
                SELECT w.project_id, w.task_id, w.user_id, date_trunc('month', w.work_date)::date AS month, w.rate_currency AS currency,
                       w.status, w.billable, count(*)::bigint AS entries, sum(w.minutes)::bigint AS minutes,
                       COALESCE(sum(\(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.cost_rate_scaled"))), 0)::bigint AS cost,
                       count(*) FILTER (WHERE w.cost_rate_scaled IS NULL)::bigint AS unknown_entries,
                       COALESCE(sum(w.minutes) FILTER (WHERE w.cost_rate_scaled IS NULL), 0)::bigint AS unknown_minutes,
                       count(*) FILTER (WHERE w.billable_rate_scaled > 0)::bigint AS priced,
                       COALESCE(sum(\(UnbilledStore.timeAmount)) FILTER (WHERE w.billable_rate_scaled > 0), 0)::bigint AS amount
                FROM time_entries w \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
                WHERE w.status IN ('approved', 'client_validated', 'invoiced')
                GROUP BY 1, 2, 3, 4, 5, 6, 7),
            totals AS (
                SELECT project_id, task_id, user_id, month, currency, status, billable, entries, minutes, cost_minor, unknown_cost_entries,
                       unknown_cost_minutes, priced_entries, line_amount_minor
                FROM time_entry_totals WHERE entries > 0)
            SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM totals) a)
                 + (SELECT count(*) FROM (SELECT * FROM totals EXCEPT SELECT * FROM fresh) b) AS n
            """)
        return try row.decode("n") + (try await unbilledDayMismatches(on: pool))
    }

    /// The same for the daily totals of unbilled time (migration 0031), which hold no
    /// row without an entry.
    static func unbilledDayMismatches(on pool: PostgresPool) async throws -> Int64 {
        let row = try await pool.queryOne(
            """
            WITH fresh AS (
                SELECT w.project_id, w.task_id, w.work_date, w.rate_currency AS currency, w.status, count(*)::bigint AS items,
                       sum(\(UnbilledStore.timeAmount))::bigint AS amount
                FROM time_entries w \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
                WHERE w.status IN ('approved', 'client_validated') AND w.billable AND w.billable_rate_scaled > 0
                GROUP BY 1, 2, 3, 4, 5),
            days AS (SELECT project_id, task_id, work_date, currency, status, items, amount_minor FROM time_entry_unbilled_days)
            SELECT (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM days) a)
                 + (SELECT count(*) FROM (SELECT * FROM days EXCEPT SELECT * FROM fresh) b) AS n
            """)
        return try row.decode("n")
    }

    /// The labour statement the report ran before the totals: every approved entry of
    /// the period, rounded one by one.
    static func labourFromEntries(_ range: ReportRange, by grouping: ProfitabilityGrouping, on pool: PostgresPool) async throws
        -> [ProfitabilityLine]
    {
        let key = ProfitabilityStore.key(grouping, alias: "w", date: "w.work_date", person: "w.user_id")
        return try await pool.query(
            """
            SELECT \(key) AS key, w.rate_currency AS currency, sum(w.minutes)::bigint AS minutes,
                   COALESCE(sum(w.minutes) FILTER (WHERE w.billable), 0)::bigint AS billable_minutes,
                   COALESCE(sum(\(ReportSQL.amount(minutes: "w.minutes", rateScaled: "w.cost_rate_scaled"))), 0)::bigint AS cost,
                   count(*) FILTER (WHERE w.cost_rate_scaled IS NULL)::bigint AS unknown_entries,
                   COALESCE(sum(w.minutes) FILTER (WHERE w.cost_rate_scaled IS NULL), 0)::bigint AS unknown_minutes
            FROM time_entries w JOIN projects p ON p.id = w.project_id \(ReportSQL.currencyDigitsJoin("w.rate_currency"))
            WHERE w.status IN \(ReportSQL.approvedStatuses) AND w.work_date BETWEEN \(range.from) AND \(range.to)
            GROUP BY 1, 2
            """
        ) { row in
            var line = ProfitabilityLine(key: try row.decode("key"), currency: try row.decode("currency"))
            line.minutes = try row.decode("minutes")
            line.billableMinutes = try row.decode("billable_minutes")
            line.labourCostMinor = try row.decode("cost")
            line.unknownCostEntries = try row.decode("unknown_entries")
            line.unknownCostMinutes = try row.decode("unknown_minutes")
            return line
        }
    }

    /// The unbilled time the reports summed before the totals: every billable entry not
    /// on a live line, dated `from`…`to`, priced on its own.
    static func unbilledFromEntries(from: LocalDate?, to: LocalDate, key: SQL, age: SQL, on pool: PostgresPool) async throws
        -> Set<UnbilledSum>
    {
        Set(
            try await pool.query(
                """
                SELECT \(key) AS key, p.id AS project_id, p.name AS project_name, p.client_id, w.rate_currency AS currency, \(age) AS age,
                       count(*)::bigint AS items, sum(\(UnbilledStore.timeAmount))::bigint AS amount
                \(BillableStore.billableTime(BillableFilter(kinds: [.time], upTo: to, from: from), join: ReportSQL.currencyDigitsJoin("w.rate_currency")))
                GROUP BY 1, 2, 3, 4, 5, 6
                """
            ) { row in
                UnbilledSum(
                    key: try row.decode("key"), projectID: try row.decode("project_id"), projectName: try row.decode("project_name"),
                    clientID: try row.decode("client_id"), currency: try row.decode("currency"), ageLowerBound: try row.decode("age"),
                    items: Int(try row.decode("items", as: Int64.self)), amountMinor: try row.decode("amount"))
            })
    }

    static func sorted(_ lines: [ProfitabilityLine]) -> [ProfitabilityLine] {
        lines.sorted { ($0.key ?? "", $0.currency.code) < ($1.key ?? "", $1.currency.code) }
    }

    static func range(_ from: String, _ to: String) throws -> ReportRange {
        try ReportRange(from: LocalDate(iso: from)!, to: LocalDate(iso: to)!)
    }

    /// Whole months, a year, three years less a day, days on both sides of whole months,
    /// days inside one month.
    static let ranges: [(String, String)] = [
        ("2024-03-01", "2024-03-31"), ("2024-01-01", "2024-12-31"), ("2023-01-01", "2025-12-30"),
        ("2024-02-10", "2024-07-20"), ("2024-06-05", "2024-06-25"),
    ]

    /// The totals equal the entries, and the report's labour equals the entries' for
    /// every grouping and period.
    static func expectAgreement(after step: String, on pool: PostgresPool) async throws {
        #expect(try await mismatches(on: pool) == 0, "totals after \(step)")
        var unbilledCompared = 0
        for (from, to) in ranges {
            let range = try range(from, to)
            for grouping in ProfitabilityGrouping.allCases {
                let fromTotals = sorted(try await ProfitabilityStore().labour(range, by: grouping, on: pool))
                let fromEntries = sorted(try await labourFromEntries(range, by: grouping, on: pool))
                #expect(!fromEntries.isEmpty, "\(step): \(from)…\(to) by \(grouping) has no time")
                #expect(fromTotals == fromEntries, "\(step): \(from)…\(to) by \(grouping)")
                let unbilled = Set(try await UnbilledStore().sums(range, by: grouping, on: pool))
                let key = ProfitabilityStore.key(grouping, alias: "w", date: "w.work_date", person: "w.user_id")
                let unbilledFromEntries = try await unbilledFromEntries(from: range.from, to: range.to, key: key, age: "0", on: pool)
                if !unbilledFromEntries.isEmpty { unbilledCompared += 1 }
                #expect(unbilled == unbilledFromEntries, "\(step): unbilled \(from)…\(to) by \(grouping)")
            }
        }
        // Some periods have unbilled time left (a June wholly invoiced has none).
        #expect(unbilledCompared >= 12, "\(step): unbilled time compared in \(unbilledCompared) reports")
        try await expectRetainerConsumptionAgrees(after: step, on: pool)
        // Ageing (from the daily totals) as of a day inside a month, a month's last day,
        // and after the last entry.
        for day in ["2024-06-17", "2024-10-31", "2026-02-01"].map({ LocalDate(iso: $0)! }) {
            var age: SQL = "CASE"
            for bound in AgeingBucket.unbilledLowerBounds { age = age + " WHEN \(day)::date - w.work_date >= \(bound) THEN \(bound)" }
            let fromEntries = try await unbilledFromEntries(from: nil, to: day, key: "NULL::text", age: age + " ELSE 0 END", on: pool)
            #expect(Set(try await UnbilledStore().ageing(upTo: day, on: pool)) == fromEntries, "\(step): ageing as of \(day)")
        }
    }

    @Test func theMinorUnitsOfTheTotalsAreThoseOfTheDomain() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let rows = try await pool.query("SELECT code, digits FROM currency_minor_digits") { row in
                (try row.decode("code", as: String.self), try row.decode("digits", as: Int.self))
            }
            #expect(Dictionary(rows, uniquingKeysWith: { first, _ in first }) == Currency.minorUnitDigitsByCode)
            #expect(rows.count == Currency.minorUnitDigitsByCode.count)
        }
    }

    /// Every write that changes approved time, as the app role runs it: the totals follow
    /// in the same transaction, and the report's figures do not move from the entries'.
    @Test func theTotalsFollowEveryWrite() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            try await ReportFixture.seed(pool, entries: 6000, currencies: ["EUR", "JPY", "KWD"])
            // Two projects bill only client-validated time.
            try await pool.execute("UPDATE projects SET requires_client_validation = true WHERE code IN ('P1', 'P2')")
            try await Self.expectAgreement(after: "inserts", on: pool)

            try await pool.execute("UPDATE time_entries SET minutes = minutes + 7 WHERE status = 'approved' AND work_date < '2024-06-01'")
            try await Self.expectAgreement(after: "edited minutes", on: pool)

            // Approvals capture rates (one without a cost rate); a rejection takes time back out.
            try await pool.execute(
                """
                UPDATE time_entries SET status = 'approved', rate_currency = 'EUR', billable_rate_scaled = 1234567,
                       cost_rate_scaled = CASE WHEN minutes % 4 = 0 THEN NULL ELSE 765433 END
                WHERE status = 'submitted' AND work_date < '2024-09-01'
                """)
            try await Self.expectAgreement(after: "approvals", on: pool)
            try await pool.execute(
                """
                UPDATE time_entries SET status = 'open', billable_rate_scaled = NULL, cost_rate_scaled = NULL, rate_currency = NULL
                WHERE status = 'approved' AND work_date BETWEEN '2024-03-01' AND '2024-03-12'
                """)
            try await Self.expectAgreement(after: "reopening", on: pool)

            try await pool.execute("DELETE FROM time_entries WHERE work_date BETWEEN '2024-05-01' AND '2024-05-20' AND status <> 'invoiced'")
            try await Self.expectAgreement(after: "deletes", on: pool)

            // An entry moved to another day, month and person; a cost rate corrected.
            try await pool.execute(
                """
                UPDATE time_entries SET work_date = work_date + 20, user_id = (SELECT id FROM users ORDER BY id LIMIT 1)
                WHERE work_date BETWEEN '2024-07-20' AND '2024-07-25' AND status <> 'submitted'
                """)
            try await pool.execute(
                "UPDATE time_entries SET cost_rate_scaled = cost_rate_scaled + 13 WHERE work_date BETWEEN '2024-02-01' AND '2024-02-15'")
            try await Self.expectAgreement(after: "moves and rate changes", on: pool)

            // Invoiced (approved → invoiced: the time changes key, not value), then
            // released by a credit note, then a note edited: nothing to add.
            let line = try await InvoiceLineFixture.make(pool: pool)
            let invoiced = try await pool.execute(
                """
                UPDATE time_entries SET status = 'invoiced', invoice_line_id = \(line)
                WHERE status IN ('approved', 'client_validated') AND work_date BETWEEN '2024-06-01' AND '2024-06-30'
                """)
            #expect(invoiced > 0)
            try await Self.expectAgreement(after: "invoicing", on: pool)

            // A draft holds some approved time (not billable while it does), then lets it go.
            let draftLine = try await InvoiceLineFixture.make(pool: pool)
            let drafted = try await pool.execute(
                """
                INSERT INTO invoice_line_items (line_id, invoice_id, time_entry_id, status_before)
                SELECT l.id, l.invoice_id, w.id, w.status FROM time_entries w CROSS JOIN invoice_lines l
                WHERE l.id = \(draftLine) AND w.status IN ('approved', 'client_validated') AND w.billable
                  AND w.work_date BETWEEN '2024-02-20' AND '2024-04-10'
                """)
            #expect(drafted > 0)
            try await Self.expectAgreement(after: "drafting", on: pool)
            try await pool.execute("UPDATE invoice_line_items SET released_at = now() WHERE line_id = \(draftLine) AND time_entry_id IS NOT NULL")
            try await pool.execute(
                "UPDATE time_entries SET status = 'approved', invoice_line_id = NULL WHERE invoice_line_id = \(line) AND work_date < '2024-06-15'")
            try await Self.expectAgreement(after: "a credit note's release", on: pool)
            let rows = try await pool.queryOne("SELECT count(*) AS n FROM time_entry_totals").decode("n", as: Int64.self)
            try await pool.execute("UPDATE time_entries SET note = 'edited' WHERE work_date < '2024-01-01'")
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM time_entry_totals").decode("n", as: Int64.self) == rows)
            try await Self.expectAgreement(after: "note edits", on: pool)

            // A write that fails rolls its totals back with it.
            await #expect(throws: PostgresError.self) {
                try await pool.withTransaction(maxAttempts: 1) { tx in
                    try await tx.execute("UPDATE time_entries SET minutes = minutes + 1 WHERE status = 'approved'")
                    try await tx.execute("SELECT 1 / 0")
                }
            }
            try await Self.expectAgreement(after: "a rolled-back write", on: pool)
        }
    }

    /// Sixteen transactions at once, each approving time for the same twelve keys (two
    /// people × six months) in its own order and holding its locks a moment: none
    /// deadlocks (the totals are locked in key order), none is retried, and no update
    /// is lost (ON CONFLICT DO UPDATE adds to the committed row).
    @Test func concurrentWritersNeitherDeadlockNorLoseUpdates() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8, leaseTimeout: .seconds(30))
            try await ReportFixture.seed(pool, entries: 0)
            let writers = 16
            let perWriter = 24
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await pool.withTransaction(maxAttempts: 1) { tx in
                            try await tx.execute(
                                """
                                WITH u AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users ORDER BY id LIMIT 2),
                                     t AS (SELECT id, project_id FROM tasks ORDER BY id LIMIT 1)
                                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status,
                                                          billable_rate_scaled, cost_rate_scaled, rate_currency)
                                SELECT gen_random_uuid(), u.id, t.project_id, t.id, DATE '2024-01-01' + (n % 6) * 31, 1 + n, true, 'approved',
                                       1000000 + n, 500000 + n, 'EUR'
                                FROM generate_series(1, \(perWriter)) n JOIN u ON u.k = 1 + (n / 6) % 2 CROSS JOIN t
                                ORDER BY CASE WHEN \(writer) % 2 = 0 THEN n ELSE -n END
                                """)
                            try await tx.execute("SELECT pg_sleep(0.05)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let totals = try await pool.queryOne("SELECT sum(entries)::bigint AS n, count(*) AS keys FROM time_entry_totals")
            #expect(try totals.decode("n", as: Int64.self) == Int64(writers * perWriter))
            #expect(try totals.decode("keys", as: Int64.self) == 12)
            #expect(try await Self.mismatches(on: pool) == 0)
        }
    }
}
