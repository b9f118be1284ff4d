public import Domain
import Foundation
public import Postgres

/// The SQL of "billable and not yet on an invoice" (issue 12 item 3) for the work that
/// lives in rows: time, expenses, milestones and change requests. Retainer charges
/// are computed from the retainer ledger by the service.
///
/// Billable time is approved time on a billable entry — client-validated where the
/// project requires it — of a time-and-materials project, or on the task of an hourly
/// change request whatever the project's model (a fixed price or a retainer fee
/// covers the rest). Nothing on a live invoice line (draft or issued) is billable.
public struct BillableStore: Sendable {
    public init() {}

    static let validatedWork: SQL = """
        (w.status = 'client_validated' OR (w.status = 'approved' AND NOT p.requires_client_validation))
        """

    static func scope(_ filter: BillableFilter, date: SQL) -> SQL {
        var conditions: [SQL] = ["true"]
        if let client = filter.clientID { conditions.append("p.client_id = \(client)") }
        if let projects = filter.projectIDs { conditions.append("p.id = ANY(\(projects)::uuid[])") }
        if let upTo = filter.upTo { conditions.append("\(date) <= \(upTo)") }
        if let from = filter.from { conditions.append("\(date) >= \(from)") }
        return SQL.joined(conditions, separator: " AND ")
    }

    /// What makes approved time `w` (with its project `p` and task `t`) billable, whether
    /// or not it is on a line yet.
    static let billableTimeConditions: SQL = """
        w.billable AND \(validatedWork) AND w.billable_rate_scaled > 0
          AND (p.billing_model = 'time_and_materials' OR t.change_request_id IS NOT NULL)
        """

    /// The billable time `w` (with its project `p` and task `t`) dated within `dates`:
    /// FROM and WHERE, shared by the items and the reports' sums (`UnbilledStore`), so
    /// both count the same work.
    static func billableTime(_ filter: BillableFilter, join: SQL = "", dates: SQL = "true") -> SQL {
        """
        FROM time_entries w JOIN projects p ON p.id = w.project_id JOIN tasks t ON t.id = w.task_id \(join)
        WHERE \(billableTimeConditions)
          AND NOT EXISTS (SELECT 1 FROM invoice_line_items k WHERE k.time_entry_id = w.id AND k.released_at IS NULL)
          AND \(scope(filter, date: "w.work_date")) AND (\(dates))
        """
    }

    /// The same work summed per month in `time_entry_totals` `s` (migration 0029), the
    /// months' first days within `dates` — before what drafts hold
    /// (``draftedTime(join:dates:)``) is taken out: FROM and WHERE.
    static func billableTotals(dates: SQL) -> SQL {
        """
        FROM time_entry_totals s JOIN projects p ON p.id = s.project_id JOIN tasks t ON t.id = s.task_id
        WHERE s.billable AND (s.status = 'client_validated' OR (s.status = 'approved' AND NOT p.requires_client_validation))
          AND s.priced_entries > 0 AND (p.billing_model = 'time_and_materials' OR t.change_request_id IS NOT NULL) AND (\(dates))
        """
    }

    /// The same work summed per day in `time_entry_unbilled_days` `s` (migration 0031:
    /// approved, not invoiced, billable and priced), dated within `dates`: FROM and WHERE.
    /// What a draft's lines hold (``draftedTime(join:dates:)``) is taken out.
    static func billableDays(dates: SQL) -> SQL {
        """
        FROM time_entry_unbilled_days s JOIN projects p ON p.id = s.project_id JOIN tasks t ON t.id = s.task_id
        WHERE (s.status = 'client_validated' OR (s.status = 'approved' AND NOT p.requires_client_validation))
          AND (p.billing_model = 'time_and_materials' OR t.change_request_id IS NOT NULL) AND (\(dates))
        """
    }

    /// The time that would be billable but is on a draft's line, dated within `dates`:
    /// FROM and WHERE. Approved or client-validated time on a live line is always on a
    /// draft (issuing marks every item of the invoice invoiced in its transaction), so
    /// this reads the drafts, never the issued invoices' items. Each drafted entry is read
    /// by its primary key (LATERAL, fenced by OFFSET 0): joined plainly, the planner
    /// counted the issued invoices' items too and scanned every entry (about 0.5 s of
    /// each unbilled report at a million entries, for a few thousand drafted ones).
    static func draftedTime(join: SQL, dates: SQL) -> SQL {
        """
        FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id JOIN invoice_line_items k ON k.line_id = l.id AND k.released_at IS NULL
             CROSS JOIN LATERAL (SELECT e.* FROM time_entries e WHERE e.id = k.time_entry_id OFFSET 0) w
             JOIN projects p ON p.id = w.project_id JOIN tasks t ON t.id = w.task_id \(join)
        WHERE i.status = 'draft' AND \(billableTimeConditions) AND (\(dates))
        """
    }

