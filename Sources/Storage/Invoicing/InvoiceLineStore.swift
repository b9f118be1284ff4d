public import Domain
import Foundation
public import Postgres

/// SQL for `invoice_lines` and `invoice_line_items`, the links from a line to the
/// work it bills.
public struct InvoiceLineStore: Sendable {
    public init() {}

    /// One item can be on one live line only: the partial unique indexes of
    /// `invoice_line_items` answer a concurrent draft that got there first.
    static let alreadyDrafted = DomainError.conflict(
        "Some of this work is already on another invoice or draft; refresh the billable work and try again.")

    static let itemIndexes: [String: DomainError] = [
        "invoice_line_items_time_entry": alreadyDrafted, "invoice_line_items_expense": alreadyDrafted,
        "invoice_line_items_milestone": alreadyDrafted, "invoice_line_items_change_request": alreadyDrafted,
        "invoice_line_items_retainer": alreadyDrafted,
        "invoice_lines_credited_once": .conflict("A line of this invoice has already been credited."),
        "invoices_issued_read_only": .conflict("An issued invoice never changes; correct it with a credit note."),
    ]

    /// Inserts a line and its links.
    public func insert(_ line: InvoiceLine, on tx: PostgresTransaction) async throws {
        let planned = line.planned
        try await ConstraintErrors.mapping(Self.itemIndexes) {
            try await tx.execute(
                """
                INSERT INTO invoice_lines (id, invoice_id, position, kind, project_id, description, quantity_scaled, unit_code,
                                           unit_price_scaled, net_minor, vat_category, vat_rate_bp, vat_exemption_code,
                                           vat_exemption_reason, period_from, period_to, deducted_deposit_id, credited_line_id)
                VALUES (\(line.id), \(line.invoiceID), \(line.position), \(planned.kind.rawValue), \(planned.projectID),
                        \(planned.description), \(planned.quantity.scaled), \(planned.kind.unitCode), \(planned.unitPrice.scaled),
                        \(line.net.amountMinor), \(planned.tax.category.rawValue), \(planned.tax.rateBP), \(planned.tax.exemptionCode),
                        \(planned.tax.exemptionReason), \(planned.periodFrom), \(planned.periodTo), \(planned.deductedDeposit),
                        \(line.creditedLineID))
                """)
            for item in planned.items {
                try await tx.execute(Self.insertLink(item, line: line.id, invoice: line.invoiceID))
            }
        }
    }

    static func insertLink(_ item: BillableReference, line: InvoiceLineID, invoice: InvoiceID) -> SQL {
        switch item {
        case .timeEntry(let id):
            "INSERT INTO invoice_line_items (line_id, invoice_id, time_entry_id) VALUES (\(line), \(invoice), \(id))"
        case .expense(let id):
            "INSERT INTO invoice_line_items (line_id, invoice_id, expense_id) VALUES (\(line), \(invoice), \(id))"
        case .milestone(let id):
            "INSERT INTO invoice_line_items (line_id, invoice_id, milestone_id) VALUES (\(line), \(invoice), \(id))"
        case .changeRequest(let id):
            "INSERT INTO invoice_line_items (line_id, invoice_id, change_request_id) VALUES (\(line), \(invoice), \(id))"
        case .retainerFee(let project, let from):
            """
            INSERT INTO invoice_line_items (line_id, invoice_id, retainer_project_id, retainer_period_from, retainer_kind)
            VALUES (\(line), \(invoice), \(project), \(from), 'fee')
            """
        case .retainerOverage(let project, let from):
            """
            INSERT INTO invoice_line_items (line_id, invoice_id, retainer_project_id, retainer_period_from, retainer_kind)
            VALUES (\(line), \(invoice), \(project), \(from), 'overage')
            """
        }
    }

