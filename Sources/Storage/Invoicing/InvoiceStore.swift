public import Domain
import Foundation
public import Postgres

/// SQL for `invoices`: one statement per function, every value bound.
public struct InvoiceStore: Sendable {
    public init() {}

    static let columns: SQL = """
        i.id, i.kind, i.client_id, i.currency, i.status, i.notes, i.buyer_reference, i.order_reference, i.period_from, i.period_to,
        i.due_date, i.time_grouping, i.time_annex, i.deposit_project_id, i.credited_invoice_id, i.credit_reason, i.series, i.year, i.counter,
        i.number, i.issue_date, i.structured_communication, i.line_extension_minor, i.tax_exclusive_minor, i.tax_total_minor,
        i.tax_inclusive_minor, i.payable_minor, i.vat_breakdown::text AS vat_breakdown, i.issued_at, i.issued_by, i.version,
        i.created_at
        """

    static func decode(_ row: PostgresRow) throws -> Invoice {
        let isIssued = try row.decode("status", as: String.self) == "issued"
        var issue: IssuedFacts?
        if isIssued {
            let vatText: String = try row.decode("vat_breakdown")
            let vat = try JSONDecoder().decode([StoredVATGroup].self, from: Data(vatText.utf8))
            let series: InvoiceSeries = try ValidationStore.choice(row, "series")
            issue = IssuedFacts(
                series: series, year: try row.decode("year"), counter: try row.decode("counter"), number: try row.decode("number"),
                issueDate: try row.decode("issue_date"),
                structuredCommunication: try row.decode("structured_communication", as: String?.self).flatMap {
                    StructuredCommunication(parsing: $0)
                },
                totals: StoredTotals(
                    lineExtensionMinor: try row.decode("line_extension_minor"), taxExclusiveMinor: try row.decode("tax_exclusive_minor"),
                    taxTotalMinor: try row.decode("tax_total_minor"), taxInclusiveMinor: try row.decode("tax_inclusive_minor"),
                    payableMinor: try row.decode("payable_minor"), vat: vat),
                issuedAt: try row.decode("issued_at"), issuedBy: try row.decode("issued_by"))
        }
        return Invoice(
            id: try row.decode("id"), kind: try ValidationStore.choice(row, "kind"), clientID: try row.decode("client_id"),
            currency: try row.decode("currency"), isIssued: isIssued, notes: try row.decode("notes"),
            buyerReference: try row.decode("buyer_reference"), orderReference: try row.decode("order_reference"),
            periodFrom: try row.decode("period_from"), periodTo: try row.decode("period_to"), dueDate: try row.decode("due_date"),
            timeGrouping: try ValidationStore.choice(row, "time_grouping"), timeAnnex: try row.decode("time_annex"),
            depositProjectID: try row.decode("deposit_project_id"),
            creditedInvoiceID: try row.decode("credited_invoice_id"), creditReason: try row.decode("credit_reason"), issue: issue,
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }

    public func insert(_ invoice: Invoice, createdBy: UserID?, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            INSERT INTO invoices (id, kind, client_id, currency, notes, buyer_reference, order_reference, period_from, period_to,
                                  due_date, time_grouping, time_annex, deposit_project_id, credited_invoice_id, credit_reason,
                                  version, created_at, created_by)
            VALUES (\(invoice.id), \(invoice.kind.rawValue), \(invoice.clientID), \(invoice.currency), \(invoice.notes),
                    \(invoice.buyerReference), \(invoice.orderReference), \(invoice.periodFrom), \(invoice.periodTo),
                    \(invoice.dueDate), \(invoice.timeGrouping.rawValue), \(invoice.timeAnnex), \(invoice.depositProjectID), \(invoice.creditedInvoiceID),
                    \(invoice.creditReason), \(invoice.version), \(invoice.createdAt), \(createdBy))
            """)
    }

    public func find(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> Invoice? {
        try await db.queryOptional("SELECT \(Self.columns) FROM invoices i WHERE i.id = \(id)").map(Self.decode)
    }

    public func findForUpdate(_ id: InvoiceID, on tx: PostgresTransaction) async throws -> Invoice? {
        try await tx.queryOptional("SELECT \(Self.columns) FROM invoices i WHERE i.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// A draft's editable fields, bumping the version.
    public func updateDraft(_ invoice: Invoice, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            UPDATE invoices SET notes = \(invoice.notes), buyer_reference = \(invoice.buyerReference),
                   order_reference = \(invoice.orderReference), period_from = \(invoice.periodFrom), period_to = \(invoice.periodTo),
                   due_date = \(invoice.dueDate), time_annex = \(invoice.timeAnnex), version = version + 1
            WHERE id = \(invoice.id) AND status = 'draft'
            """)
    }

