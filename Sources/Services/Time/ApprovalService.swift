public import Domain
public import Foundation
public import Postgres
import Storage

/// One line of the approver's queue: a submitted time entry or expense.
public enum ApprovalQueueItem: Sendable {
    case timeEntry(TimeEntryDetail)
    case expense(ExpenseDetail)

    /// The work date or expense date.
    public var date: LocalDate {
        switch self {
        case .timeEntry(let detail): detail.entry.workDate
        case .expense(let detail): detail.expense.date
        }
    }

    public var id: UUID {
        switch self {
        case .timeEntry(let detail): detail.entry.id.uuid
        case .expense(let detail): detail.expense.id.uuid
        }
    }

    /// PostgreSQL's uuid order (bytewise), which lowercase hex text preserves.
    var sortKey: (LocalDate, String) { (date, id.uuidString.lowercased()) }
}

/// What one approval request decided.
public struct ApprovalOutcome: Sendable {
    public let timeEntries: [TimeEntry]
    public let expenses: [Expense]
}

/// The approver's queue and decisions over time entries and expenses together
/// (SPEC §3 row 3, §4.1): one ordering, one all-or-nothing transaction.
public struct ApprovalService: Sendable {
    let pool: PostgresPool
    let time: TimeEntryService
    let expenses: ExpenseService

    public init(pool: PostgresPool, time: TimeEntryService, expenses: ExpenseService) {
        self.pool = pool
        self.time = time
        self.expenses = expenses
    }

    /// Submitted entries and expenses the caller may approve, oldest date first, then by
    /// id, after `query.after`; fetches `limit + 1` items. Members and contacts get 403.
    /// `time: false` leaves the entries out, `expenses: false` the expenses (the console's kind filter).
    public func queue(_ query: TimeEntryQuery, time includesTime: Bool = true, expenses includesExpenses: Bool = true, caller: Caller)
        async throws -> [ApprovalQueueItem]
    {
        guard let scope = ApprovalScope.of(caller.actor) else { throw DomainError.forbidden(ApprovalScope.refusal) }
        let entries = includesTime ? try await time.approvalQueue(query, caller: caller) : []
        let expenseQuery = ExpenseQuery(
            from: query.from, to: query.to, projectID: query.projectID, userID: query.userID, status: nil, category: nil,
            after: query.after.map { ($0.date, $0.id.uuid) }, limit: query.limit)
        let spent = includesExpenses ? try await expenses.approvalQueue(expenseQuery, scope: scope) : []
        let merged = (entries.map(ApprovalQueueItem.timeEntry) + spent.map(ApprovalQueueItem.expense)).sorted { $0.sortKey < $1.sortKey }
        return Array(merged.prefix(query.limit + 1))
    }

    /// Approves or rejects every named time entry and expense, or none.
    public func decide(
        timeEntries: [TimeEntryID], expenses expenseIDs: [ExpenseID], decision: ApprovalDecision, reason: String?, caller: Caller
    ) async throws -> ApprovalOutcome {
        guard ApprovalScope.of(caller.actor) != nil else { throw DomainError.forbidden(ApprovalScope.refusal) }
        let limit = TimeEntryService.maximumEntriesPerDecision
        var validation = Validation()
        validation.require(
            !(timeEntries.isEmpty && expenseIDs.isEmpty), field: "time_entry_ids", message: "Name at least one time entry or expense.")
        validation.require(
            timeEntries.count + expenseIDs.count <= limit, field: "time_entry_ids",
            message: "Name at most \(limit) time entries and expenses per request.")
        validation.require(Set(timeEntries).count == timeEntries.count, field: "time_entry_ids", message: "Name each time entry once.")
        validation.require(Set(expenseIDs).count == expenseIDs.count, field: "expense_ids", message: "Name each expense once.")
        if decision == .reject {
            let blank = (reason ?? "").allSatisfy(\.isWhitespace)
            validation.require(!blank, field: "reason", message: "Say why they are rejected; their authors will see it.")
        }
        try validation.throwIfInvalid()
        return try await pool.withTransaction { tx in
            let entries = timeEntries.isEmpty ? [] : try await time.decide(timeEntries, decision: decision, reason: reason, caller: caller, on: tx)
            let decided = try await expenses.decide(expenseIDs, decision: decision, reason: reason, caller: caller, on: tx)
            try await OutboxStore().append(
                try OutboxEvents.approvalDecided(
                    decision, reason: reason, by: caller.user.id, entries: entries, expenses: decided, at: time.clock.now()),
                on: tx)
            return ApprovalOutcome(timeEntries: entries, expenses: decided)
        }
    }
}