    /// The lines of some invoices in position order, with their live links.
    public func lines(of invoices: [InvoiceID], on db: some PostgresQueryable) async throws -> [InvoiceLine] {
        guard !invoices.isEmpty else { return [] }
        let links = try await db.query(
            """
            SELECT k.line_id, k.time_entry_id, k.expense_id, k.milestone_id, k.change_request_id, k.retainer_project_id,
                   k.retainer_period_from, k.retainer_kind
            FROM invoice_line_items k WHERE k.invoice_id = ANY(\(invoices)) ORDER BY k.id
            """
        ) { row -> (InvoiceLineID, BillableReference?) in (try row.decode("line_id"), try Self.reference(row)) }
        var itemsByLine: [InvoiceLineID: [BillableReference]] = [:]
        for (line, item) in links { if let item { itemsByLine[line, default: []].append(item) } }
        return try await db.query(
            """
            SELECT l.*, i.currency FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE l.invoice_id = ANY(\(invoices)) ORDER BY l.invoice_id, l.position
            """
        ) { row in
            let currency: Currency = try row.decode("currency")
            let id: InvoiceLineID = try row.decode("id")
            let planned = PlannedLine(
                kind: try ValidationStore.choice(row, "kind"), projectID: try row.decode("project_id"),
                description: try row.decode("description"), quantity: InvoiceQuantity(scaled: try row.decode("quantity_scaled")),
                unitPrice: try UnitPrice(scaled: try row.decode("unit_price_scaled"), currency: currency),
                tax: LineTax(
                    category: try ValidationStore.choice(row, "vat_category"), rateBP: try row.decode("vat_rate_bp"),
                    exemptionCode: try row.decode("vat_exemption_code"), exemptionReason: try row.decode("vat_exemption_reason")),
                periodFrom: try row.decode("period_from"), periodTo: try row.decode("period_to"), items: itemsByLine[id] ?? [],
                deductedDeposit: try row.decode("deducted_deposit_id"))
            return InvoiceLine(
                id: id, invoiceID: try row.decode("invoice_id"), position: try row.decode("position"), planned: planned,
                net: Money(amountMinor: try row.decode("net_minor"), currency: currency),
                creditedLineID: try row.decode("credited_line_id"))
        }
    }

    static func reference(_ row: PostgresRow) throws -> BillableReference? {
        if let id: TimeEntryID = try row.decode("time_entry_id") { return .timeEntry(id) }
        if let id: ExpenseID = try row.decode("expense_id") { return .expense(id) }
        if let id: MilestoneID = try row.decode("milestone_id") { return .milestone(id) }
        if let id: ChangeRequestID = try row.decode("change_request_id") { return .changeRequest(id) }
        if let project: ProjectID = try row.decode("retainer_project_id"), let from: LocalDate = try row.decode("retainer_period_from") {
            return try row.decode("retainer_kind", as: String.self) == "fee" ? .retainerFee(project, periodFrom: from) : .retainerOverage(project, periodFrom: from)
        }
        return nil
    }

    public func nextPosition(_ invoice: InvoiceID, on tx: PostgresTransaction) async throws -> Int {
        try await tx.queryOne("SELECT coalesce(max(position), 0) + 1 AS next FROM invoice_lines WHERE invoice_id = \(invoice)")
            .decode("next")
    }

    /// Removes a draft's line; its links go with it, so the work is billable again.
    @discardableResult
    public func delete(_ line: InvoiceLineID, of invoice: InvoiceID, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute("DELETE FROM invoice_lines WHERE id = \(line) AND invoice_id = \(invoice)") == 1
    }

    /// Changes a draft line's text, quantity, price and tax.
    public func update(_ line: InvoiceLine, on tx: PostgresTransaction) async throws {
        let planned = line.planned
        try await tx.execute(
            """
            UPDATE invoice_lines SET description = \(planned.description), quantity_scaled = \(planned.quantity.scaled),
                   unit_price_scaled = \(planned.unitPrice.scaled), net_minor = \(line.net.amountMinor),
                   vat_category = \(planned.tax.category.rawValue), vat_rate_bp = \(planned.tax.rateBP),
                   vat_exemption_code = \(planned.tax.exemptionCode), vat_exemption_reason = \(planned.tax.exemptionReason)
            WHERE id = \(line.id) AND invoice_id = \(line.invoiceID)
            """)
    }

