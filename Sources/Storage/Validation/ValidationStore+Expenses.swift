public import Domain
public import Foundation
public import Postgres

/// An approved, rechargeable expense a new timesheet request may cover, and the
/// expired, undecided request that holds it now (if any).
public struct ValidationExpenseCandidate: Sendable, Hashable {
    public let expense: TimesheetValidationSubject.Expense
    public let heldBy: ValidationID?
}

/// The expenses side of a timesheet validation (issue 5 item 1): a project that needs
/// the client's validation has its recharged expenses validated with the period's time,
/// in the same record. Non-rechargeable expenses are never shown to the client.
extension ValidationStore {
    /// The project's approved, rechargeable expenses of `from…to` that no pending or
    /// accepted request covers, locked (same rule as ``candidates(project:from:to:now:on:)``).
    public func expenseCandidates(
        project: ProjectID, from: LocalDate, to: LocalDate, now: Date, on tx: PostgresTransaction
    ) async throws -> [ValidationExpenseCandidate] {
        try await tx.query(
            """
            SELECT e.id, e.expense_date, e.category, e.note, u.name AS person_name, e.amount_minor, e.currency, e.markup_bp,
                   e.validation_id
            FROM expenses e
            JOIN users u ON u.id = e.user_id
            WHERE e.project_id = \(project) AND e.status = 'approved' AND e.rechargeable
              AND e.expense_date BETWEEN \(from) AND \(to)
              AND (e.validation_id IS NULL
                   OR e.validation_id IN (SELECT v.id FROM validations v WHERE v.status = 'pending' AND v.link_expires_at <= \(now)))
            ORDER BY e.id
            FOR UPDATE OF e
            """
        ) { row in
            let amount = Money(amountMinor: try row.decode("amount_minor"), currency: try Currency(try row.decode("currency", as: String.self)))
            return ValidationExpenseCandidate(
                expense: TimesheetValidationSubject.Expense(
                    id: try row.decode("id"), date: try row.decode("expense_date"), category: try row.decode("category"),
                    note: try row.decode("note"), personName: try row.decode("person_name"),
                    billableAmount: try ExpenseCharge.billableAmount(amount, rechargeable: true, markupBasisPoints: try row.decode("markup_bp"))),
                heldBy: try row.decode("validation_id"))
        }
    }

    /// Covers `expenses` by the request `id` (after ``insert(_:linkNonceHash:on:)``).
    public func cover(expenses: [ExpenseID], by id: ValidationID, on tx: PostgresTransaction) async throws {
        guard !expenses.isEmpty else { return }
        try await tx.execute(
            """
            INSERT INTO validation_expenses (validation_id, expense_id)
            SELECT \(id), expense_id FROM unnest(\(expenses)::uuid[]) AS expense_id
            """)
        try await tx.execute("UPDATE expenses SET validation_id = \(id) WHERE id = ANY(\(expenses))")
    }

    /// Releases the expenses still held by superseded requests.
    public func releaseExpenses(of ids: [ValidationID], on tx: PostgresTransaction) async throws {
        guard !ids.isEmpty else { return }
        try await tx.execute("UPDATE expenses SET validation_id = NULL WHERE validation_id = ANY(\(ids)) AND status = 'approved'")
    }

    /// The expenses a request covers with their current status, locked.
    public func expensesForUpdate(of id: ValidationID, on tx: PostgresTransaction) async throws -> [(ExpenseID, ExpenseStatus)] {
        try await tx.query(
            """
            SELECT e.id, e.status FROM expenses e
            JOIN validation_expenses ve ON ve.expense_id = e.id
            WHERE ve.validation_id = \(id)
            ORDER BY e.id
            FOR UPDATE OF e
            """
        ) { row in (try row.decode("id", as: ExpenseID.self), try Self.choice(row, "status")) }
    }

    /// The ids of the expenses a request covers (for showing the record).
    public func expenseIDs(of id: ValidationID, on db: some PostgresQueryable) async throws -> [ExpenseID] {
        try await db.query("SELECT expense_id FROM validation_expenses WHERE validation_id = \(id) ORDER BY expense_id") {
            try $0.decode("expense_id", as: ExpenseID.self)
        }
    }

    /// Accepted: the expenses become client-validated.
    public func markExpensesClientValidated(_ ids: [ExpenseID], at now: Date, on tx: PostgresTransaction) async throws {
        guard !ids.isEmpty else { return }
        try await tx.execute(
            """
            UPDATE expenses SET status = \(ExpenseStatus.clientValidated.rawValue), version = version + 1, updated_at = \(now)
            WHERE id = ANY(\(ids)) AND status = 'approved'
            """)
    }

    /// Rejected by the client: the expenses go back to the approver's queue with the client's comment.
    public func returnExpensesToApprover(_ ids: [ExpenseID], comment: String, at now: Date, on tx: PostgresTransaction) async throws {
        guard !ids.isEmpty else { return }
        try await tx.execute(
            """
            UPDATE expenses
            SET status = \(ExpenseStatus.submitted.rawValue), client_rejection_comment = \(comment), validation_id = NULL,
                approved_by = NULL, approved_at = NULL, version = version + 1, updated_at = \(now)
            WHERE id = ANY(\(ids)) AND status = 'approved'
            """)
    }
}
