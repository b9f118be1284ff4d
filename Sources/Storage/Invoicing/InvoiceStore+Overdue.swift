public import Domain
import Foundation
public import Postgres

extension InvoiceStore {
    /// The issued invoices overdue on `today` whose `invoice.overdue` event has not been
    /// written yet (issue 14 item 2), oldest due first.
    public func overdueUnannounced(today: LocalDate, limit: Int, on db: some PostgresQueryable) async throws -> [InvoiceID] {
        try await db.query(
            """
            SELECT i.id FROM invoices i CROSS JOIN LATERAL (SELECT \(Self.settlement)) s
            WHERE i.status = 'issued' AND i.kind <> 'credit_note' AND i.due_date < \(today)
              AND \(Self.statusExpression(today: today)) = 'overdue'
              AND NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.type = 'invoice.overdue' AND e.subject_id = i.id::text)
            ORDER BY i.due_date, i.id LIMIT \(limit)
            """
        ) { try $0.decode("id") }
    }
}
