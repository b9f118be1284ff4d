public import Domain
public import Foundation
public import Postgres

/// SQL for `invoice_reminders`: one row per invoice and rule, claimed by its unique key.
public struct ReminderStore: Sendable {
    public init() {}

    static let columns: SQL = "r.id, r.invoice_id, r.offset_days, r.scheduled_on, r.formal_notice, r.status, r.recipients, r.created_at"

    static func decode(_ row: PostgresRow) throws -> InvoiceReminder {
        let status: String = try row.decode("status")
        return InvoiceReminder(
            id: try row.decode("id"), invoiceID: try row.decode("invoice_id"), offsetDays: try row.decode("offset_days"),
            scheduledOn: try row.decode("scheduled_on"), formalNotice: try row.decode("formal_notice"),
            status: InvoiceReminder.Status(rawValue: status) ?? .sent, recipients: try row.decode("recipients"),
            createdAt: try row.decode("created_at"))
    }

    /// The issued, unpaid, uncredited invoices (not credit notes) with a rule among
    /// `offsets` that is due on `today` and not made yet, oldest due first.
    public func invoicesWithDueReminders(offsets: [Int], today: LocalDate, limit: Int, on db: some PostgresQueryable) async throws
        -> [InvoiceID]
    {
        guard !offsets.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT i.id FROM invoices i CROSS JOIN LATERAL (SELECT \(InvoiceStore.settlement)) s
            WHERE i.status = 'issued' AND i.kind <> 'credit_note' AND i.due_date IS NOT NULL
              AND i.payable_minor - s.credited_minor - s.paid_minor > 0
              AND NOT (i.payable_minor > 0 AND s.credited_minor >= i.payable_minor)
              AND EXISTS (SELECT 1 FROM unnest(\(offsets)::integer[]) o
                          WHERE i.due_date + o <= \(today)
                            AND NOT EXISTS (SELECT 1 FROM invoice_reminders r WHERE r.invoice_id = i.id AND r.offset_days = o))
            ORDER BY i.due_date, i.id LIMIT \(limit)
            """
        ) { try $0.decode("id") }
    }

    /// The reminders made for an invoice, by date.
    public func list(invoice: InvoiceID, on db: some PostgresQueryable) async throws -> [InvoiceReminder] {
        try await db.query(
            "SELECT \(Self.columns) FROM invoice_reminders r WHERE r.invoice_id = \(invoice) ORDER BY r.scheduled_on, r.offset_days",
            Self.decode)
    }

    /// Claims a reminder: true when this call made it, false when it existed already.
    public func claim(
        _ reminder: InvoiceReminder, id: InvoiceReminderID, eventID: UUID?, createdAt: Date, on tx: PostgresTransaction
    ) async throws -> Bool {
        let inserted = try await tx.execute(
            """
            INSERT INTO invoice_reminders (id, invoice_id, offset_days, scheduled_on, formal_notice, status, recipients, event_id, created_at)
            VALUES (\(id), \(reminder.invoiceID), \(reminder.offsetDays), \(reminder.scheduledOn), \(reminder.formalNotice),
                    \(reminder.status.rawValue), \(reminder.recipients), \(eventID), \(createdAt))
            ON CONFLICT (invoice_id, offset_days) DO NOTHING
            """)
        return inserted == 1
    }
}
