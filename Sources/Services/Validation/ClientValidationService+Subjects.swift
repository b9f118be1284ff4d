import Domain
import Foundation
import Postgres
import Storage

/// Asking the client about one milestone or change request (issue 5 items 2–3), and
/// what a decision does to it, in the transaction that records it, whichever way it
/// came (account, link, on behalf).
extension ClientValidationService {
    /// Stores a pending request for `content` about `subject` with a fresh signed link,
    /// audited, in the caller's transaction; the token is in the result, never stored.
    func requestDecision(
        on content: ValidationContent, subject: UUID, project: ProjectID, expiresInHours: Int, caller: Caller,
        on tx: PostgresTransaction
    ) async throws -> IssuedValidation {
        let now = clock.now()
        let id = ValidationID.random()
        let link = signer.issue(for: id)
        let record = ValidationRecord(
            id: id, kind: content.kind, projectID: project, periodFrom: nil, periodTo: nil, content: content.canonicalJSON,
            contentDigest: content.digestHex, status: .pending, requestedBy: caller.user.id, requestedAt: now,
            linkExpiresAt: now.addingTimeInterval(TimeInterval(expiresInHours) * 3600), entryIDs: [], subjectID: subject)
        try await validations.insert(record, linkNonceHash: link.nonceHash, on: tx)
        try await audit.append(
            AuditEntry(
                action: .validationRequested, subjectType: .validation, subjectID: id.description,
                after: try AuditJSON.validation(record)),
            actor: caller.user.id, origin: caller.origin, on: tx)
        try await OutboxStore().append(try OutboxEvents.validation(.validationRequested, record, at: now), on: tx)
        return IssuedValidation(record: record, token: link.token)
    }

