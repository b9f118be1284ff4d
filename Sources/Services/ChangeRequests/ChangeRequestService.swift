public import Domain
import Foundation
public import Postgres
import Storage

/// A new change request, as drafted. The price may come later, before quoting.
public struct NewChangeRequest: Sendable {
    public var title: String
    public var description: String
    public var estimate: DurationInput?
    public var pricing: ChangeRequest.Pricing
    public var amount: AmountInput?
    /// Decimal text, up to 4 decimals.
    public var hourlyRate: String?
    /// An existing task of the project its work is (already) logged on.
    public var taskID: TaskID?

    public init(
        title: String, description: String = "", estimate: DurationInput? = nil, pricing: ChangeRequest.Pricing,
        amount: AmountInput? = nil, hourlyRate: String? = nil, taskID: TaskID? = nil
    ) {
        self.title = title
        self.description = description
        self.estimate = estimate
        self.pricing = pricing
        self.amount = amount
        self.hourlyRate = hourlyRate
        self.taskID = taskID
    }
}

/// A partial update of a draft: nil leaves a field unchanged, `.some(nil)` clears it.
public struct ChangeRequestChanges: Sendable {
    public var title: String?
    public var description: String?
    public var estimate: DurationInput??
    public var pricing: ChangeRequest.Pricing?
    public var amount: AmountInput??
    public var hourlyRate: String??
    public var taskID: TaskID??

    public init(
        title: String? = nil, description: String? = nil, estimate: DurationInput?? = nil, pricing: ChangeRequest.Pricing? = nil,
        amount: AmountInput?? = nil, hourlyRate: String?? = nil, taskID: TaskID?? = nil
    ) {
        self.title = title
        self.description = description
        self.estimate = estimate
        self.pricing = pricing
        self.amount = amount
        self.hourlyRate = hourlyRate
        self.taskID = taskID
    }
}

/// A change request as one caller may see it: its price (`amount` for a fixed price,
/// `hourlyRate` for an hourly one) is nil for those who may not see the project's
/// money (``Policy/seesMoney(_:_:)``).
public struct ChangeRequestView: Sendable {
    public let change: ChangeRequest
    public let amount: Money?
    public let hourlyRate: HourlyRate?

    init(_ change: ChangeRequest, caller: Caller, scope: ProjectScope) {
        let money = Policy.seesMoney(caller.actor, scope)
        self.change = change
        amount = money ? change.amount : nil
        hourlyRate = money ? change.hourlyRate : nil
    }
}

/// A quoted change request with its validation request and the link's token (shown once).
public struct QuotedChangeRequest: Sendable {
    public let view: ChangeRequestView
    public let issued: IssuedValidation
}

/// A decided change request with the validation record of the decision.
public struct DecidedChangeRequest: Sendable {
    public let view: ChangeRequestView
    public let record: ValidationRecord
}

