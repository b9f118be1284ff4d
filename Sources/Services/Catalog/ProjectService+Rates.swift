public import Domain
import Foundation
import Postgres
import Storage

/// A billable rate an admin sets on a project: for the project (neither id), one of
/// its members (`userID`) or one of its tasks (`taskID`). The rate is decimal text
/// with up to 4 decimals, in the project's currency.
public struct NewProjectRate: Sendable {
    public var userID: UserID?
    public var taskID: TaskID?
    public var effectiveFrom: LocalDate
    public var rate: String

    public init(userID: UserID? = nil, taskID: TaskID? = nil, effectiveFrom: LocalDate, rate: String) {
        self.userID = userID
        self.taskID = taskID
        self.effectiveFrom = effectiveFrom
        self.rate = rate
    }
}

extension ProjectService {
    /// Every rate of a project and its tasks (admin only: rates are, SPEC §3).
    public func rates(of projectID: ProjectID, caller: Caller) async throws -> [ProjectRate] {
        try await requireScope(projectID, .manageRates, caller: caller)
        return try await rates.list(projectID: projectID, on: pool)
    }

    public func rate(_ id: ID<ProjectRate>, of projectID: ProjectID, caller: Caller) async throws -> ProjectRate {
        try await requireScope(projectID, .manageRates, caller: caller)
        guard let rate = try await rates.find(id, projectID: projectID, on: pool) else { throw DomainError.notFound(entity: "rate") }
        return rate
    }

    /// Adds a rate from a date on (admin only). A rate never rewrites past work: a change
    /// is a new rate with a later date; a second rate of one target on one day is a 409.
    public func createRate(_ new: NewProjectRate, for projectID: ProjectID, caller: Caller) async throws -> ProjectRate {
        try await requireScope(projectID, .manageRates, caller: caller)
        var validation = Validation()
        if new.userID != nil, new.taskID != nil {
            validation.add(field: "task_id", message: "cannot be given with user_id: a rate is for the project, a member or a task")
        }
        let parsed = try validation.collect { () throws(DomainError) in try HourlyRate(parsing: new.rate, currency: .eur) }
        try validation.throwIfInvalid()
        guard let parsed else { throw DomainError.invalid(field: "rate", message: "Enter a number such as 87.50.") }

        return try await pool.withTransaction { tx in
            // Locked, so the member cannot leave between the check and the write.
            guard let project = try await projects.findForUpdate(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            var target = ProjectRate.Target.project
            if let user = new.userID {
                guard project.memberIDs.contains(user) else {
                    throw DomainError.invalid(field: "user_id", message: "is not a member of this project")
                }
                target = .member(user)
            }
            if let task = new.taskID {
                guard try await tasks.find(task, projectID: projectID, on: tx) != nil else {
                    throw DomainError.invalid(field: "task_id", message: "is not a task of this project")
                }
                target = .task(task)
            }
            let rate = ProjectRate(
                id: .random(), projectID: projectID, target: target, effectiveFrom: new.effectiveFrom,
                rate: try HourlyRate(scaled: parsed.scaled, currency: project.currency))
            try await rates.insert(rate, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .projectRateCreated, subjectType: .projectRate, subjectID: rate.id.description,
                    after: try AuditJSON.projectRate(rate)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return rate
        }
    }
}
