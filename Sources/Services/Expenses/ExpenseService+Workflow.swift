public import Domain
import Foundation
import Postgres
import Storage

extension ExpenseService {
    /// Its author submits an open expense for approval.
    /// - Throws: 404 when unseen, 403 when not the author, 409 unless open (nothing changes).
    public func submit(_ id: ExpenseID, caller: Caller) async throws -> Expense {
        try await pool.withTransaction { tx in
            let before = try await lockedAuthorExpense(id, caller: caller, on: tx)
            var after = before
            let now = clock.now()
            try after.submit(at: now)
            guard try await expenses.update(after, expectedVersion: before.version, at: now, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: .expenseSubmitted, subjectType: .expense, subjectID: id.description, before: try AuditJSON.expense(before),
                    after: try AuditJSON.expense(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }

    /// Submitted expenses of the projects `scope` covers, oldest first (`limit + 1` rows).
    func approvalQueue(_ query: ExpenseQuery, scope: ApprovalScope) async throws -> [ExpenseDetail] {
        try await expenses.approvalQueue(query, scope: scope, on: pool)
    }

    /// Approves or rejects submitted expenses inside the caller's transaction, in the
    /// order of `ids`; the request's shape is checked by ``ApprovalService``.
    /// - Throws: 404 for an unknown or unseen expense, 403 outside the approver's
    ///   projects, 409 naming the expense for a transition the workflow refuses.
    func decide(
        _ ids: [ExpenseID], decision: ApprovalDecision, reason: String?, caller: Caller, on tx: PostgresTransaction
    ) async throws -> [Expense] {
        guard !ids.isEmpty else { return [] }
        let locked = try await expenses.findForUpdate(ids, on: tx)
        guard locked.count == ids.count else { throw DomainError.notFound(entity: "expense") }
        let byID = Dictionary(uniqueKeysWithValues: locked.map { ($0.id, $0) })
        let projectScopes = try await scopes.scopes(Array(Set(locked.map(\.projectID))), on: tx)
        let allowSelfApproval = try await settings.get(on: tx).allowSelfApproval
        for expense in locked {
            guard let scope = projectScopes[expense.projectID] else { throw DomainError.notFound(entity: "expense") }
            try Policy.require(caller.actor, .approveTime, .ownResource(owner: expense.userID, project: scope), entity: "expense")
            try WorkDateRules.checkNotSelfApproval(
                author: expense.userID, approver: caller.user.id, allowed: allowSelfApproval, item: "expense \(expense.id)")
        }
        let now = clock.now()
        var decided: [Expense] = []
        for id in ids {
            let before = byID[id]!
            var after = before
            do throws(DomainError) {
                switch decision {
                case .approve: try after.approve(by: caller.user.id, at: now)
                case .reject: try after.reject(reason: reason ?? "")
                }
            } catch {
                if case .conflict(let sentence) = error { throw DomainError.conflict("\(sentence) (expense \(id))") }
                throw error
            }
            guard try await expenses.update(after, expectedVersion: before.version, at: now, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: decision == .approve ? .expenseApproved : .expenseRejected, subjectType: .expense,
                    subjectID: id.description, before: try AuditJSON.expense(before), after: try AuditJSON.expense(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            decided.append(after)
        }
        return decided
    }
}
