public import Domain
import Foundation
public import Postgres
import Storage

/// A new expense, as its author records it.
public struct ExpenseDraft: Sendable {
    public var projectID: ProjectID
    public var date: LocalDate
    public var category: ExpenseCategory
    /// Excluding VAT, in minor units.
    public var amountMinor: Int64
    /// nil: the project's currency.
    public var currency: String?
    /// nil: the agency's default VAT rate.
    public var vatRateBasisPoints: Int?
    public var rechargeable: Bool
    public var markupBasisPoints: Int
    public var note: String

    public init(
        projectID: ProjectID, date: LocalDate, category: ExpenseCategory, amountMinor: Int64, currency: String? = nil,
        vatRateBasisPoints: Int? = nil, rechargeable: Bool = true, markupBasisPoints: Int = 0, note: String = ""
    ) {
        self.projectID = projectID
        self.date = date
        self.category = category
        self.amountMinor = amountMinor
        self.currency = currency
        self.vatRateBasisPoints = vatRateBasisPoints
        self.rechargeable = rechargeable
        self.markupBasisPoints = markupBasisPoints
        self.note = note
    }
}

/// A partial update of an open expense: nil leaves a field unchanged.
public struct ExpenseChanges: Sendable {
    public var projectID: ProjectID?
    public var date: LocalDate?
    public var category: ExpenseCategory?
    public var amountMinor: Int64?
    public var currency: String?
    public var vatRateBasisPoints: Int?
    public var rechargeable: Bool?
    public var markupBasisPoints: Int?
    public var note: String?

    public init(
        projectID: ProjectID? = nil, date: LocalDate? = nil, category: ExpenseCategory? = nil, amountMinor: Int64? = nil,
        currency: String? = nil, vatRateBasisPoints: Int? = nil, rechargeable: Bool? = nil, markupBasisPoints: Int? = nil,
        note: String? = nil
    ) {
        self.projectID = projectID
        self.date = date
        self.category = category
        self.amountMinor = amountMinor
        self.currency = currency
        self.vatRateBasisPoints = vatRateBasisPoints
        self.rechargeable = rechargeable
        self.markupBasisPoints = markupBasisPoints
        self.note = note
    }

    /// Whether no field is to change.
    public var isEmpty: Bool {
        projectID == nil && date == nil && category == nil && amountMinor == nil && currency == nil && vatRateBasisPoints == nil
            && rechargeable == nil && markupBasisPoints == nil && note == nil
    }
}