    /// The billable expenses `w` (with their project `p`): FROM and WHERE.
    static func billableExpenses(_ filter: BillableFilter, join: SQL = "") -> SQL {
        """
        FROM expenses w JOIN projects p ON p.id = w.project_id \(join)
        WHERE w.rechargeable AND \(Self.validatedWork)
          AND NOT EXISTS (SELECT 1 FROM invoice_line_items k WHERE k.expense_id = w.id AND k.released_at IS NULL)
          AND \(scope(filter, date: "w.expense_date"))
        """
    }

    public func time(_ filter: BillableFilter, on db: some PostgresQueryable) async throws -> [BillableItem] {
        guard filter.kinds.contains(.time) else { return [] }
        return try await db.query(
            """
            SELECT w.id, w.work_date, w.minutes, w.note, w.billable_rate_scaled, w.rate_currency, p.id AS project_id, p.name AS project_name,
                   p.client_id, t.id AS task_id, t.name AS task_name, t.vat_rate_bp, u.id AS user_id, u.name AS user_name
            \(Self.billableTime(filter, join: "JOIN users u ON u.id = w.user_id"))
            ORDER BY p.name, w.work_date, w.id
            """
        ) { row in
            let rate = try HourlyRate(scaled: try row.decode("billable_rate_scaled"), currency: try row.decode("rate_currency"))
            let minutes: Int = try row.decode("minutes")
            return try BillableItem(
                reference: .timeEntry(try row.decode("id")), clientID: try row.decode("client_id"),
                projectID: try row.decode("project_id"), projectName: try row.decode("project_name"), date: try row.decode("work_date"),
                description: "\(try row.decode("task_name", as: String.self)) — \(try row.decode("user_name", as: String.self))",
                quantity: .hours(fromMinutes: minutes), unitPrice: UnitPrice(rate), vatRateBP: try row.decode("vat_rate_bp"),
                time: BillableTime(
                    taskID: try row.decode("task_id"), taskName: try row.decode("task_name"), userID: try row.decode("user_id"),
                    userName: try row.decode("user_name"), minutes: minutes, note: try row.decode("note"), rate: rate))
        }
    }

    /// Approved rechargeable expenses, priced with their markup to 4 decimals
    /// (389.99 + 12 % = 436.7888), at their category's VAT rate when settings give one,
    /// else at the rate recorded on the expense.
    public func expenses(
        _ filter: BillableFilter, categoryRatesBP: [ExpenseCategory: Int], on db: some PostgresQueryable
    ) async throws -> [BillableItem] {
        guard filter.kinds.contains(.expense) else { return [] }
        return try await db.query(
            """
            SELECT w.id, w.expense_date, w.category, w.note, w.amount_minor, w.currency, w.markup_bp, w.vat_rate_bp,
                   p.id AS project_id, p.name AS project_name, p.client_id
            \(Self.billableExpenses(filter))
            ORDER BY p.name, w.expense_date, w.id
            """
        ) { row in
            let currency: Currency = try row.decode("currency")
            let amount: Int64 = try row.decode("amount_minor")
            let markup: Int = try row.decode("markup_bp")
            let scaled = FixedPoint.divideRoundingHalfUp(
                Int128(amount) * Int128(UnitPrice.scaleFactor / currency.minorUnitsPerMajorUnit) * Int128(10_000 + markup), by: 10_000)
            let note: String = try row.decode("note")
            let category: String = try row.decode("category")
            let label = category.replacingOccurrences(of: "_", with: " ").capitalizedFirst
            return try BillableItem(
                reference: .expense(try row.decode("id")), clientID: try row.decode("client_id"), projectID: try row.decode("project_id"),
                projectName: try row.decode("project_name"), date: try row.decode("expense_date"),
                description: note.isEmpty ? label : "\(label): \(note)" + (markup > 0 ? " (+\(FixedPoint.format(Int64(markup), scale: 2, minimumFractionDigits: 0)) %)" : ""),
                quantity: .one, unitPrice: try UnitPrice(scaled: Int64(scaled), currency: currency), vatRateBP: ExpenseCategory(rawValue: category).flatMap { categoryRatesBP[$0] } ?? (try row.decode("vat_rate_bp")))
        }
    }

