public import Domain
public import Foundation
public import Postgres

/// SQL for `late_charges`: which late-payment charges of an overdue invoice were billed,
/// on which invoice, for which days.
public struct LateChargeStore: Sendable {
    public init() {}

    /// What was billed before for `invoice`: the last day of interest billed, and
    /// whether the fixed compensation was.
    public func billed(for invoice: InvoiceID, on db: some PostgresQueryable) async throws -> (through: LocalDate?, compensation: Bool) {
        let row = try await db.queryOne(
            """
            SELECT max(interest_to) AS through, COALESCE(bool_or(compensation_minor > 0), false) AS compensation
            FROM late_charges WHERE invoice_id = \(invoice)
            """)
        return (try row.decode("through"), try row.decode("compensation"))
    }

    /// The payments (reversals included) and issued credit notes of `invoice`, by date.
    public func settlements(of invoice: InvoiceID, on db: some PostgresQueryable) async throws -> [LateCharges.Settlement] {
        try await db.query(
            """
            SELECT paid_on AS day, amount_minor FROM payments WHERE invoice_id = \(invoice)
            UNION ALL
            SELECT issue_date AS day, payable_minor AS amount_minor FROM invoices
            WHERE credited_invoice_id = \(invoice) AND status = 'issued'
            ORDER BY day
            """
        ) { LateCharges.Settlement(date: try $0.decode("day"), amountMinor: try $0.decode("amount_minor")) }
    }

    public func insert(
        charge: InvoiceID, for invoice: InvoiceID, from: LocalDate, to: LocalDate, charges: LateCharges, at: Date, on tx: PostgresTransaction
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO late_charges (charge_invoice_id, invoice_id, interest_from, interest_to, interest_minor, compensation_minor, created_at)
            VALUES (\(charge), \(invoice), \(from), \(to), \(charges.interestMinor), \(charges.compensationMinor), \(at))
            """)
    }
}
