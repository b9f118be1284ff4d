public import Domain
import Foundation
import Postgres
import Storage

extension ClientValidationService {
    /// The client contact's decision, logged in (`account`), or the admin's record of
    /// it on the client's behalf (`on_behalf`, a comment is required). Managers and
    /// members are refused (403); callers who may not know of the project get 404.
    /// A rejection may name the disputed entries it is about (`disputedEntries`, entries
    /// of this request only).
    /// - Throws: 422 for a rejection without a comment or naming entries the request does
    ///   not cover, 409 when the request is no
    ///   longer pending or one of its entries is no longer approved.
    public func decide(
        _ id: ValidationID, decision: ValidationRecord.Decision, comment: String?, disputedEntries: [TimeEntryID] = [],
        caller: Caller
    ) async throws -> ValidationRecord {
        try await pool.withTransaction { tx in
            guard let found = try await validations.findForUpdate(id, on: tx),
                let scope = try await scopes.scope(found.record.projectID, on: tx)
            else { throw DomainError.notFound(entity: "validation") }
            let channel: ValidationRecord.Channel
            if caller.actor.role == .admin {
                try Policy.require(caller.actor, .validateOnBehalfOfClient, .project(scope), entity: "validation")
                channel = .onBehalf
            } else {
                try Policy.require(caller.actor, .validateForClient, .project(scope), entity: "validation")
                channel = .account
            }
            let checked = try ValidationRecord.checkDecision(
                decision, comment: comment, channel: channel, name: nil, kind: found.record.kind)
            let named = try found.record.checkDisputedEntries(disputedEntries, decision: decision)
            return try await apply(
                decision, comment: checked.comment, disputedEntries: named, to: found.record, channel: channel, by: caller.user.id,
                name: caller.user.name, origin: caller.origin, on: tx)
        }
    }

    /// A decision through the signed link (no account): the link must be authentic,
    /// unused, unexpired and its request pending; it is used up by this call.
    /// - Throws: 404 for an unknown or altered token, ``ValidationLinkGone`` (410) for
    ///   a used or expired link or a decided request, 422 for a missing name or a
    ///   rejection without a comment (the link stays usable).
    public func decideByLink(
        _ token: String, decision: ValidationRecord.Decision, comment: String?, name: String?,
        disputedEntries: [TimeEntryID] = [], origin: RequestOrigin
    ) async throws -> ValidationRecord {
        let opened = try open(token)
        return try await pool.withTransaction { tx in
            guard let found = try await validations.findForUpdate(opened.validationID, on: tx),
                Self.matches(found.linkNonceHash, opened)
            else { throw Self.unknownLink }
            if let refusal = found.record.linkRefusal(now: clock.now()) { throw try await gone(refusal, of: found.record.id, on: tx) }
            let checked = try ValidationRecord.checkDecision(
                decision, comment: comment, channel: .link, name: name, kind: found.record.kind)
            let named = try found.record.checkDisputedEntries(disputedEntries, decision: decision)
            return try await apply(
                decision, comment: checked.comment, disputedEntries: named, to: found.record, channel: .link, by: nil,
                name: checked.name, origin: origin, on: tx)
        }
    }

    /// Records the decision and applies it to what the request covers, in the caller's
    /// transaction: every entry of a timesheet (all or none), or the milestone or
    /// change request it was made for (`ClientValidationService+Subjects.swift`).
    func apply(
        _ decision: ValidationRecord.Decision, comment: String?, disputedEntries: [TimeEntryID] = [], to record: ValidationRecord,
        channel: ValidationRecord.Channel,
        by userID: UserID?, name: String?, origin: RequestOrigin, on tx: PostgresTransaction
    ) async throws -> ValidationRecord {
        try record.requirePending()
        var entries: [(TimeEntryID, TimeEntryStatus)] = []
        var expenses: [(ExpenseID, ExpenseStatus)] = []
        if record.kind == .timesheet {
            entries = try await validations.entriesForUpdate(of: record.id, on: tx)
            expenses = try await validations.expensesForUpdate(of: record.id, on: tx)
            let event = decision.entryEvent(comment: comment)
            for (_, status) in entries {
                _ = try status.transition(event)
            }
            for (_, status) in expenses {
                _ = try status.transition(event, noun: "expense")
            }
        }
        let now = clock.now()
        var decided = record
        decided.status = decision.resultingStatus
        decided.decision = decision
        decided.decidedVia = channel
        decided.decidedBy = userID
        decided.decidedByName = name
        decided.decidedAt = now
        decided.comment = comment
        decided.disputedEntryIDs = disputedEntries
        decided.clientAddress = origin.clientAddress
        if channel == .link { decided.linkUsedAt = now }
        guard try await validations.recordDecision(decided, on: tx) else {
            throw DomainError.conflict("This validation request was decided by someone else meanwhile.")
        }
        switch record.kind {
        case .timesheet:
            let ids = entries.map { $0.0 }
            let expenseIDs = expenses.map { $0.0 }
            switch decision {
            case .accept:
                try await validations.markClientValidated(ids, at: now, on: tx)
                try await validations.markExpensesClientValidated(expenseIDs, at: now, on: tx)
            case .reject:
                try await validations.returnToApprover(ids, comment: comment ?? "", at: now, on: tx)
                try await validations.returnExpensesToApprover(expenseIDs, comment: comment ?? "", at: now, on: tx)
            }
        case .milestone:
            try await applyToMilestone(decision, comment: comment, record: record, by: userID, origin: origin, at: now, on: tx)
        case .changeRequest:
            try await applyToChangeRequest(decision, comment: comment, record: record, by: userID, origin: origin, at: now, on: tx)
        }
        try await audit.append(
            AuditEntry(
                action: decided.status == .accepted ? .validationAccepted : .validationRejected, subjectType: .validation, subjectID: record.id.description,
                before: try AuditJSON.validation(record), after: try AuditJSON.validation(decided)),
            actor: userID, origin: origin, on: tx)
        try await OutboxStore().append(try OutboxEvents.validation(.validationDecided, decided, at: now), on: tx)
        return decided
    }
}
