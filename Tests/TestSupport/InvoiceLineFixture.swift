public import Foundation
public import Postgres

/// A real invoice line to point an "invoiced" row at (the `invoice_line_id` columns are
/// foreign keys): a manual line on a fresh draft of the first client.
public enum InvoiceLineFixture {
    public static func make(pool: PostgresPool) async throws -> UUID {
        let invoice = UUID()
        let line = UUID()
        try await pool.execute(
            """
            INSERT INTO invoices (id, kind, client_id, currency) SELECT \(invoice), 'invoice', id, currency FROM clients ORDER BY id LIMIT 1
            """)
        try await pool.execute(
            """
            INSERT INTO invoice_lines (id, invoice_id, position, kind, description, quantity_scaled, unit_code, unit_price_scaled,
                                       net_minor, vat_category, vat_rate_bp)
            VALUES (\(line), \(invoice), 1, 'manual', 'Test line', 10000, 'C62', 10000, 100, 'S', 2100)
            """)
        return line
    }
}
