public import Domain
public import Postgres

/// SQL for the time annex of an invoice document (issue 13 item 1).
public struct TimeAnnexStore: Sendable {
    public init() {}

    /// The time entries the lines of `invoice` bill, through `invoice_line_items`, in
    /// date order. An issued invoice keeps its links when a credit note releases the
    /// work (`released_at`), so its annex reads as it did at issue.
    public func entries(of invoice: InvoiceID, on db: some PostgresQueryable) async throws -> [TimeAnnexEntry] {
        try await db.query(
            """
            SELECT li.line_id, t.work_date, u.name AS person, t.minutes, t.note
            FROM invoice_line_items li
            JOIN time_entries t ON t.id = li.time_entry_id
            JOIN users u ON u.id = t.user_id
            WHERE li.invoice_id = \(invoice)
            ORDER BY t.work_date, u.name, t.id
            """
        ) { row in
            TimeAnnexEntry(
                lineID: try row.decode("line_id"), workDate: try row.decode("work_date"), person: try row.decode("person"),
                minutes: try row.decode("minutes"), note: try row.decode("note"))
        }
    }
}