    /// Accepted milestones at the amount frozen when they were delivered.
    public func milestones(_ filter: BillableFilter, on db: some PostgresQueryable) async throws -> [BillableItem] {
        guard filter.kinds.contains(.milestone) else { return [] }
        return try await db.query(
            """
            SELECT w.id, w.name, w.delivered_amount_minor, w.currency, (w.decided_at AT TIME ZONE 'UTC')::date AS accepted_on,
                   p.id AS project_id, p.name AS project_name, p.client_id
            FROM milestones w JOIN projects p ON p.id = w.project_id
            WHERE w.status = 'accepted' AND w.delivered_amount_minor > 0
              AND NOT EXISTS (SELECT 1 FROM invoice_line_items k WHERE k.milestone_id = w.id AND k.released_at IS NULL)
              AND \(Self.scope(filter, date: "(w.decided_at AT TIME ZONE 'UTC')::date"))
            ORDER BY p.name, w.position, w.id
            """
        ) { row in
            let amount = Money(amountMinor: try row.decode("delivered_amount_minor"), currency: try row.decode("currency"))
            return try BillableItem(
                reference: .milestone(try row.decode("id")), clientID: try row.decode("client_id"), projectID: try row.decode("project_id"),
                projectName: try row.decode("project_name"), date: try row.decode("accepted_on"),
                description: "Milestone: \(try row.decode("name", as: String.self))", quantity: .one, unitPrice: try UnitPrice(amount),
                vatRateBP: nil)
        }
    }

    /// Accepted fixed-price change requests at their quoted amount.
    public func changeRequests(_ filter: BillableFilter, on db: some PostgresQueryable) async throws -> [BillableItem] {
        guard filter.kinds.contains(.changeRequest) else { return [] }
        return try await db.query(
            """
            SELECT w.id, w.number, w.title, w.amount_minor, w.currency, (w.decided_at AT TIME ZONE 'UTC')::date AS accepted_on,
                   p.id AS project_id, p.name AS project_name, p.client_id
            FROM change_requests w JOIN projects p ON p.id = w.project_id
            WHERE w.status = \(ChangeRequestStatus.billableStatus.rawValue) AND w.pricing = 'fixed' AND w.amount_minor > 0
              AND NOT EXISTS (SELECT 1 FROM invoice_line_items k WHERE k.change_request_id = w.id AND k.released_at IS NULL)
              AND \(Self.scope(filter, date: "(w.decided_at AT TIME ZONE 'UTC')::date"))
            ORDER BY p.name, w.number
            """
        ) { row in
            let amount = Money(amountMinor: try row.decode("amount_minor"), currency: try row.decode("currency"))
            return try BillableItem(
                reference: .changeRequest(try row.decode("id")), clientID: try row.decode("client_id"),
                projectID: try row.decode("project_id"), projectName: try row.decode("project_name"), date: try row.decode("accepted_on"),
                description: "Change request CR-\(try row.decode("number", as: Int.self)): \(try row.decode("title", as: String.self))",
                quantity: .one, unitPrice: try UnitPrice(amount), vatRateBP: nil)
        }
    }

    /// The retainer periods (project, first day, kind) already on a live line.
    public func billedRetainerPeriods(_ projects: [ProjectID], on db: some PostgresQueryable) async throws -> Set<BillableReference> {
        guard !projects.isEmpty else { return [] }
        return Set(
            try await db.query(
                """
                SELECT retainer_project_id, retainer_period_from, retainer_kind FROM invoice_line_items
                WHERE retainer_project_id = ANY(\(projects)::uuid[]) AND released_at IS NULL
                """
            ) { row -> BillableReference in
                let project: ProjectID = try row.decode("retainer_project_id")
                let from: LocalDate = try row.decode("retainer_period_from")
                return try row.decode("retainer_kind", as: String.self) == "fee"
                    ? .retainerFee(project, periodFrom: from) : .retainerOverage(project, periodFrom: from)
            })
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