    /// Marks every item a just-issued invoice bills as invoiced, linked to its line;
    /// the status each had is kept on the link so a credit note can give it back.
    public func markItemsInvoiced(_ invoice: InvoiceID, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            """
            UPDATE time_entries e SET status = 'invoiced', invoice_line_id = k.line_id, version = e.version + 1, updated_at = now()
            FROM invoice_line_items k WHERE k.invoice_id = \(invoice) AND k.time_entry_id = e.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE expenses x SET status = 'invoiced', invoice_line_id = k.line_id, version = x.version + 1, updated_at = now()
            FROM invoice_line_items k WHERE k.invoice_id = \(invoice) AND k.expense_id = x.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE milestones m SET status = 'invoiced', invoice_line_id = k.line_id, version = m.version + 1
            FROM invoice_line_items k WHERE k.invoice_id = \(invoice) AND k.milestone_id = m.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE change_requests c SET invoice_line_id = k.line_id, version = c.version + 1
            FROM invoice_line_items k WHERE k.invoice_id = \(invoice) AND k.change_request_id = c.id AND k.released_at IS NULL
            """)
    }

    /// Gives the work of some credited lines back to unbilled: the links are released
    /// and each item returns to the status it had before it was invoiced.
    public func release(lines: [InvoiceLineID], on tx: PostgresTransaction) async throws {
        guard !lines.isEmpty else { return }
        try await tx.execute(
            """
            UPDATE time_entries e
               SET status = CASE WHEN e.validation_id IS NOT NULL AND EXISTS (
                                     SELECT 1 FROM validations v WHERE v.id = e.validation_id AND v.status = 'accepted')
                                 THEN 'client_validated' ELSE 'approved' END,
                   invoice_line_id = NULL, version = e.version + 1, updated_at = now()
            FROM invoice_line_items k WHERE k.line_id = ANY(\(lines)) AND k.time_entry_id = e.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE expenses x
               SET status = CASE WHEN x.validation_id IS NOT NULL AND EXISTS (
                                     SELECT 1 FROM validations v WHERE v.id = x.validation_id AND v.status = 'accepted')
                                 THEN 'client_validated' ELSE 'approved' END,
                   invoice_line_id = NULL, version = x.version + 1, updated_at = now()
            FROM invoice_line_items k WHERE k.line_id = ANY(\(lines)) AND k.expense_id = x.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE milestones m SET status = 'accepted', invoice_line_id = NULL
            FROM invoice_line_items k WHERE k.line_id = ANY(\(lines)) AND k.milestone_id = m.id AND k.released_at IS NULL
            """)
        try await tx.execute(
            """
            UPDATE change_requests c SET invoice_line_id = NULL, version = c.version + 1
            FROM invoice_line_items k WHERE k.line_id = ANY(\(lines)) AND k.change_request_id = c.id AND k.released_at IS NULL
            """)
        try await tx.execute("UPDATE invoice_line_items SET released_at = now() WHERE line_id = ANY(\(lines)) AND released_at IS NULL")
    }

    /// The lines of `invoice` some credit note already credits.
    public func creditedLineIDs(of invoice: InvoiceID, on db: some PostgresQueryable) async throws -> Set<InvoiceLineID> {
        Set(
            try await db.query(
                """
                SELECT c.credited_line_id FROM invoice_lines c JOIN invoice_lines l ON l.id = c.credited_line_id
                WHERE l.invoice_id = \(invoice)
                """
            ) { try $0.decode("credited_line_id", as: InvoiceLineID.self) })
    }
}