    /// Accepted: the milestone is accepted (billable at once); rejected: rejected with the comment.
    func applyToMilestone(
        _ decision: ValidationRecord.Decision, comment: String?, record: ValidationRecord, by userID: UserID?, origin: RequestOrigin,
        at now: Date, on tx: PostgresTransaction
    ) async throws {
        let store = MilestoneStore()
        guard let subject = record.subjectID, let before = try await store.findForUpdate(MilestoneID(subject), on: tx) else {
            throw DomainError.conflict("The milestone of this validation request no longer exists.")
        }
        guard before.validationID == record.id else {
            throw DomainError.conflict("This validation request is not the milestone's current delivery.")
        }
        var after = before
        after.status = try before.status.transition(decision == .accept ? .accept : .reject(comment: comment ?? ""))
        after.decidedAt = now
        after.decisionComment = comment
        guard try await store.update(after, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
        after.version = before.version + 1
        try await audit.append(
            AuditEntry(
                action: after.status == .accepted ? .milestoneAccepted : .milestoneRejected, subjectType: .milestone, subjectID: before.id.description,
                before: try AuditJSON.milestone(before), after: try AuditJSON.milestone(after)),
            actor: userID, origin: origin, on: tx)
        try await OutboxStore().append(try OutboxEvents.milestone(after, at: now), on: tx)
    }

    /// Accepted: the change request is accepted and its work gets a task (billable at
    /// the quoted rate for an hourly change; non-billable for a fixed one, whose quoted
    /// amount is what gets billed). Rejected: rejected with the comment.
    func applyToChangeRequest(
        _ decision: ValidationRecord.Decision, comment: String?, record: ValidationRecord, by userID: UserID?, origin: RequestOrigin,
        at now: Date, on tx: PostgresTransaction
    ) async throws {
        let store = ChangeRequestStore()
        guard let subject = record.subjectID, let before = try await store.findForUpdate(ChangeRequestID(subject), on: tx) else {
            throw DomainError.conflict("The change request of this validation request no longer exists.")
        }
        guard before.validationID == record.id else {
            throw DomainError.conflict("This validation request is not the change request's current quote.")
        }
        var after = before
        after.status = try before.status.transition(decision == .accept ? .accept : .reject(comment: comment ?? ""))
        after.decidedAt = now
        after.decisionComment = comment
        if after.status == .accepted {
            after.taskID = try await prepareTask(for: before, by: userID, origin: origin, at: now, on: tx)
        }
        guard try await store.update(after, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
        after.version = before.version + 1
        try await audit.append(
            AuditEntry(
                action: after.status == .accepted ? .changeRequestAccepted : .changeRequestRejected, subjectType: .changeRequest, subjectID: before.id.description,
                before: try AuditJSON.changeRequest(before), after: try AuditJSON.changeRequest(after)),
            actor: userID, origin: origin, on: tx)
        if after.status == .accepted { try await OutboxStore().append(try OutboxEvents.changeRequestAgreed(after, at: now), on: tx) }
    }

    /// The task of an accepted change: the one linked in draft, or a new one named after
    /// it; made billable or not, and given the hourly rate, as the quote says.
    private func prepareTask(
        for change: ChangeRequest, by userID: UserID?, origin: RequestOrigin, at now: Date, on tx: PostgresTransaction
    ) async throws -> TaskID {
        let store = ChangeRequestStore()
        let tasks = TaskStore()
        let billable = change.pricing == .hourly
        let taskID: TaskID
        if let linked = change.taskID, let task = try await tasks.findForUpdate(linked, projectID: change.projectID, on: tx) {
            taskID = task.id
            if task.isBillable != billable {
                try await store.setTaskBillable(taskID, billable: billable, on: tx)
                var changed = task
                changed.isBillable = billable
                try await audit.append(
                    AuditEntry(
                        action: .taskUpdated, subjectType: .task, subjectID: taskID.description, before: try AuditJSON.task(task),
                        after: try AuditJSON.task(changed)),
                    actor: userID, origin: origin, on: tx)
            }
        } else {
            let existing = Set(try await tasks.list(projectID: change.projectID, on: tx).map { $0.name.lowercased() })
            var name = Self.taskName("\(change.reference): \(change.title)")
            if existing.contains(name.lowercased()) { name = Self.taskName("\(change.reference) (\(change.id.description.prefix(8))): \(change.title)") }
            let task = ProjectTask(
                id: .random(), projectID: change.projectID, name: name.trimmingCharacters(in: .whitespaces), isBillable: billable,
                estimatedMinutes: change.estimatedMinutes, isArchived: false, version: 1, createdAt: now)
            try await tasks.insert(task, on: tx)
            taskID = task.id
            try await audit.append(
                AuditEntry(action: .taskCreated, subjectType: .task, subjectID: task.id.description, after: try AuditJSON.task(task)),
                actor: userID, origin: origin, on: tx)
        }
        try await store.linkTask(taskID, to: change.id, on: tx)
        switch change.pricing {
        case .hourly:
            guard let rate = change.hourlyRate else { throw DomainError.conflict("This hourly change request has no rate.") }
            // From the beginning: time logged on the task before acceptance (work may start
            // early) resolves to the agreed rate too.
            let projectRate = ProjectRate(
                id: .random(), projectID: change.projectID, target: .task(taskID), effectiveFrom: ProjectRate.beginning, rate: rate)
            try await store.setTaskRate(taskID, rate: rate, effectiveFrom: projectRate.effectiveFrom, id: projectRate.id.uuid, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .projectRateCreated, subjectType: .projectRate, subjectID: projectRate.id.description,
                    after: try AuditJSON.projectRate(projectRate)),
                actor: userID, origin: origin, on: tx)
        case .fixed:
            let entries = try await store.makeTimeNonBillable(task: taskID, at: now, on: tx)
            if !entries.isEmpty {
                try await audit.append(
                    AuditEntry(
                        action: .timeEntryMadeNonBillable, subjectType: .task, subjectID: taskID.description,
                        after: try AuditJSON.encode(["change_request_id": change.id.description, "entry_ids": entries.map(\.description).joined(separator: ",")])),
                    actor: userID, origin: origin, on: tx)
            }
        }
        return taskID
    }

    /// A task name within the 200 characters tasks allow, counted in Unicode scalars as
    /// PostgreSQL counts them (a title of 200 emoji would otherwise fail at acceptance).
    static func taskName(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(200)))
    }
}
