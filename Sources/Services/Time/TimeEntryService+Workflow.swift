public import Domain
import Foundation
import Postgres
import Storage

/// What submitting a week did.
public struct WeekSubmission: Sendable {
    /// The Monday and Sunday of the ISO week.
    public let week: ClosedRange<LocalDate>
    /// How many open entries were submitted now.
    public let submitted: Int
    /// The caller's entries of that week per state, after the submission.
    public let counts: [TimeEntryStatus: Int]
}

/// An approver's decision on submitted entries.
public enum ApprovalDecision: String, Sendable, CaseIterable, Codable {
    case approve
    case reject
}

extension TimeEntryService {
    /// The most entries one approval request may name.
    public static let maximumEntriesPerDecision = 500

    /// Submits the caller's open entries of the ISO week containing `date`.
    public func submitWeek(containing date: LocalDate, caller: Caller) async throws -> WeekSubmission {
        try Policy.require(caller.actor, .submitOwnWeek, .user(caller.user.id))
        let week: ClosedRange<LocalDate>
        do {
            week = try LocalDate.weekContaining(date)
        } catch {
            throw DomainError.invalid(field: "week", message: "The week must end by 9999-12-31.")
        }
        let author = caller.user.id
        return try await pool.withTransaction { tx in
            let open = try await entries.entriesForUpdate(of: author, status: .open, from: week.lowerBound, to: week.upperBound, on: tx)
            for entry in open { _ = try entry.status.transition(.submit) }
            let ids = open.map(\.id)
            let submitted = try await entries.markSubmitted(ids, at: clock.now(), on: tx)
            if submitted > 0 {
                try await audit.append(
                    AuditEntry(
                        action: .timesheetSubmitted, subjectType: .user, subjectID: author.description,
                        after: try AuditJSON.submission(week: week, entries: ids)),
                    actor: author, origin: caller.origin, on: tx)
                try await OutboxStore().append(
                    try OutboxEvents.timesheetSubmitted(user: author, week: week, entries: ids, at: clock.now()), on: tx)
            }
            let counts = try await entries.statusCounts(of: author, from: week.lowerBound, to: week.upperBound, on: tx)
            return WeekSubmission(week: week, submitted: submitted, counts: counts)
        }
    }

    /// The caller's approval queue: submitted entries of the projects they may approve
    /// (`limit + 1` rows are fetched). Members and client contacts get 403.
    public func approvalQueue(_ query: TimeEntryQuery, caller: Caller) async throws -> [TimeEntryDetail] {
        guard let scope = ApprovalScope.of(caller.actor) else { throw DomainError.forbidden(ApprovalScope.refusal) }
        return try await entries.approvalQueue(query, scope: scope, on: pool)
    }

    /// Approves or rejects submitted entries, all or none. Approving captures the
    /// billable and cost rates in force on each work date; rejecting needs a reason,
    /// which the author sees, and reopens the entry.
    public func decide(
        _ ids: [TimeEntryID], decision: ApprovalDecision, reason: String?, caller: Caller
    ) async throws -> [TimeEntry] {
        guard ApprovalScope.of(caller.actor) != nil else { throw DomainError.forbidden(ApprovalScope.refusal) }
        var validation = Validation()
        validation.require(!ids.isEmpty, field: "time_entry_ids", message: "Name at least one time entry.")
        validation.require(
            ids.count <= Self.maximumEntriesPerDecision, field: "time_entry_ids",
            message: "Name at most \(Self.maximumEntriesPerDecision) time entries per request.")
        validation.require(Set(ids).count == ids.count, field: "time_entry_ids", message: "Name each time entry once.")
        if decision == .reject {
            let blank = (reason ?? "").allSatisfy(\.isWhitespace)
            validation.require(!blank, field: "reason", message: "Say why the entries are rejected; their authors will see it.")
        }
        try validation.throwIfInvalid()
        return try await pool.withTransaction { tx in try await decide(ids, decision: decision, reason: reason, caller: caller, on: tx) }
    }

    /// The decision inside the caller's transaction (``ApprovalService`` decides time
    /// entries and expenses in one); the request's shape is checked by the caller.
    func decide(
        _ ids: [TimeEntryID], decision: ApprovalDecision, reason: String?, caller: Caller, on tx: PostgresTransaction
    ) async throws -> [TimeEntry] {
        let locked = try await entries.findForUpdate(ids, on: tx)
        guard locked.count == ids.count else { throw DomainError.notFound(entity: "time entry") }
        let byID = Dictionary(uniqueKeysWithValues: locked.map { ($0.id, $0) })
        let projectScopes = try await scopes.scopes(Array(Set(locked.map(\.projectID))), on: tx)
        let allowSelfApproval = try await settings.get(on: tx).allowSelfApproval
        for entry in locked {
            guard let scope = projectScopes[entry.projectID] else { throw DomainError.notFound(entity: "time entry") }
            try Policy.require(caller.actor, .approveTime, .ownResource(owner: entry.userID, project: scope), entity: "time entry")
            try WorkDateRules.checkNotSelfApproval(
                author: entry.userID, approver: caller.user.id, allowed: allowSelfApproval, item: "time entry \(entry.id)")
        }
        let context = try await decisionContext(locked, decision: decision, on: tx)
        let now = clock.now()
        var decided: [TimeEntry] = []
        for (index, id) in ids.enumerated() {
            let before = byID[id]!
            var after = before
            do throws(DomainError) {
                switch decision {
                case .approve:
                    guard let currency = context.currencies[before.projectID] else { throw .notFound(entity: "project") }
                    try after.approve(
                        by: caller.user.id, at: now, rates: context.resolver, currency: currency,
                        label: context.labels[id] ?? before.workDate.description, field: "time_entry_ids[\(index)]")
                case .reject:
                    try after.reject(reason: reason ?? "")
                }
            } catch {
                if case .conflict(let sentence) = error { throw DomainError.conflict("\(sentence) (time entry \(id))") }
                throw error
            }
            guard try await entries.update(after, expectedVersion: before.version, at: now, on: tx) else {
                throw DomainError.versionMismatch
            }
            after.version = before.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: decision == .approve ? .timeEntryApproved : .timeEntryRejected, subjectType: .timeEntry,
                    subjectID: id.description, before: try AuditJSON.timeEntry(before), after: try AuditJSON.timeEntry(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            decided.append(after)
        }
        return decided
    }

    private struct DecisionContext {
        var resolver = RateResolver()
        var currencies: [ProjectID: Currency] = [:]
        /// "Mia Member on Website relaunch, 2026-03-02", per entry.
        var labels: [TimeEntryID: String] = [:]
    }

    /// Rates, currencies and names an approval needs (nothing for a rejection).
    private func decisionContext(_ locked: [TimeEntry], decision: ApprovalDecision, on tx: PostgresTransaction) async throws
        -> DecisionContext
    {
        var context = DecisionContext()
        guard decision == .approve, let last = locked.map(\.workDate).max() else { return context }
        let lookup = try await rates.load(
            projects: Array(Set(locked.map(\.projectID))), users: Array(Set(locked.map(\.userID))), tasks: Array(Set(locked.map(\.taskID))),
            through: last, on: tx)
        context.resolver = lookup.resolver
        context.currencies = lookup.currencies
        for detail in try await entries.details(locked.map(\.id), on: tx) {
            context.labels[detail.entry.id] = "\(detail.userName) on \(detail.projectName), \(detail.entry.workDate)"
        }
        return context
    }
}
