public import Domain
import Foundation
public import Postgres

/// Issued deposit invoices of projects and what later invoices already took off them.
public struct DepositStore: Sendable {
    public init() {}

    /// Every issued, uncredited deposit of `projects`, with the sum of the deduction
    /// lines on other invoices (drafts included, credited deductions excluded).
    public func onAccount(_ projects: [ProjectID], excluding invoice: InvoiceID?, on db: some PostgresQueryable) async throws -> [DepositOnAccount] {
        guard !projects.isEmpty else { return [] }
        return try await db.query(
            """
            SELECT d.id, d.number, d.issue_date, d.deposit_project_id, d.currency, l.net_minor, l.vat_category, l.vat_rate_bp,
                   l.vat_exemption_code, l.vat_exemption_reason,
                   COALESCE((SELECT -sum(x.net_minor) FROM invoice_lines x
                              WHERE x.deducted_deposit_id = d.id AND x.credited_line_id IS NULL AND x.invoice_id IS DISTINCT FROM \(invoice)
                                AND NOT EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = x.id)), 0)::bigint AS deducted
            FROM invoices d JOIN invoice_lines l ON l.invoice_id = d.id AND l.kind = 'deposit'
            WHERE d.kind = 'deposit' AND d.status = 'issued' AND d.deposit_project_id = ANY(\(projects)::uuid[])
              AND NOT EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id)
            ORDER BY d.issue_date, d.number
            """
        ) { row in
            let currency: Currency = try row.decode("currency")
            return DepositOnAccount(
                invoiceID: try row.decode("id"), number: try row.decode("number"), issueDate: try row.decode("issue_date"),
                projectID: try row.decode("deposit_project_id"), net: Money(amountMinor: try row.decode("net_minor"), currency: currency),
                tax: LineTax(
                    category: try ValidationStore.choice(row, "vat_category"), rateBP: try row.decode("vat_rate_bp"),
                    exemptionCode: try row.decode("vat_exemption_code"), exemptionReason: try row.decode("vat_exemption_reason")),
                deducted: Money(amountMinor: try row.decode("deducted"), currency: currency))
        }
    }
}
