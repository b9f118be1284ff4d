public import Domain
public import Foundation
public import Postgres

/// SQL for `expenses`: one statement per function. The read-only trigger
/// (`expenses_read_only`) becomes `DomainError.conflict`. Listings, the export and the
/// approval queue live in `ExpenseStore+Queries.swift`.
public struct ExpenseStore: Sendable {
    public init() {}

    static let columns: SQL = """
        e.id, e.user_id, e.project_id, e.expense_date, e.category, e.amount_minor, e.currency, e.vat_rate_bp, e.rechargeable,
        e.markup_bp, e.note, e.status, e.submitted_at, e.approved_by, e.approved_at, e.rejection_reason, e.client_rejection_comment,
        e.validation_id, e.invoice_line_id, e.version, e.created_at, e.updated_at
        """

    static let readOnly = DomainError.conflict("An approved, validated or invoiced expense is read-only.")
    static let keptAsProof = DomainError.conflict(
        "This expense is part of a client validation record, which is kept as proof; it cannot be deleted.")

    static func decode(_ row: PostgresRow) throws -> Expense {
        let statusText: String = try row.decode("status")
        guard let status = ExpenseStatus(rawValue: statusText) else {
            throw PostgresError(kind: .decoding, message: "column \"status\" holds an unknown expense status")
        }
        let categoryText: String = try row.decode("category")
        guard let category = ExpenseCategory(rawValue: categoryText) else {
            throw PostgresError(kind: .decoding, message: "column \"category\" holds an unknown expense category")
        }
        return Expense(
            id: try row.decode("id"), userID: try row.decode("user_id"), projectID: try row.decode("project_id"),
            date: try row.decode("expense_date"), category: category,
            amount: Money(amountMinor: try row.decode("amount_minor"), currency: try row.decode("currency")),
            vatRateBasisPoints: try row.decode("vat_rate_bp"), rechargeable: try row.decode("rechargeable"),
            markupBasisPoints: try row.decode("markup_bp"), note: try row.decode("note"), status: status,
            submittedAt: try row.decode("submitted_at"), approvedBy: try row.decode("approved_by"),
            approvedAt: try row.decode("approved_at"), rejectionReason: try row.decode("rejection_reason"),
            clientRejectionComment: try row.decode("client_rejection_comment"), validationID: try row.decode("validation_id"),
            invoiceLineID: try row.decode("invoice_line_id"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }

    public func insert(_ expense: Expense, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping([:]) {
            try await db.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                  markup_bp, note, status, version, created_at, updated_at)
            VALUES (\(expense.id), \(expense.userID), \(expense.projectID), \(expense.date), \(expense.category.rawValue),
                    \(expense.amount.amountMinor), \(expense.amount.currency), \(expense.vatRateBasisPoints), \(expense.rechargeable),
                    \(expense.markupBasisPoints), \(expense.note), \(expense.status.rawValue), \(expense.version),
                    \(expense.createdAt), \(expense.updatedAt))
            """)
        }
    }

    public func find(_ id: ExpenseID, on db: some PostgresQueryable) async throws -> Expense? {
        try await db.queryOptional("SELECT \(Self.columns) FROM expenses e WHERE e.id = \(id)").map(Self.decode)
    }

    /// The expense, locked for an update in the current transaction.
    public func findForUpdate(_ id: ExpenseID, on db: PostgresTransaction) async throws -> Expense? {
        try await db.queryOptional("SELECT \(Self.columns) FROM expenses e WHERE e.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// The expenses among `ids` that exist, locked in id order (so concurrent callers
    /// cannot deadlock).
    public func findForUpdate(_ ids: [ExpenseID], on db: PostgresTransaction) async throws -> [Expense] {
        guard !ids.isEmpty else { return [] }
        return try await db.query(
            "SELECT \(Self.columns) FROM expenses e WHERE e.id = ANY(\(ids)) ORDER BY e.id FOR UPDATE", Self.decode)
    }

    /// Writes every mutable field in one statement if the version still matches;
    /// returns false when someone changed the row first.
    public func update(_ expense: Expense, expectedVersion: Int, at now: Date, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(["expenses_read_only": Self.readOnly]) {
            return try await db.execute(
                """
                UPDATE expenses
                SET project_id = \(expense.projectID), expense_date = \(expense.date), category = \(expense.category.rawValue),
                    amount_minor = \(expense.amount.amountMinor), currency = \(expense.amount.currency),
                    vat_rate_bp = \(expense.vatRateBasisPoints), rechargeable = \(expense.rechargeable),
                    markup_bp = \(expense.markupBasisPoints), note = \(expense.note), status = \(expense.status.rawValue),
                    submitted_at = \(expense.submittedAt), approved_by = \(expense.approvedBy), approved_at = \(expense.approvedAt),
                    rejection_reason = \(expense.rejectionReason), version = version + 1, updated_at = \(now)
                WHERE id = \(expense.id) AND version = \(expectedVersion)
                """) == 1
        }
    }

    /// Deletes the expense (and, by cascade, its receipts) if the version still matches.
    public func delete(_ id: ExpenseID, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(
            ["expenses_read_only": Self.readOnly], sqlStates: [SQLState.foreignKeyViolation: Self.keptAsProof], others: .rethrown
        ) {
            try await db.execute("DELETE FROM expenses WHERE id = \(id) AND version = \(expectedVersion)") == 1
        }
    }
}
