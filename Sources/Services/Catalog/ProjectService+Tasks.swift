public import Domain
import Foundation
import Postgres
import Storage

/// What a caller gives to add a task to a project. `rate` (decimal text, up to 4
/// decimals) becomes the task's rate for all of its work; only the admin sets rates.
public struct NewTask: Sendable {
    public var name: String
    public var isBillable: Bool?
    public var estimate: DurationInput?
    public var rate: String?
    /// The task's own VAT rate in basis points (one of the agency's rates).
    public var vatRateBP: Int?

    public init(name: String, isBillable: Bool? = nil, estimate: DurationInput? = nil, rate: String? = nil, vatRateBP: Int? = nil) {
        self.vatRateBP = vatRateBP
        self.name = name
        self.isBillable = isBillable
        self.estimate = estimate
        self.rate = rate
    }
}

/// What a caller changes on a task; `nil` leaves a field as it is, `.some(nil)` clears the estimate.
public struct TaskChanges: Sendable {
    public var name: String?
    public var isBillable: Bool?
    public var estimate: DurationInput??
    public var isArchived: Bool?
    /// `.some(nil)` goes back to the agency's standard rate.
    public var vatRateBP: Int??

    public init(
        name: String? = nil, isBillable: Bool? = nil, estimate: DurationInput?? = nil, isArchived: Bool? = nil, vatRateBP: Int?? = nil
    ) {
        self.vatRateBP = vatRateBP
        self.name = name
        self.isBillable = isBillable
        self.estimate = estimate
        self.isArchived = isArchived
    }
}

extension ProjectService {
    /// The tasks of a project, by name (whoever may see the project).
    public func tasks(of projectID: ProjectID, caller: Caller) async throws -> [ProjectTask] {
        try await requireScope(projectID, .read, caller: caller)
        return try await tasks.list(projectID: projectID, on: pool)
    }

    public func task(_ id: TaskID, of projectID: ProjectID, caller: Caller) async throws -> ProjectTask {
        try await requireScope(projectID, .read, caller: caller)
        guard let task = try await tasks.find(id, projectID: projectID, on: pool) else { throw DomainError.notFound(entity: "task") }
        return task
    }

    /// Adds a task (whoever manages the project); with a rate, only the admin (rates
    /// are admin-only, SPEC §3). Names are unique within the project (409).
    public func createTask(_ new: NewTask, in projectID: ProjectID, caller: Caller) async throws -> ProjectTask {
        let scope = try await requireScope(projectID, .manageProject, caller: caller)
        if new.rate != nil { try Policy.require(caller.actor, .manageRates, .project(scope)) }
        var validation = Validation()
        let estimate = try new.estimate.flatMap { input in
            try validation.collect { () throws(DomainError) in try input.minutes(name: "estimated") }
        }
        // The scale (4 decimals) does not depend on the currency: the text is checked
        // now, the rate rebuilt in the project's currency below.
        let parsedRate = try new.rate.flatMap { text in
            try validation.collect { () throws(DomainError) in try HourlyRate(parsing: text, currency: .eur) }
        }
        let task = ProjectTask(
            id: .random(), projectID: projectID, name: CatalogText.trimmed(new.name), isBillable: new.isBillable ?? true,
            estimatedMinutes: estimate, isArchived: false, version: 1, createdAt: clock.now(), vatRateBP: new.vatRateBP)
        validation.add(contentsOf: task.problems)
        if new.vatRateBP != nil {
            validation.add(contentsOf: try await SettingsStore().get(on: pool).vatSettings.taskRateProblems(new.vatRateBP))
        }
        try validation.throwIfInvalid()

        try await pool.withTransaction { tx in
            guard let project = try await projects.find(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            try await tasks.insert(task, on: tx)
            try await audit.append(
                AuditEntry(action: .taskCreated, subjectType: .task, subjectID: task.id.description, after: try AuditJSON.task(task)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            if let parsedRate {
                let rate = ProjectRate(
                    id: .random(), projectID: projectID, target: .task(task.id), effectiveFrom: ProjectRate.beginning,
                    rate: try HourlyRate(scaled: parsedRate.scaled, currency: project.currency))
                try await rates.insert(rate, on: tx)
                try await audit.append(
                    AuditEntry(
                        action: .projectRateCreated, subjectType: .projectRate, subjectID: rate.id.description,
                        after: try AuditJSON.projectRate(rate)),
                    actor: caller.user.id, origin: caller.origin, on: tx)
            }
        }
        return task
    }

    /// Changes a task if it is still at `expectedVersion`.
    public func updateTask(
        _ id: TaskID, of projectID: ProjectID, changes: TaskChanges, expectedVersion: Int, caller: Caller
    ) async throws -> ProjectTask {
        try await requireScope(projectID, .manageProject, caller: caller)
        var validation = Validation()
        let estimate = try changes.estimate.map { change in
            try change.flatMap { input in try validation.collect { () throws(DomainError) in try input.minutes(name: "estimated") } }
        }
        let parsed = validation
        return try await pool.withTransaction { tx in
            var validation = parsed
            guard let before = try await tasks.findForUpdate(id, projectID: projectID, on: tx) else {
                throw DomainError.notFound(entity: "task")
            }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            var after = before
            if let name = changes.name { after.name = CatalogText.trimmed(name) }
            if let billable = changes.isBillable { after.isBillable = billable }
            if let estimate { after.estimatedMinutes = estimate }
            if let archived = changes.isArchived { after.isArchived = archived }
            if let rate = changes.vatRateBP {
                after.vatRateBP = rate
                validation.add(contentsOf: try await SettingsStore().get(on: tx).vatSettings.taskRateProblems(rate))
            }
            validation.add(contentsOf: after.problems)
            try validation.throwIfInvalid()
            guard after != before else { return before }
            guard try await tasks.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            guard let updated = try await tasks.find(id, projectID: projectID, on: tx) else { throw DomainError.notFound(entity: "task") }
            try await audit.append(
                AuditEntry(
                    action: .taskUpdated, subjectType: .task, subjectID: id.description, before: try AuditJSON.task(before),
                    after: try AuditJSON.task(updated)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return updated
        }
    }
}
