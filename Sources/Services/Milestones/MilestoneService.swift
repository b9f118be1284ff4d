public import Domain
import Foundation
public import Postgres
import Storage

/// A milestone's share as a caller gives it: a percentage of the contract (decimal
/// text with up to 2 decimals, `"30"` or `"33.33"`) or a fixed amount.
public enum MilestoneShareInput: Sendable, Hashable {
    case percentage(String)
    case amount(AmountInput)
}

/// A new milestone. `position` defaults to after the last one.
public struct NewMilestone: Sendable {
    public var name: String
    public var share: MilestoneShareInput
    public var dueDate: LocalDate?
    public var acceptanceCriteria: String
    public var position: Int?

    public init(name: String, share: MilestoneShareInput, dueDate: LocalDate? = nil, acceptanceCriteria: String = "", position: Int? = nil) {
        self.name = name
        self.share = share
        self.dueDate = dueDate
        self.acceptanceCriteria = acceptanceCriteria
        self.position = position
    }
}

/// A partial update of a planned milestone: nil leaves a field unchanged; `.some(nil)` clears the due date.
public struct MilestoneChanges: Sendable {
    public var name: String?
    public var share: MilestoneShareInput?
    public var dueDate: LocalDate??
    public var acceptanceCriteria: String?
    public var position: Int?

    public init(
        name: String? = nil, share: MilestoneShareInput? = nil, dueDate: LocalDate?? = nil, acceptanceCriteria: String? = nil,
        position: Int? = nil
    ) {
        self.name = name
        self.share = share
        self.dueDate = dueDate
        self.acceptanceCriteria = acceptanceCriteria
        self.position = position
    }
}

/// A milestone as one caller may see it: its amount (computed from the contract for
/// a percentage) only for those who may see the project's money.
public struct MilestoneView: Sendable {
    public let milestone: Milestone
    /// Its amount; nil when the caller may not see money (``Policy/seesMoney(_:_:)``) or
    /// the project has no contract amount.
    public let amount: Money?
}

/// A delivered milestone with its validation request and the link's token (shown once).
public struct DeliveredMilestone: Sendable {
    public let view: MilestoneView
    public let issued: IssuedValidation
}

