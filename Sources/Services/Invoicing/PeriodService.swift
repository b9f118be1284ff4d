public import Domain
import Foundation
public import Postgres
import Storage

/// The outcome of closing a client's month.
public struct ClosedPeriod: Sendable {
    public let clientID: ClientID
    /// The month's first day.
    public let month: LocalDate
    public let pending: PendingWork
    /// The draft of everything billable up to the month's end; nil when nothing was.
    public let draft: InvoiceView?
}

/// Period close (issue 12 item 10, SPEC §5): the admin closes a client's month in one
/// action — what is still pending is listed, the month is locked (no time or expense
/// dated in it may be added, changed or deleted: the database's triggers), and a draft
/// of everything billable up to the month's end is made. Reopening is audited.
public struct PeriodService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let invoices: InvoiceService
    let locks = PeriodLockStore()
    let clients = ClientStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
        self.invoices = InvoiceService(pool: pool, clock: clock)
    }

    public func close(client clientID: ClientID, month: LocalDate, caller: Caller) async throws -> ClosedPeriod {
        try Policy.require(caller.actor, .closePeriod, .agency)
        let (first, next) = try Self.bounds(month)
        let closed = try await pool.withTransaction { tx in
            guard try await clients.findForUpdate(clientID, on: tx) != nil else {
                throw DomainError.invalid(field: "client_id", message: "does not name an existing client")
            }
            guard try await locks.close(client: clientID, month: first, by: caller.user.id, at: clock.now(), on: tx) else {
                throw DomainError.conflict("The period \(Self.label(first)) of this client is already closed.")
            }
            let pending = try await locks.pending(client: clientID, from: first, until: next, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .periodClosed, subjectType: .period, subjectID: "\(clientID)/\(Self.label(first))",
                    after: try SheafJSON.string(PeriodSnapshot(clientId: clientID, month: Self.label(first), pending: pending))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return pending
        }
        // The draft is its own transaction: the lock holds even when nothing is billable.
        var draft: InvoiceView?
        do {
            draft = try await invoices.createDraft(
                NewDraft(clientID: clientID, upTo: try next.adding(days: -1), edits: DraftEdits(period: .some((first, try next.adding(days: -1))))),
                caller: caller)
        } catch DomainError.conflict {
            draft = nil
        }
        return ClosedPeriod(clientID: clientID, month: first, pending: closed, draft: draft)
    }

    /// The closed months of every client, newest first (the admin's period-close page).
    public func closed(limit: Int = 200, caller: Caller) async throws -> [PeriodLock] {
        try Policy.require(caller.actor, .closePeriod, .agency)
        return try await locks.closed(limit: limit, on: pool)
    }

    public func reopen(client clientID: ClientID, month: LocalDate, reason: String, caller: Caller) async throws {
        try Policy.require(caller.actor, .closePeriod, .agency)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1000).contains(reason.count) else {
            throw DomainError.invalid(field: "reason", message: "Say why the period is reopened (1 to 1000 characters).")
        }
        let (first, _) = try Self.bounds(month)
        try await pool.withTransaction { tx in
            guard try await locks.reopen(client: clientID, month: first, on: tx) else {
                throw DomainError.conflict("The period \(Self.label(first)) of this client is not closed.")
            }
            try await audit.append(
                AuditEntry(
                    action: .periodReopened, subjectType: .period, subjectID: "\(clientID)/\(Self.label(first))",
                    after: try SheafJSON.string(["reason": reason])),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    static func bounds(_ month: LocalDate) throws(DomainError) -> (LocalDate, LocalDate) {
        guard let first = LocalDate(year: month.year, month: month.month, day: 1) else {
            throw .invalid(field: "month", message: "Give a month such as 2026-11.")
        }
        return (first, try first.adding(months: 1))
    }

    static func label(_ month: LocalDate) -> String {
        String(month.description.prefix(7))
    }
}

struct PeriodSnapshot: Encodable, Sendable {
    let clientId: ClientID
    let month: String
    let pending: PendingSnapshot

    init(clientId: ClientID, month: String, pending: PendingWork) {
        self.clientId = clientId
        self.month = month
        self.pending = PendingSnapshot(
            submittedTimeEntries: pending.submittedTimeEntries, submittedExpenses: pending.submittedExpenses,
            unvalidatedTimeEntries: pending.unvalidatedTimeEntries, pendingValidations: pending.pendingValidations)
    }

    struct PendingSnapshot: Encodable, Sendable {
        let submittedTimeEntries: Int
        let submittedExpenses: Int
        let unvalidatedTimeEntries: Int
        let pendingValidations: Int
    }
}