/// Expenses (SPEC §2 Expense, issue 5 item 1): recorded by their authors on projects
/// they belong to, read by those the policy lets see them (exactly like time entries).
/// The workflow is in `ExpenseService+Workflow.swift`, receipts in `+Receipts`, the
/// CSV export in `+CSV`.
public struct ExpenseService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let expenses = ExpenseStore()
    let receipts = ReceiptStore()
    let targets = LoggingTargetStore()
    let scopes = ProjectScopeStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// One page of the expenses the caller may see (`limit + 1` rows are fetched).
    public func list(_ query: ExpenseQuery, caller: Caller) async throws -> [Expense] {
        try await expenses.list(query, visibility: ExpenseVisibility.of(caller.actor), on: pool)
    }

    /// The expenses the caller may see with their project and receipt count, newest
    /// first, at most `query.limit` (the console's list: one statement, not one per expense).
    public func listDetails(_ query: ExpenseQuery, caller: Caller) async throws -> [ExpenseDetail] {
        try await expenses.listDetails(query, visibility: ExpenseVisibility.of(caller.actor), on: pool)
    }

    /// The expense and its receipts (nil for a client contact); 404 when the caller may not see it.
    public func get(_ id: ExpenseID, caller: Caller) async throws -> (expense: Expense, receipts: [ExpenseReceipt]?) {
        guard let expense = try await expenses.find(id, on: pool) else { throw DomainError.notFound(entity: "expense") }
        try await requireVisible(expense, caller: caller, on: pool)
        guard Self.seesReceipts(caller) else { return (expense, nil) }
        return (expense, try await receipts.receipts(of: id, on: pool))
    }

    static func seesReceipts(_ caller: Caller) -> Bool {
        caller.actor.role != .client || Expense.clientsSeeReceipts
    }

    /// Records the caller's own expense on an active project they belong to, in the
    /// project's currency; the VAT rate defaults to the agency's.
    public func create(_ draft: ExpenseDraft, caller: Caller) async throws -> Expense {
        var validation = Validation()
        validation.require(
            draft.amountMinor > 0, field: "amount.amount_minor", message: "must be more than zero (the amount excluding VAT, in minor units)")
        let vat = try draft.vatRateBasisPoints.flatMap { value in try validation.collect { () throws(DomainError) in try Expense.validVATRate(value) } }
        let markup = try validation.collect { () throws(DomainError) in try Expense.validMarkup(draft.markupBasisPoints) }
        let note = try validation.collect { () throws(DomainError) in try Expense.validNote(draft.note) }
        let currency = try draft.currency.flatMap { code in
            try validation.collect { () throws(DomainError) in try Currency(code, field: "amount.currency") }
        }
        try validation.throwIfInvalid()
        let author = caller.user.id
        return try await pool.withTransaction { tx in
            let project = try await requireLoggableProject(draft.projectID, author: author, caller: caller, on: tx)
            let amount = try Expense.validAmount(
                Money(amountMinor: draft.amountMinor, currency: currency ?? project.currency), projectCurrency: project.currency,
                projectName: project.name)
            let vatRate: Int
            if let vat { vatRate = vat } else { vatRate = try await settings.get(on: tx).defaultVATRateBasisPoints }
            let expense = Expense(
                id: .random(), userID: author, projectID: draft.projectID, date: draft.date, category: draft.category, amount: amount,
                vatRateBasisPoints: vatRate, rechargeable: draft.rechargeable, markupBasisPoints: markup ?? 0, note: note ?? "",
                createdAt: clock.now())
            _ = try expense.charge()
            try await expenses.insert(expense, on: tx)
            try await audit.append(
                AuditEntry(action: .expenseCreated, subjectType: .expense, subjectID: expense.id.description, after: try AuditJSON.expense(expense)),
                actor: author, origin: caller.origin, on: tx)
            return expense
        }
    }

    /// Changes the caller's own open expense if it is still at `expectedVersion`; the
    /// rules of a new expense apply to the result.
    public func update(_ id: ExpenseID, changes: ExpenseChanges, expectedVersion: Int, caller: Caller) async throws -> Expense {
        var validation = Validation()
        if let minor = changes.amountMinor {
            validation.require(minor > 0, field: "amount.amount_minor", message: "must be more than zero (the amount excluding VAT, in minor units)")
        }
        let vat = try changes.vatRateBasisPoints.flatMap { value in try validation.collect { () throws(DomainError) in try Expense.validVATRate(value) } }
        let markup = try changes.markupBasisPoints.flatMap { value in try validation.collect { () throws(DomainError) in try Expense.validMarkup(value) } }
        let note = try changes.note.flatMap { value in try validation.collect { () throws(DomainError) in try Expense.validNote(value) } }
        let currency = try changes.currency.flatMap { code in
            try validation.collect { () throws(DomainError) in try Currency(code, field: "amount.currency") }
        }
        try validation.throwIfInvalid()
        return try await pool.withTransaction { tx in
            let before = try await lockedOwnExpense(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            guard !changes.isEmpty else { return before }
            var after = before
            after.projectID = changes.projectID ?? before.projectID
            after.date = changes.date ?? before.date
            after.category = changes.category ?? before.category
            after.vatRateBasisPoints = vat ?? before.vatRateBasisPoints
            after.rechargeable = changes.rechargeable ?? before.rechargeable
            after.markupBasisPoints = markup ?? before.markupBasisPoints
            after.note = note ?? before.note
            let project = try await requireLoggableProject(after.projectID, author: before.userID, caller: caller, on: tx)
            after.amount = try Expense.validAmount(
                Money(amountMinor: changes.amountMinor ?? before.amount.amountMinor, currency: currency ?? before.amount.currency),
                projectCurrency: project.currency, projectName: project.name)
            _ = try after.charge()
            guard after != before else { return before }
            let now = clock.now()
            guard try await expenses.update(after, expectedVersion: expectedVersion, at: now, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: .expenseUpdated, subjectType: .expense, subjectID: id.description, before: try AuditJSON.expense(before),
                    after: try AuditJSON.expense(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }

    /// Deletes the caller's own open expense and its receipts (at `expectedVersion` when given).
    public func delete(_ id: ExpenseID, expectedVersion: Int?, caller: Caller) async throws {
        try await pool.withTransaction { tx in
            let before = try await lockedOwnExpense(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            let removed = try await receipts.receipts(of: id, on: tx)
            guard try await expenses.delete(id, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
            try await audit.append(
                AuditEntry(
                    action: .expenseDeleted, subjectType: .expense, subjectID: id.description,
                    before: try AuditJSON.expense(before, receipts: removed)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    // MARK: - Rules shared by the use cases

    /// The project an expense is recorded on, when `author` may record one there: it
    /// exists and the caller may see it (404), they may log on it (403), it is active
    /// and the author is one of its members (422 / 403, as for time).
    func requireLoggableProject(_ id: ProjectID, author: UserID, caller: Caller, on tx: PostgresTransaction) async throws -> LoggingProject {
        guard let project = try await targets.project(id, on: tx) else { throw DomainError.notFound(entity: "project") }
        try Policy.require(caller.actor, .logOwnTime, .project(project.scope))
        guard project.status == .active else {
            let state = project.status.rawValue.replacingOccurrences(of: "_", with: " ")
            throw DomainError.invalid(
                field: "project_id", message: "The project \(project.name) is \(state); expenses can only be recorded on active projects.")
        }
        guard project.scope.memberIDs.contains(author) else {
            throw DomainError.forbidden("Only members of the project \(project.name) can record expenses on it; ask its manager to add you.")
        }
        return project
    }

    /// The expense, locked; 404 when the caller may not see it, 403 when it is not
    /// theirs to edit, 412 when not at `expectedVersion`, 409 unless it is open.
    func lockedOwnExpense(_ id: ExpenseID, expectedVersion: Int?, caller: Caller, on tx: PostgresTransaction) async throws -> Expense {
        let expense = try await lockedAuthorExpense(id, caller: caller, on: tx)
        if let expectedVersion, expense.version != expectedVersion { throw DomainError.versionMismatch }
        try expense.requireEditableByAuthor()
        return expense
    }

    /// The expense, locked, when the caller is its author (404 unseen, 403 otherwise);
    /// its state is not checked.
    func lockedAuthorExpense(_ id: ExpenseID, caller: Caller, on tx: PostgresTransaction) async throws -> Expense {
        guard let expense = try await expenses.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "expense") }
        let scope = try await requireVisible(expense, caller: caller, on: tx)
        try Policy.require(caller.actor, .logOwnTime, .ownResource(owner: expense.userID, project: scope), entity: "expense")
        return expense
    }

    /// Checks that the caller may see `expense` (404 otherwise) and returns its project's scope.
    @discardableResult
    func requireVisible(_ expense: Expense, caller: Caller, on db: some PostgresQueryable) async throws -> ProjectScope {
        guard let scope = try await scopes.scope(expense.projectID, on: db) else { throw DomainError.notFound(entity: "expense") }
        try Policy.require(caller.actor, .read, .ownResource(owner: expense.userID, project: scope), entity: "expense")
        guard ExpenseVisibility.of(caller.actor).includes(owner: expense.userID, project: scope, status: expense.status),
            caller.actor.role != .client || expense.isShownToClient
        else {
            throw DomainError.notFound(entity: "expense")
        }
        return scope
    }
}