/// Milestones of fixed-price work (SPEC §4.2, issue 5 item 2): defined by the admin or
/// the project's team lead while planned, delivered by them, then accepted or
/// rejected by the client (`MilestoneService+Decisions.swift`) through a validation
/// record exactly like a timesheet.
public struct MilestoneService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let validationService: ClientValidationService
    let milestones = MilestoneStore()
    let projects = ProjectStore()
    let scopes = ProjectScopeStore()
    let settings = SettingsStore()
    let validations = ValidationStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, linkSecret: [UInt8]) {
        self.pool = pool
        self.clock = clock
        self.validationService = ClientValidationService(pool: pool, clock: clock, linkSecret: linkSecret)
    }

    /// One page of the project's milestones in plan order, for whoever may see the project.
    public func list(_ query: MilestoneQuery, caller: Caller) async throws -> [MilestoneView] {
        let scope = try await requireScope(query.projectID, .read, caller: caller, entity: "project")
        guard let project = try await projects.find(query.projectID, on: pool) else { throw DomainError.notFound(entity: "project") }
        return try await milestones.list(query, on: pool).map { view($0, project: project, scope: scope, caller: caller) }
    }

    public func get(_ id: MilestoneID, caller: Caller) async throws -> MilestoneView {
        guard let milestone = try await milestones.find(id, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        let scope = try await requireScope(milestone.projectID, .read, caller: caller, entity: "milestone")
        guard let project = try await projects.find(milestone.projectID, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        return view(milestone, project: project, scope: scope, caller: caller)
    }

    /// Adds a milestone (admin or the project's team lead). Percentages need the
    /// project's contract amount and may not take the plan past 100 %.
    public func create(_ new: NewMilestone, in projectID: ProjectID, caller: Caller) async throws -> MilestoneView {
        let scope = try await requireScope(projectID, .manageProject, caller: caller, entity: "project")
        return try await pool.withTransaction { tx in
            // The project row is the plan's lock: concurrent edits cannot both pass 100 %.
            guard let project = try await projects.findForUpdate(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            var validation = Validation()
            let share = try validation.collect { () throws(DomainError) in try Self.share(new.share, currency: project.currency) }
            let position: Int
            if let given = new.position { position = given } else { position = try await milestones.nextPosition(project: projectID, on: tx) }
            let milestone = Milestone(
                id: .random(), projectID: projectID, position: position, name: CatalogText.trimmed(new.name),
                share: share ?? .percentage(basisPoints: 1), currency: project.currency, dueDate: new.dueDate,
                acceptanceCriteria: new.acceptanceCriteria, createdAt: clock.now())
            if share != nil { validation.add(contentsOf: milestone.problems) } else {
                validation.add(contentsOf: milestone.problems.filter { !$0.field.hasPrefix("amount") && $0.field != "percentage" })
            }
            try validation.throwIfInvalid()
            try await checkPlan(milestone, project: project, on: tx)
            try await milestones.insert(milestone, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .milestoneCreated, subjectType: .milestone, subjectID: milestone.id.description,
                    after: try AuditJSON.milestone(milestone)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return view(milestone, project: project, scope: scope, caller: caller)
        }
    }

    /// Changes a planned milestone at `expectedVersion`.
    public func update(_ id: MilestoneID, changes: MilestoneChanges, expectedVersion: Int, caller: Caller) async throws -> MilestoneView {
        guard let found = try await milestones.find(id, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        let scope = try await requireScope(found.projectID, .manageProject, caller: caller, entity: "milestone")
        return try await pool.withTransaction { tx in
            guard let project = try await projects.findForUpdate(found.projectID, on: tx),
                let before = try await milestones.findForUpdate(id, on: tx)
            else { throw DomainError.notFound(entity: "milestone") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            try Self.requireEditable(before, doing: "changed")
            var validation = Validation()
            var after = before
            if let name = changes.name { after.name = CatalogText.trimmed(name) }
            if let input = changes.share {
                if let share = try validation.collect({ () throws(DomainError) in try Self.share(input, currency: project.currency) }) {
                    after.share = share
                }
            }
            if let dueDate = changes.dueDate { after.dueDate = dueDate }
            if let criteria = changes.acceptanceCriteria { after.acceptanceCriteria = criteria }
            if let position = changes.position { after.position = position }
            validation.add(contentsOf: after.problems)
            try validation.throwIfInvalid()
            guard after != before else { return view(before, project: project, scope: scope, caller: caller) }
            if after.share != before.share { try await checkPlan(after, project: project, on: tx) }
            guard try await milestones.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            try await audit.append(
                AuditEntry(
                    action: .milestoneUpdated, subjectType: .milestone, subjectID: id.description,
                    before: try AuditJSON.milestone(before), after: try AuditJSON.milestone(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return view(after, project: project, scope: scope, caller: caller)
        }
    }

    /// Deletes a planned milestone at `expectedVersion`.
    public func delete(_ id: MilestoneID, expectedVersion: Int, caller: Caller) async throws {
        guard let found = try await milestones.find(id, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        try await requireScope(found.projectID, .manageProject, caller: caller, entity: "milestone")
        try await pool.withTransaction { tx in
            guard let before = try await milestones.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "milestone") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            try Self.requireEditable(before, doing: "deleted")
            guard try await milestones.delete(id, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            try await audit.append(
                AuditEntry(
                    action: .milestoneDeleted, subjectType: .milestone, subjectID: id.description,
                    before: try AuditJSON.milestone(before)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    /// Marks the milestone delivered (admin or the project's team lead): freezes its
    /// amount and criteria into a validation request of kind `milestone`, with a
    /// single-use signed link for the client.
    public func deliver(_ id: MilestoneID, expiresInHours: Int, caller: Caller) async throws -> DeliveredMilestone {
        guard let found = try await milestones.find(id, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        let scope = try await requireScope(found.projectID, .requestClientValidation, caller: caller, entity: "milestone")
        try ValidationRecord.checkLinkHours(expiresInHours)
        return try await pool.withTransaction { tx in
            guard let project = try await projects.find(found.projectID, on: tx),
                let before = try await milestones.findForUpdate(id, on: tx)
            else { throw DomainError.notFound(entity: "milestone") }
            var after = before
            after.status = try before.status.transition(.deliver)
            after.deliveredAmount = nil
            guard let amount = after.amount(contract: project.contractAmount) else {
                throw DomainError.conflict("This milestone is a percentage of the contract, but the project has no contract amount.")
            }
            let agency = try await settings.get(on: tx)
            let subject = MilestoneValidationSubject(
                agencyName: agency.legalName, projectName: project.name, projectCode: project.code, milestoneID: id, name: before.name,
                amount: amount, basisPoints: before.share.basisPoints, dueDate: before.dueDate, criteria: before.acceptanceCriteria)
            let issued = try await validationService.requestDecision(
                on: ValidationContent(milestone: subject), subject: id.uuid, project: project.id, expiresInHours: expiresInHours,
                caller: caller, on: tx)
            after.deliveredAmount = amount
            after.deliveredAt = issued.record.requestedAt
            after.deliveredBy = caller.user.id
            after.decidedAt = nil
            after.decisionComment = nil
            after.validationID = issued.record.id
            guard try await milestones.update(after, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            try await audit.append(
                AuditEntry(
                    action: .milestoneDelivered, subjectType: .milestone, subjectID: id.description,
                    before: try AuditJSON.milestone(before), after: try AuditJSON.milestone(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return DeliveredMilestone(view: view(after, project: project, scope: scope, caller: caller), issued: issued)
        }
    }

    // MARK: - Rules shared by the use cases

    @discardableResult
    func requireScope(_ projectID: ProjectID, _ action: Policy.Action, caller: Caller, entity: String) async throws -> ProjectScope {
        try await scopes.authorized(projectID, action, caller: caller, entity: entity, on: pool)
    }

    func view(_ milestone: Milestone, project: Project, scope: ProjectScope, caller: Caller) -> MilestoneView {
        let amount = Policy.seesMoney(caller.actor, scope) ? milestone.amount(contract: project.contractAmount) : nil
        return MilestoneView(milestone: milestone, amount: amount)
    }

    static func requireEditable(_ milestone: Milestone, doing verb: String) throws {
        guard milestone.status.isEditable else {
            throw DomainError.conflict("Only a planned milestone can be \(verb); this one is \(milestone.status.rawValue).")
        }
    }

    static func share(_ input: MilestoneShareInput, currency: Currency) throws(DomainError) -> Milestone.Share {
        switch input {
        case .percentage(let text):
            let basisPoints = try FixedPoint.parse(text, scale: 2, field: "percentage")
            guard (1...Int64(MilestonePlan.wholeContract)).contains(basisPoints) else {
                throw .invalid(field: "percentage", message: "A percentage must be more than 0 % and at most 100 %.")
            }
            return .percentage(basisPoints: Int(basisPoints))
        case .amount(let input):
            return .fixed(try input.money(defaultCurrency: currency, field: "amount"))
        }
    }

    /// A percentage needs the contract amount, and the plan may not pass 100 %.
    func checkPlan(_ milestone: Milestone, project: Project, on tx: PostgresTransaction) async throws {
        guard let basisPoints = milestone.share.basisPoints else { return }
        guard project.contractAmount != nil else {
            throw DomainError.invalid(
                field: "percentage",
                message: "This project has no contract amount: set the project's contract amount, or give the milestone a fixed amount.")
        }
        let existing = try await milestones.basisPoints(project: project.id, excluding: milestone.id, on: tx)
        try MilestonePlan.check(existingBasisPoints: existing, adding: basisPoints)
    }
}
