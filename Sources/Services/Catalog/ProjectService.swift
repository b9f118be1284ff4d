public import Domain
import Foundation
public import Postgres
import Storage

/// What a caller gives to create a project. The currency is the client's.
public struct NewProject: Sendable {
    public var clientID: ClientID
    public var teamID: TeamID
    public var name: String
    public var code: String
    public var billingModel: BillingModel
    public var status: ProjectStatus?
    public var budget: DurationInput?
    public var budgetAmount: AmountInput?
    public var estimate: DurationInput?
    public var contractAmount: AmountInput?
    public var plannedExpenses: AmountInput?
    public var requiresClientValidation: Bool?
    /// nil: no progress summaries.
    public var summaryFrequency: SummaryFrequency?

    public init(
        clientID: ClientID, teamID: TeamID, name: String, code: String, billingModel: BillingModel, status: ProjectStatus? = nil,
        budget: DurationInput? = nil, budgetAmount: AmountInput? = nil, estimate: DurationInput? = nil,
        contractAmount: AmountInput? = nil, plannedExpenses: AmountInput? = nil, requiresClientValidation: Bool? = nil,
        summaryFrequency: SummaryFrequency? = nil
    ) {
        self.summaryFrequency = summaryFrequency
        self.clientID = clientID
        self.teamID = teamID
        self.name = name
        self.code = code
        self.billingModel = billingModel
        self.status = status
        self.budget = budget
        self.budgetAmount = budgetAmount
        self.estimate = estimate
        self.contractAmount = contractAmount
        self.plannedExpenses = plannedExpenses
        self.requiresClientValidation = requiresClientValidation
    }
}

/// What a caller changes on a project; `nil` leaves a field as it is, `.some(nil)`
/// clears an optional one.
public struct ProjectChanges: Sendable {
    public var teamID: TeamID?
    public var name: String?
    public var code: String?
    public var status: ProjectStatus?
    public var billingModel: BillingModel?
    public var budget: DurationInput??
    public var budgetAmount: AmountInput??
    public var estimate: DurationInput??
    public var contractAmount: AmountInput??
    public var plannedExpenses: AmountInput??
    public var requiresClientValidation: Bool?
    /// `.some(nil)`: no more progress summaries.
    public var summaryFrequency: SummaryFrequency??

    public init(
        teamID: TeamID? = nil, name: String? = nil, code: String? = nil, status: ProjectStatus? = nil, billingModel: BillingModel? = nil,
        budget: DurationInput?? = nil, budgetAmount: AmountInput?? = nil, estimate: DurationInput?? = nil,
        contractAmount: AmountInput?? = nil, plannedExpenses: AmountInput?? = nil, requiresClientValidation: Bool? = nil,
        summaryFrequency: SummaryFrequency?? = nil
    ) {
        self.summaryFrequency = summaryFrequency
        self.teamID = teamID
        self.name = name
        self.code = code
        self.status = status
        self.billingModel = billingModel
        self.budget = budget
        self.budgetAmount = budgetAmount
        self.estimate = estimate
        self.contractAmount = contractAmount
        self.plannedExpenses = plannedExpenses
        self.requiresClientValidation = requiresClientValidation
    }
}

