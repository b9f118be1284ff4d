public import Domain
import Foundation
public import Postgres

/// SQL for `payments`, an append-only ledger.
public struct PaymentStore: Sendable {
    public init() {}

    static func decode(_ row: PostgresRow) throws -> Payment {
        Payment(
            id: try row.decode("id"), invoiceID: try row.decode("invoice_id"), paidOn: try row.decode("paid_on"),
            amount: Money(amountMinor: try row.decode("amount_minor"), currency: try row.decode("currency")),
            method: try ValidationStore.choice(row, "method"), reference: try row.decode("reference"),
            reversesPaymentID: try row.decode("reverses_payment_id"), reason: try row.decode("reason"),
            recordedBy: try row.decode("recorded_by"), recordedAt: try row.decode("recorded_at"))
    }

    public func insert(_ payment: Payment, on tx: PostgresTransaction) async throws {
        try await ConstraintErrors.mapping(["payments_reverses_payment_id_key": .conflict("This payment has already been reversed.")]) {
            try await tx.execute(
                """
                INSERT INTO payments (id, invoice_id, paid_on, amount_minor, currency, method, reference, reverses_payment_id, reason,
                                      recorded_by, recorded_at)
                VALUES (\(payment.id), \(payment.invoiceID), \(payment.paidOn), \(payment.amount.amountMinor), \(payment.amount.currency),
                        \(payment.method.rawValue), \(payment.reference), \(payment.reversesPaymentID), \(payment.reason),
                        \(payment.recordedBy), \(payment.recordedAt))
                """)
        }
    }

    public func list(invoice: InvoiceID, on db: some PostgresQueryable) async throws -> [Payment] {
        try await db.query("SELECT * FROM payments WHERE invoice_id = \(invoice) ORDER BY paid_on, recorded_at, id", Self.decode)
    }

    public func find(_ id: PaymentID, on db: some PostgresQueryable) async throws -> Payment? {
        try await db.queryOptional("SELECT * FROM payments WHERE id = \(id)").map(Self.decode)
    }

    /// The issued invoice whose structured communication is `digits`.
    public func invoice(communication digits: String, on db: some PostgresQueryable) async throws -> InvoiceID? {
        try await db.queryOptional(
            "SELECT id FROM invoices WHERE structured_communication = \(digits) AND status = 'issued'"
        ).map { try $0.decode("id") }
    }
}
