public import Domain
import Foundation
public import Postgres
import Storage

/// A new time entry, as its author logs it.
public struct TimeEntryDraft: Sendable {
    public var projectID: ProjectID
    public var taskID: TaskID
    public var workDate: LocalDate
    public var minutes: Int
    public var note: String
    /// nil: the task's billable flag.
    public var billable: Bool?

    public init(projectID: ProjectID, taskID: TaskID, workDate: LocalDate, minutes: Int, note: String = "", billable: Bool? = nil) {
        self.projectID = projectID
        self.taskID = taskID
        self.workDate = workDate
        self.minutes = minutes
        self.note = note
        self.billable = billable
    }
}

/// A partial update of an open entry: nil leaves a field unchanged.
public struct TimeEntryChanges: Sendable {
    public var projectID: ProjectID?
    public var taskID: TaskID?
    public var workDate: LocalDate?
    public var minutes: Int?
    public var note: String?
    public var billable: Bool?

    public init(
        projectID: ProjectID? = nil, taskID: TaskID? = nil, workDate: LocalDate? = nil, minutes: Int? = nil, note: String? = nil,
        billable: Bool? = nil
    ) {
        self.projectID = projectID
        self.taskID = taskID
        self.workDate = workDate
        self.minutes = minutes
        self.note = note
        self.billable = billable
    }

    /// Whether no field is to change.
    public var isEmpty: Bool {
        projectID == nil && taskID == nil && workDate == nil && minutes == nil && note == nil && billable == nil
    }
}