    public func touch(_ id: InvoiceID, on tx: PostgresTransaction) async throws {
        try await tx.execute("UPDATE invoices SET version = version + 1 WHERE id = \(id) AND status = 'draft'")
    }

    public func deleteDraft(_ id: InvoiceID, on tx: PostgresTransaction) async throws {
        try await tx.execute("DELETE FROM invoices WHERE id = \(id) AND status = 'draft'")
    }

    /// Freezes a draft into an issued document with its number, parties and totals.
    public func markIssued(
        _ id: InvoiceID, facts: IssuedFacts, dueDate: LocalDate?, sellerJSON: String, buyerJSON: String, on tx: PostgresTransaction
    ) async throws {
        let vat = String(decoding: try JSONEncoder().encode(facts.totals.vat), as: UTF8.self)
        try await ConstraintErrors.mapping([
            "invoices_number_key": .conflict("This invoice number is already taken; issue again."),
            "invoices_structured_communication": .conflict("This structured communication is already taken; issue again."),
        ]) {
            try await tx.execute(
                """
                UPDATE invoices SET status = 'issued', series = \(facts.series.rawValue), year = \(facts.year),
                       counter = \(facts.counter), number = \(facts.number), issue_date = \(facts.issueDate), due_date = \(dueDate),
                       structured_communication = \(facts.structuredCommunication?.digits), seller = \(sellerJSON)::jsonb,
                       buyer = \(buyerJSON)::jsonb, line_extension_minor = \(facts.totals.lineExtensionMinor),
                       tax_exclusive_minor = \(facts.totals.taxExclusiveMinor), tax_total_minor = \(facts.totals.taxTotalMinor),
                       tax_inclusive_minor = \(facts.totals.taxInclusiveMinor), payable_minor = \(facts.totals.payableMinor),
                       vat_breakdown = \(vat)::jsonb, issued_at = \(facts.issuedAt), issued_by = \(facts.issuedBy),
                       version = version + 1
                WHERE id = \(id) AND status = 'draft'
                """)
        }
    }

    /// The seller and buyer snapshots of an issued document, as stored (JSON text).
    public func parties(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> (seller: String, buyer: String)? {
        guard let row = try await db.queryOptional(
            "SELECT seller::text AS seller, buyer::text AS buyer FROM invoices WHERE id = \(id) AND status = 'issued'")
        else { return nil }
        return (try row.decode("seller"), try row.decode("buyer"))
    }

    /// The teams of the projects an invoice bills (for who may read it): its lines'
    /// projects and a deposit's project.
    public func projectTeams(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> Set<TeamID> {
        Set(
            try await db.query(
                """
                SELECT DISTINCT p.team_id FROM projects p
                WHERE p.id IN (SELECT project_id FROM invoice_lines WHERE invoice_id = \(id) AND project_id IS NOT NULL)
                   OR p.id = (SELECT deposit_project_id FROM invoices WHERE id = \(id))
                   OR p.id IN (SELECT l.project_id FROM invoice_lines l JOIN invoices c ON c.credited_invoice_id = l.invoice_id
                                WHERE c.id = \(id) AND l.project_id IS NOT NULL)
                """
            ) { try $0.decode("team_id", as: TeamID.self) })
    }
}
