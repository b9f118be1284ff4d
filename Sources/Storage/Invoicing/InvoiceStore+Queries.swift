public import Domain
import Foundation
public import Postgres

extension InvoiceStore {
    /// Σ of the issued credit notes against each invoice and Σ of its payments (reversals included).
    static let settlement: SQL = """
        COALESCE((SELECT sum(c.payable_minor) FROM invoices c
                   WHERE c.credited_invoice_id = i.id AND c.status = 'issued'), 0)::bigint AS credited_minor,
        COALESCE((SELECT sum(pay.amount_minor) FROM payments pay WHERE pay.invoice_id = i.id), 0)::bigint AS paid_minor,
        COALESCE((SELECT array_agg(c.id ORDER BY c.issue_date, c.number) FROM invoices c
                   WHERE c.credited_invoice_id = i.id AND c.status = 'issued'), '{}') AS credit_note_ids
        """

    /// `InvoiceStatus.of` in SQL, for filtering a page by status: the same rules in the same order.
    static func statusExpression(today: LocalDate) -> SQL {
        """
        CASE WHEN i.status = 'draft' THEN 'draft'
             WHEN i.kind = 'credit_note' THEN 'issued'
             WHEN i.payable_minor > 0 AND s.credited_minor >= i.payable_minor THEN 'credited'
             WHEN i.payable_minor - s.credited_minor - s.paid_minor <= 0 AND s.paid_minor > 0 THEN 'paid'
             WHEN i.payable_minor - s.credited_minor - s.paid_minor > 0 AND i.due_date < \(today) THEN 'overdue'
             WHEN s.paid_minor > 0 THEN 'partially_paid'
             ELSE 'issued' END
        """
    }

    public func settlement(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> InvoiceSettlement {
        let row = try await db.queryOne("SELECT \(Self.settlement) FROM invoices i WHERE i.id = \(id)")
        return InvoiceSettlement(
            credited: try row.decode("credited_minor"), paid: try row.decode("paid_minor"),
            creditNoteIDs: try row.decode("credit_note_ids"))
    }

    /// A page of documents, newest first, each with its settlement; `limit + 1` rows.
    public func list(_ query: InvoiceQuery, today: LocalDate, on db: some PostgresQueryable) async throws -> [(Invoice, InvoiceSettlement)] {
        var conditions: [SQL] = ["true"]
        if let status = query.status { conditions.append("\(Self.statusExpression(today: today)) = \(status.rawValue)") }
        if let client = query.clientID { conditions.append("i.client_id = \(client)") }
        if let kind = query.kind { conditions.append("i.kind = \(kind.rawValue)") }
        if let from = query.issuedFrom { conditions.append("i.issue_date >= \(from)") }
        if let to = query.issuedTo { conditions.append("i.issue_date <= \(to)") }
        if let number = query.number { conditions.append("i.number = \(number)") }
        if query.issuedOnly { conditions.append("i.status = 'issued'") }
        if let project = query.projectID {
            conditions.append(
                """
                (i.deposit_project_id = \(project)
                 OR EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = COALESCE(i.credited_invoice_id, i.id) AND l.project_id = \(project)))
                """)
        }
        if let teams = query.teamIDs {
            let ids = Array(teams)
            conditions.append(
                """
                EXISTS (SELECT 1 FROM projects p WHERE p.team_id = ANY(\(ids)::uuid[]) AND (p.id = i.deposit_project_id
                        OR p.id IN (SELECT l.project_id FROM invoice_lines l WHERE l.invoice_id = COALESCE(i.credited_invoice_id, i.id))))
                """)
        }
        if let after = query.after {
            conditions.append("(i.created_at, i.id) < (SELECT c.created_at, c.id FROM invoices c WHERE c.id = \(after))")
        }
        return try await db.query(
            """
            SELECT \(Self.columns), s.credited_minor, s.paid_minor, s.credit_note_ids
            FROM invoices i CROSS JOIN LATERAL (SELECT \(Self.settlement)) s
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY i.created_at DESC, i.id DESC LIMIT \(query.limit + 1)
            """
        ) { row in
            (
                try Self.decode(row),
                InvoiceSettlement(
                    credited: try row.decode("credited_minor"), paid: try row.decode("paid_minor"),
                    creditNoteIDs: try row.decode("credit_note_ids"))
            )
        }
    }

    /// What the accountant's export names beside each document, for many at once: the
    /// client's name, the buyer's VAT number as snapshotted at issue, and for a credit
    /// note the number of the invoice it credits.
    public func exportNames(_ ids: [InvoiceID], on db: some PostgresQueryable) async throws
        -> [InvoiceID: (clientName: String, buyerVATNumber: String, creditedNumber: String)]
    {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT i.id, c.name AS client_name, COALESCE(i.buyer->>'vat_number', '') AS buyer_vat_number,
                   COALESCE(ci.number, '') AS credited_number
            FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN invoices ci ON ci.id = i.credited_invoice_id
            WHERE i.id = ANY(\(ids)::uuid[])
            """
        ) { row in
            (
                try row.decode("id", as: InvoiceID.self),
                (
                    clientName: try row.decode("client_name", as: String.self), buyerVATNumber: try row.decode("buyer_vat_number", as: String.self),
                    creditedNumber: try row.decode("credited_number", as: String.self)
                )
            )
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