/// Time entries (SPEC §2, §4.1): daily logging by their authors, read by those the
/// policy lets see them. The weekly workflow is in `TimeEntryService+Workflow.swift`,
/// reports in `+Reports`, the CSV export in `+CSV` and the import in `+Import`.
public struct TimeEntryService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let entries = TimeEntryStore()
    let targets = LoggingTargetStore()
    let scopes = ProjectScopeStore()
    let rates = RateLookupStore()
    let reports = TimeReportStore()
    let teams = TeamStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    /// Where the reports read (``ReportDatabase``).
    let reportsDatabase: ReportDatabase

    public init(pool: PostgresPool, clock: any WallClock, reports: ReportDatabase? = nil) {
        self.pool = pool
        self.clock = clock
        self.reportsDatabase = reports ?? ReportDatabase(primary: pool)
    }

    /// One page of the entries the caller may see (`limit + 1` rows are fetched).
    public func list(_ query: TimeEntryQuery, caller: Caller) async throws -> [TimeEntry] {
        try await entries.list(query, visibility: TimeEntryVisibility.of(caller.actor), on: pool)
    }

    public func get(_ id: TimeEntryID, caller: Caller) async throws -> TimeEntry {
        guard let entry = try await entries.find(id, on: pool) else { throw DomainError.notFound(entity: "time entry") }
        try await requireVisible(entry, caller: caller, on: pool)
        return entry
    }

    /// Logs the caller's own time: on an active project they belong to, a task of it,
    /// billable only if the task is, within 24 hours a day in total.
    public func create(_ draft: TimeEntryDraft, caller: Caller) async throws -> TimeEntry {
        var validation = Validation()
        let minutes = try validation.collect { () throws(DomainError) in try TimeEntry.validMinutes(draft.minutes) }
        let note = try validation.collect { () throws(DomainError) in try TimeEntry.validNote(draft.note) }
        try validation.throwIfInvalid()
        let author = caller.user.id
        return try await pool.withTransaction { tx in
            guard let target = try await targets.target(project: draft.projectID, task: draft.taskID, on: tx) else {
                throw DomainError.notFound(entity: "project")
            }
            try Policy.require(caller.actor, .logOwnTime, .project(target.project))
            let billable = try target.check(author: author, requestedBillable: draft.billable)
            try await checkNotTooFarAhead(draft.workDate, author: caller.user, on: tx)
            try await checkDailyLimit(user: author, date: draft.workDate, minutes: minutes ?? 0, excluding: nil, on: tx)
            let entry = TimeEntry(
                id: .random(), userID: author, projectID: draft.projectID, taskID: draft.taskID, workDate: draft.workDate,
                minutes: minutes ?? 0, note: note ?? "", billable: billable, createdAt: clock.now())
            try await entries.insert(entry, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .timeEntryCreated, subjectType: .timeEntry, subjectID: entry.id.description,
                    after: try AuditJSON.timeEntry(entry)),
                actor: author, origin: caller.origin, on: tx)
            return entry
        }
    }

    /// Changes the caller's own open entry if it is still at `expectedVersion`; the
    /// logging rules apply to the result as to a new entry.
    public func update(_ id: TimeEntryID, changes: TimeEntryChanges, expectedVersion: Int, caller: Caller) async throws -> TimeEntry {
        var validation = Validation()
        let minutes = try changes.minutes.flatMap { value in try validation.collect { () throws(DomainError) in try TimeEntry.validMinutes(value) } }
        let note = try changes.note.flatMap { value in try validation.collect { () throws(DomainError) in try TimeEntry.validNote(value) } }
        try validation.throwIfInvalid()
        return try await pool.withTransaction { tx in
            let before = try await lockedOwnEntry(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            guard !changes.isEmpty else { return before }
            var after = before
            after.projectID = changes.projectID ?? before.projectID
            after.taskID = changes.taskID ?? before.taskID
            after.workDate = changes.workDate ?? before.workDate
            after.minutes = minutes ?? before.minutes
            after.note = note ?? before.note
            guard let target = try await targets.target(project: after.projectID, task: after.taskID, on: tx) else {
                throw DomainError.notFound(entity: "project")
            }
            if after.projectID != before.projectID { try Policy.require(caller.actor, .logOwnTime, .project(target.project)) }
            let taskChanged = after.taskID != before.taskID
            after.billable = try target.check(
                author: before.userID, requestedBillable: changes.billable ?? (taskChanged ? nil : before.billable))
            guard after != before else { return before }
            if after.workDate != before.workDate { try await checkNotTooFarAhead(after.workDate, author: caller.user, on: tx) }
            if after.workDate != before.workDate || after.minutes > before.minutes {
                try await checkDailyLimit(user: before.userID, date: after.workDate, minutes: after.minutes, excluding: id, on: tx)
            }
            let now = clock.now()
            guard try await entries.update(after, expectedVersion: expectedVersion, at: now, on: tx) else { throw DomainError.versionMismatch }
            after.version = before.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: .timeEntryUpdated, subjectType: .timeEntry, subjectID: id.description,
                    before: try AuditJSON.timeEntry(before), after: try AuditJSON.timeEntry(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }

    /// Deletes the caller's own open entry (at `expectedVersion` when given).
    public func delete(_ id: TimeEntryID, expectedVersion: Int?, caller: Caller) async throws {
        try await pool.withTransaction { tx in
            let before = try await lockedOwnEntry(id, expectedVersion: expectedVersion, caller: caller, on: tx)
            guard try await entries.delete(id, expectedVersion: before.version, on: tx) else { throw DomainError.versionMismatch }
            try await audit.append(
                AuditEntry(
                    action: .timeEntryDeleted, subjectType: .timeEntry, subjectID: id.description,
                    before: try AuditJSON.timeEntry(before)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    // MARK: - Rules shared by the use cases

    /// The entry, locked; 404 when the caller may not see it, 403 when it is not theirs
    /// to edit, 412 when not at `expectedVersion`, 409 unless it is open.
    func lockedOwnEntry(_ id: TimeEntryID, expectedVersion: Int?, caller: Caller, on tx: PostgresTransaction) async throws -> TimeEntry {
        guard let entry = try await entries.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "time entry") }
        let scope = try await requireVisible(entry, caller: caller, on: tx)
        try Policy.require(caller.actor, .logOwnTime, .ownResource(owner: entry.userID, project: scope), entity: "time entry")
        if let expectedVersion, entry.version != expectedVersion { throw DomainError.versionMismatch }
        try entry.requireEditableByAuthor()
        return entry
    }

    /// Checks that the caller may see `entry` (404 otherwise) and returns its project's scope.
    @discardableResult
    func requireVisible(_ entry: TimeEntry, caller: Caller, on db: some PostgresQueryable) async throws -> ProjectScope {
        guard let scope = try await scopes.scope(entry.projectID, on: db) else { throw DomainError.notFound(entity: "time entry") }
        try Policy.require(caller.actor, .read, .ownResource(owner: entry.userID, project: scope), entity: "time entry")
        guard TimeEntryVisibility.of(caller.actor).includes(owner: entry.userID, project: scope, status: entry.status) else {
            throw DomainError.notFound(entity: "time entry")
        }
        return scope
    }

    /// Refuses a work date further ahead of the author's today than the agency allows.
    func checkNotTooFarAhead(_ date: LocalDate, author: User, on db: some PostgresQueryable) async throws {
        let maxDaysAhead = try await settings.get(on: db).maxDaysAhead
        try WorkDateRules.checkNotTooFarAhead(date, today: WorkDateRules.today(at: clock.now(), timeZone: author.timeZone), maxDaysAhead: maxDaysAhead)
    }

    /// Locks `user`'s day and checks that `minutes` more fit in it (24 hours in total).
    func checkDailyLimit(user: UserID, date: LocalDate, minutes: Int, excluding: TimeEntryID?, on tx: PostgresTransaction) async throws {
        try await entries.lockDays([(user, date)], on: tx)
        let existing = try await entries.minutesLogged(user: user, on: date, excluding: excluding, on: tx)
        try DailyLimit.check(date: date, existingMinutes: existing, newMinutes: minutes)
    }
}