/// Projects (SPEC §2), with their members, tasks and rates in the `ProjectService+…`
/// files. The admin manages every project, a manager those of the teams they lead;
/// staff read the projects of their teams and those they are assigned to, a client
/// contact those of their own client (any other project is "not found"). Budgets are
/// shown as far as ``Policy/budgetDetail(_:_:)`` allows.
public struct ProjectService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let projects = ProjectStore()
    let scopes = ProjectScopeStore()
    let clients = ClientStore()
    let teams = TeamStore()
    let members = ProjectMemberStore()
    let tasks = TaskStore()
    let rates = ProjectRateStore()
    let users = UserStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// The projects the caller may see, by name; `limit + 1` rows are fetched so the
    /// caller can tell whether another page follows.
    public func list(_ query: ProjectQuery, caller: Caller) async throws -> [Project] {
        var query = query
        query.visibility = CatalogVisibility.of(caller.actor)
        if query.visibility == .nothing { try Policy.require(caller.actor, .read, .agency) }
        return try await projects.list(query, on: pool).map { visible($0, to: caller) }
    }

    public func get(_ id: ProjectID, caller: Caller) async throws -> Project {
        try await requireScope(id, .read, caller: caller)
        guard let project = try await projects.find(id, on: pool) else { throw DomainError.notFound(entity: "project") }
        return visible(project, to: caller)
    }

    /// Creates a project for a client, run by a team: by the admin, or by a manager
    /// who leads that team. Codes are unique case-insensitively (409).
    public func create(_ new: NewProject, caller: Caller) async throws -> Project {
        let scope = ProjectScope(id: .random(), clientID: new.clientID, teamID: new.teamID)
        guard Policy.can(caller.actor, .manageProject, .project(scope)) else {
            throw DomainError.forbidden("Only the admin or a lead of the project's team can create its projects.")
        }
        var validation = Validation()
        let budget = try new.budget.flatMap { input in try validation.collect { () throws(DomainError) in try input.minutes(name: "budget") } }
        let estimate = try new.estimate.flatMap { input in
            try validation.collect { () throws(DomainError) in try input.minutes(name: "estimated") }
        }
        let client = try await clients.find(new.clientID, on: pool)
        if let client {
            validation.require(!client.isArchived, field: "client_id", message: "is an archived client")
        } else {
            validation.add(field: "client_id", message: "is not a known client")
        }
        if try await teams.find(new.teamID, on: pool) == nil { validation.add(field: "team_id", message: "is not a known team") }
        let currency = client?.currency ?? .eur
        let budgetAmount = try Self.money(new.budgetAmount, in: currency, field: "budget_amount", validation: &validation)
        let contractAmount = try Self.money(new.contractAmount, in: currency, field: "contract_amount", validation: &validation)
        let plannedExpenses = try Self.money(new.plannedExpenses, in: currency, field: "planned_expenses", validation: &validation)
        let project = Project(
            id: scope.id, clientID: new.clientID, teamID: new.teamID, name: CatalogText.trimmed(new.name),
            code: CatalogText.trimmed(new.code), status: new.status ?? .active, billingModel: new.billingModel, currency: currency,
            budgetMinutes: budget, budgetAmount: budgetAmount, estimatedMinutes: estimate, contractAmount: contractAmount,
            plannedExpenses: plannedExpenses, requiresClientValidation: new.requiresClientValidation ?? false,
            summaryFrequency: new.summaryFrequency, version: 1, createdAt: clock.now())
        validation.add(contentsOf: project.problems)
        try validation.throwIfInvalid()
        try await pool.withTransaction { tx in
            // The client may have changed since it was read: its currency is the project's.
            guard let locked = try await clients.findForShare(new.clientID, on: tx), locked.currency == currency, !locked.isArchived else {
                throw DomainError.conflict("The client changed while the project was being created. Try again.")
            }
            try await projects.insert(project, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .projectCreated, subjectType: .project, subjectID: project.id.description, after: try AuditJSON.project(project)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
        return project
    }

    /// Changes a project if it is still at `expectedVersion`. Moving it to another team
    /// needs the right to manage it there too. A status change is audited as such.
    public func update(_ id: ProjectID, changes: ProjectChanges, expectedVersion: Int, caller: Caller) async throws -> Project {
        let scope = try await requireScope(id, .manageProject, caller: caller)
        if let team = changes.teamID, team != scope.teamID {
            let moved = ProjectScope(id: id, clientID: scope.clientID, teamID: team, memberIDs: scope.memberIDs)
            guard Policy.can(caller.actor, .manageProject, .project(moved)) else {
                throw DomainError.forbidden("You can only move a project to a team you lead.")
            }
        }
        var validation = Validation()
        let budget = try changes.budget.map { change in
            try change.flatMap { input in try validation.collect { () throws(DomainError) in try input.minutes(name: "budget") } }
        }
        let estimate = try changes.estimate.map { change in
            try change.flatMap { input in try validation.collect { () throws(DomainError) in try input.minutes(name: "estimated") } }
        }
        let parsed = validation
        return try await pool.withTransaction { tx in
            var validation = parsed
            guard let before = try await projects.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "project") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            var after = before
            if let team = changes.teamID, team != before.teamID {
                if try await teams.find(team, on: tx) == nil { validation.add(field: "team_id", message: "is not a known team") }
                after.teamID = team
            }
            if let name = changes.name { after.name = CatalogText.trimmed(name) }
            if let code = changes.code { after.code = CatalogText.trimmed(code) }
            if let status = changes.status { after.status = status }
            if let model = changes.billingModel { after.billingModel = model }
            if let budget { after.budgetMinutes = budget }
            if let estimate { after.estimatedMinutes = estimate }
            if let change = changes.budgetAmount {
                after.budgetAmount = try Self.money(change, in: before.currency, field: "budget_amount", validation: &validation)
            }
            if let change = changes.contractAmount {
                after.contractAmount = try Self.money(change, in: before.currency, field: "contract_amount", validation: &validation)
            }
            if let change = changes.plannedExpenses {
                after.plannedExpenses = try Self.money(change, in: before.currency, field: "planned_expenses", validation: &validation)
            }
            if let flag = changes.requiresClientValidation { after.requiresClientValidation = flag }
            if let frequency = changes.summaryFrequency { after.summaryFrequency = frequency }
            validation.add(contentsOf: after.problems)
            try validation.throwIfInvalid()
            guard after != before else { return visible(before, to: caller) }
            guard try await projects.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            guard let updated = try await projects.find(id, on: tx) else { throw DomainError.notFound(entity: "project") }
            try await audit.append(
                AuditEntry(
                    action: before.status != updated.status ? .projectStatusChanged : .projectUpdated, subjectType: .project,
                    subjectID: id.description, before: try AuditJSON.project(before), after: try AuditJSON.project(updated)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return visible(updated, to: caller)
        }
    }

    /// Loads the project's scope and checks `action` on it: 404 when the project does
    /// not exist or the caller may not know of it, 403 when they may see it but not do this.
    @discardableResult
    func requireScope(_ id: ProjectID, _ action: Policy.Action, caller: Caller) async throws -> ProjectScope {
        try await scopes.authorized(id, action, caller: caller, on: pool)
    }

    /// The project as the caller may see it (budgets per SPEC §3 row 8).
    func visible(_ project: Project, to caller: Caller) -> Project {
        project.visible(with: Policy.budgetDetail(caller.actor, project.scope))
    }

    /// An amount given for the project, collecting a malformed currency into `validation`.
    static func money(
        _ input: AmountInput?, in currency: Currency, field: String, validation: inout Validation
    ) throws(DomainError) -> Money? {
        guard let input else { return nil }
        return try validation.collect { () throws(DomainError) in try input.money(defaultCurrency: currency, field: field) }
    }
}
