public import Domain
import Foundation
import Postgres
import Storage

/// A decided milestone with the validation record of the decision.
public struct DecidedMilestone: Sendable {
    public let view: MilestoneView
    public let record: ValidationRecord
}

extension MilestoneService {
    /// The client contact accepts the delivered milestone (or the admin records it on
    /// their behalf, with a comment): it becomes billable at once.
    public func accept(_ id: MilestoneID, comment: String?, caller: Caller) async throws -> DecidedMilestone {
        try await decide(id, decision: .accept, comment: comment, caller: caller)
    }

    /// The client contact rejects the delivered milestone with a comment (or the admin
    /// records it on their behalf); it can be delivered again after rework.
    public func reject(_ id: MilestoneID, comment: String?, caller: Caller) async throws -> DecidedMilestone {
        try await decide(id, decision: .reject, comment: comment, caller: caller)
    }

    /// Checks who may decide and the milestone's state, then records the decision on
    /// its validation request, which moves the milestone in the same transaction.
    func decide(_ id: MilestoneID, decision: ValidationRecord.Decision, comment: String?, caller: Caller) async throws -> DecidedMilestone {
        guard let found = try await milestones.find(id, on: pool) else { throw DomainError.notFound(entity: "milestone") }
        let scope = try await requireScope(
            found.projectID, caller.actor.role == .admin ? .validateOnBehalfOfClient : .validateForClient, caller: caller,
            entity: "milestone")
        // The state first (409), then the comment (422), as the workflow reads.
        _ = try found.status.transition(decision == .accept ? .accept : .reject(comment: "state check"))
        guard let validationID = found.validationID else {
            throw DomainError.conflict("This milestone has no validation request to decide.")
        }
        let record = try await validationService.decide(validationID, decision: decision, comment: comment, caller: caller)
        guard let decided = try await milestones.find(id, on: pool), let project = try await projects.find(found.projectID, on: pool) else {
            throw DomainError.notFound(entity: "milestone")
        }
        return DecidedMilestone(view: view(decided, project: project, scope: scope, caller: caller), record: record)
    }
}