/// Change requests (SPEC §4.4, issue 5 item 3): drafted and quoted by the admin or the
/// project's team lead; accepted or rejected by the client through a validation
/// record. Acceptance creates the task its work is logged on and moves the project's
/// current budget (the baseline is kept).
public struct ChangeRequestService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let validationService: ClientValidationService
    let changes = ChangeRequestStore()
    let projects = ProjectStore()
    let tasks = TaskStore()
    let scopes = ProjectScopeStore()
    let settings = SettingsStore()
    let validations = ValidationStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, linkSecret: [UInt8]) {
        self.pool = pool
        self.clock = clock
        self.validationService = ClientValidationService(pool: pool, clock: clock, linkSecret: linkSecret)
    }

    /// One page of the project's change requests by number. The client's contacts do
    /// not see drafts (they are the agency's work in progress).
    public func list(_ query: ChangeRequestQuery, caller: Caller) async throws -> [ChangeRequestView] {
        let scope = try await requireScope(query.projectID, .read, caller: caller, entity: "project")
        var query = query
        query.excludesDrafts = caller.actor.role == .client
        return try await changes.list(query, on: pool)
            .filter { Self.mayRead($0, caller: caller) }
            .map { ChangeRequestView($0, caller: caller, scope: scope) }
    }

    public func get(_ id: ChangeRequestID, caller: Caller) async throws -> ChangeRequestView {
        guard let change = try await changes.find(id, on: pool), Self.mayRead(change, caller: caller) else {
            throw DomainError.notFound(entity: "change request")
        }
        let scope = try await requireScope(change.projectID, .read, caller: caller, entity: "change request")
        return ChangeRequestView(change, caller: caller, scope: scope)
    }

    /// Drafts a change request (admin or the project's team lead), numbered CR-n in its project.
    public func create(_ new: NewChangeRequest, in projectID: ProjectID, caller: Caller) async throws -> ChangeRequestView {
        let scope = try await requireScope(projectID, .manageProject, caller: caller, entity: "project")
        return try await pool.withTransaction { tx in
            // The project row serializes numbering.
            guard let project = try await projects.findForUpdate(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            var validation = Validation()
            let estimate = try new.estimate.flatMap { input in
                try validation.collect { () throws(DomainError) in try input.minutes(name: "estimated") }
            }
            let amount = try new.amount.flatMap { input in
                try validation.collect { () throws(DomainError) in try input.money(defaultCurrency: project.currency, field: "amount") }
            }
            let rate = try new.hourlyRate.flatMap { text in
                try validation.collect { () throws(DomainError) in try HourlyRate(parsing: text, currency: project.currency, field: "hourly_rate") }
            }
            let change = ChangeRequest(
                id: .random(), projectID: projectID, number: try await changes.nextNumber(project: projectID, on: tx),
                title: CatalogText.trimmed(new.title), description: new.description, estimatedMinutes: estimate, pricing: new.pricing,
                amount: amount, hourlyRate: rate, currency: project.currency, taskID: new.taskID, createdAt: clock.now())
            validation.add(contentsOf: change.problems)
            try validation.throwIfInvalid()
            try await requireTask(change.taskID, of: change, on: tx)
            try await changes.insert(change, on: tx)
            if let task = change.taskID { try await changes.linkTask(task, to: change.id, on: tx) }
            try await audit.append(
                AuditEntry(
                    action: .changeRequestCreated, subjectType: .changeRequest, subjectID: change.id.description,
                    after: try AuditJSON.changeRequest(change)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return ChangeRequestView(change, caller: caller, scope: scope)
        }
    }

    /// Changes a draft at `expectedVersion`. Changing the pricing clears the other kind's price.
    public func update(
        _ id: ChangeRequestID, changes input: ChangeRequestChanges, expectedVersion: Int, caller: Caller
    ) async throws -> ChangeRequestView {
        guard let found = try await changes.find(id, on: pool), Self.mayRead(found, caller: caller) else {
            throw DomainError.notFound(entity: "change request")
        }
        let scope = try await requireScope(found.projectID, .manageProject, caller: caller, entity: "change request")
        return try await pool.withTransaction { tx in
            guard let before = try await changes.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "change request") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            try Self.requireDraft(before, doing: "changed")
            var validation = Validation()
            var after = before
            if let title = input.title { after.title = CatalogText.trimmed(title) }
            if let description = input.description { after.description = description }
            if let estimate = input.estimate {
                after.estimatedMinutes = try estimate.flatMap { value in
                    try validation.collect { () throws(DomainError) in try value.minutes(name: "estimated") }
                }
            }
            if let pricing = input.pricing, pricing != before.pricing {
                after.pricing = pricing
                if pricing == .hourly { after.amount = nil } else { after.hourlyRate = nil }
            }
            if let amount = input.amount {
                after.amount = try amount.flatMap { value in
                    try validation.collect { () throws(DomainError) in try value.money(defaultCurrency: before.currency, field: "amount") }
                }
            }
            if let rate = input.hourlyRate {
                after.hourlyRate = try rate.flatMap { text in
                    try validation.collect { () throws(DomainError) in try HourlyRate(parsing: text, currency: before.currency, field: "hourly_rate") }
                }
            }
            if let task = input.taskID { after.taskID = task }
            validation.add(contentsOf: after.problems)
            try validation.throwIfInvalid()
            guard after != before else { return ChangeRequestView(before, caller: caller, scope: scope) }
            if after.taskID != before.taskID { try await requireTask(after.taskID, of: after, on: tx) }
            guard try await changes.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            if after.taskID != before.taskID { try await changes.linkTask(after.taskID, to: id, on: tx) }
            after.version = before.version + 1
            try await audit.append(
                AuditEntry(
                    action: .changeRequestUpdated, subjectType: .changeRequest, subjectID: id.description,
                    before: try AuditJSON.changeRequest(before), after: try AuditJSON.changeRequest(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return ChangeRequestView(after, caller: caller, scope: scope)
        }
    }

    /// Deletes a draft at `expectedVersion` (a linked task stays, unlinked).
    public func delete(_ id: ChangeRequestID, expectedVersion: Int, caller: Caller) async throws {
        guard let found = try await changes.find(id, on: pool), Self.mayRead(found, caller: caller) else {
            throw DomainError.notFound(entity: "change request")
        }
        try await requireScope(found.projectID, .manageProject, caller: caller, entity: "change request")
        try await pool.withTransaction { tx in
            guard let before = try await changes.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "change request") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            try Self.requireDraft(before, doing: "deleted")
            guard try await changes.delete(id, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            try await audit.append(
                AuditEntry(
                    action: .changeRequestDeleted, subjectType: .changeRequest, subjectID: id.description,
                    before: try AuditJSON.changeRequest(before)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    // MARK: - Rules shared by the use cases

    @discardableResult
    func requireScope(_ projectID: ProjectID, _ action: Policy.Action, caller: Caller, entity: String) async throws -> ProjectScope {
        try await scopes.authorized(projectID, action, caller: caller, entity: entity, on: pool)
    }

    /// Drafts are the agency's work in progress: the client's contacts do not see them.
    static func mayRead(_ change: ChangeRequest, caller: Caller) -> Bool {
        caller.actor.role != .client || change.status != .draft
    }

    static func requireDraft(_ change: ChangeRequest, doing verb: String) throws {
        guard change.status.isEditable else {
            throw DomainError.conflict("Only a draft change request can be \(verb); this one is \(change.status.rawValue) and its content is frozen.")
        }
    }

    /// A linked task must be a task of the project, not another change request's, and
    /// fresh: acceptance re-prices its time (the CR's rate, or non-billable for a fixed
    /// price), which must never reach work already approved at another price or
    /// override rates the task already has.
    func requireTask(_ taskID: TaskID?, of change: ChangeRequest, on tx: PostgresTransaction) async throws {
        guard let taskID else { return }
        guard try await tasks.find(taskID, projectID: change.projectID, on: tx) != nil else {
            throw DomainError.invalid(field: "task_id", message: "is not a task of this project")
        }
        let owner = try await changes.changeRequest(ofTask: taskID, on: tx)
        if let owner, owner != change.id {
            throw DomainError.conflict("This task already belongs to another change request.")
        }
        guard owner == nil else { return }
        let history = try await changes.pricedHistory(ofTask: taskID, on: tx)
        if history.hasApprovedTime {
            throw DomainError.conflict(
                "This task already has approved time, priced as ordinary work; create a new task for the change request's work.")
        }
        if history.hasRates {
            throw DomainError.conflict("This task has rates of its own; create a new task for the change request's work.")
        }
    }
}
