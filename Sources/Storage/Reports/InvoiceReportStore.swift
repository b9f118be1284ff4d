public import Domain
public import Postgres

/// The set-based SQL of the receivables and revenue reports (issue 15 items 4 and 5),
/// on issued documents and payments only.
public struct InvoiceReportStore: Sendable {
    public init() {}

    /// What each issued invoice or deposit invoice dated on or before `asOf` still owes
    /// as of that day: payable − credit notes issued by then − payments made by then.
    static func openBalances(asOf: LocalDate) -> SQL {
        """
        SELECT i.id, i.client_id, i.currency, i.issue_date, COALESCE(i.due_date, i.issue_date) AS due,
               i.payable_minor - COALESCE(cn.credited, 0) - COALESCE(pay.paid, 0) AS balance, pay.paid, pay.settled_on
        FROM invoices i
        LEFT JOIN LATERAL (SELECT sum(c.payable_minor) AS credited FROM invoices c
                           WHERE c.credited_invoice_id = i.id AND c.status = 'issued' AND c.issue_date <= \(asOf)) cn ON true
        LEFT JOIN LATERAL (SELECT sum(p.amount_minor) AS paid, max(p.paid_on) AS settled_on FROM payments p
                           WHERE p.invoice_id = i.id AND p.paid_on <= \(asOf)) pay ON true
        WHERE i.status = 'issued' AND i.kind <> 'credit_note' AND i.issue_date <= \(asOf)
        """
    }

    /// The unpaid balances by client and currency in the receivables buckets.
    public func receivables(asOf: LocalDate, on db: some PostgresQueryable) async throws -> [ReceivableBalances] {
        try await db.query(
            """
            SELECT o.client_id, c.name AS client_name, o.currency, count(*)::bigint AS open_invoices,
                   COALESCE(sum(o.balance) FILTER (WHERE \(asOf)::date - o.due <= 0), 0)::bigint AS not_due,
                   COALESCE(sum(o.balance) FILTER (WHERE \(asOf)::date - o.due BETWEEN 1 AND 30), 0)::bigint AS days_1_30,
                   COALESCE(sum(o.balance) FILTER (WHERE \(asOf)::date - o.due BETWEEN 31 AND 60), 0)::bigint AS days_31_60,
                   COALESCE(sum(o.balance) FILTER (WHERE \(asOf)::date - o.due BETWEEN 61 AND 90), 0)::bigint AS days_61_90,
                   COALESCE(sum(o.balance) FILTER (WHERE \(asOf)::date - o.due > 90), 0)::bigint AS over_90
            FROM (\(Self.openBalances(asOf: asOf))) o JOIN clients c ON c.id = o.client_id
            WHERE o.balance > 0
            GROUP BY o.client_id, c.name, o.currency
            ORDER BY lower(c.name), o.client_id, o.currency
            """
        ) { row in
            var buckets: [AgeingBucket: Int64] = [:]
            for bucket in AgeingBucket.receivables { buckets[bucket] = try row.decode(bucket.rawValue) }
            return ReceivableBalances(
                clientID: try row.decode("client_id"), clientName: try row.decode("client_name"), currency: try row.decode("currency"),
                openInvoices: try row.decode("open_invoices"), buckets: buckets)
        }
    }

    /// Per client, the invoices fully settled by payments in the 365 days up to `asOf`
    /// and the days each took from issue to its last payment.
    public func paymentDelays(asOf: LocalDate, on db: some PostgresQueryable) async throws -> [ClientID: PaymentDelay] {
        let rows = try await db.query(
            """
            SELECT o.client_id, c.name AS client_name, count(*)::bigint AS settled, sum(o.settled_on - o.issue_date)::bigint AS days
            FROM (\(Self.openBalances(asOf: asOf))) o JOIN clients c ON c.id = o.client_id
            WHERE o.balance <= 0 AND o.paid > 0 AND o.settled_on > \(asOf)::date - 365
            GROUP BY o.client_id, c.name
            """
        ) { row in
            PaymentDelay(
                clientID: try row.decode("client_id"), clientName: try row.decode("client_name"), settledInvoices: try row.decode("settled"), totalDays: try row.decode("days"))
        }
        return Dictionary(rows.map { ($0.clientID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Per month (of the issue or payment date), client and currency: the net of the
    /// invoices and deposit invoices issued, of the credit notes issued, and the
    /// payments received (reversals deducted), from `range.from` through `range.to`.
    public func revenue(_ range: ReportRange, on db: some PostgresQueryable) async throws -> [RevenueCell] {
        try await db.query(
            """
            SELECT r.month, r.client_id, c.name AS client_name, r.currency, sum(r.invoiced)::bigint AS invoiced,
                   sum(r.credited)::bigint AS credited, sum(r.collected)::bigint AS collected
            FROM (
                SELECT to_char(i.issue_date, 'YYYY-MM') AS month, i.client_id, i.currency,
                       COALESCE(sum(i.tax_exclusive_minor) FILTER (WHERE i.kind <> 'credit_note'), 0) AS invoiced,
                       COALESCE(sum(i.tax_exclusive_minor) FILTER (WHERE i.kind = 'credit_note'), 0) AS credited, 0 AS collected
                FROM invoices i
                WHERE i.status = 'issued' AND i.issue_date BETWEEN \(range.from) AND \(range.to)
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT to_char(p.paid_on, 'YYYY-MM'), i.client_id, p.currency, 0, 0, sum(p.amount_minor)
                FROM payments p JOIN invoices i ON i.id = p.invoice_id
                WHERE p.paid_on BETWEEN \(range.from) AND \(range.to)
                GROUP BY 1, 2, 3
            ) r JOIN clients c ON c.id = r.client_id
            GROUP BY r.month, r.client_id, c.name, r.currency
            ORDER BY r.month, lower(c.name), r.client_id, r.currency
            """
        ) { row in
            RevenueCell(
                month: try row.decode("month"), clientID: try row.decode("client_id"), clientName: try row.decode("client_name"),
                currency: try row.decode("currency"), invoicedMinor: try row.decode("invoiced"), creditedMinor: try row.decode("credited"),
                collectedMinor: try row.decode("collected"))
        }
    }
}
