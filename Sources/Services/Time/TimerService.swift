public import Domain
import Foundation
public import Postgres
import Storage

/// The running timer (issue 19 item 2), one per person, kept in the database so it
/// survives a reload and follows the person to another device. Starting checks what
/// logging checks (an active project the person belongs to, a task of it); stopping
/// logs the time through ``TimeEntryService/create(_:caller:)`` — the same rules (the
/// daily limit, how far ahead, billable) and the same audit as any entry — and removes
/// the timer in the same transaction, so a refused entry leaves the timer running.
public struct TimerService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let time: TimeEntryService
    let timers = RunningTimerStore()
    let targets = LoggingTargetStore()

    public init(pool: PostgresPool, clock: any WallClock, time: TimeEntryService) {
        self.pool = pool
        self.clock = clock
        self.time = time
    }

    /// What a timer is started on.
    public struct Start: Sendable {
        public var projectID: ProjectID
        public var taskID: TaskID
        public var note: String

        public init(projectID: ProjectID, taskID: TaskID, note: String = "") {
            self.projectID = projectID
            self.taskID = taskID
            self.note = note
        }
    }

    /// A timer is one's own, like one's week: client contacts have none.
    func requireOwnTime(_ caller: Caller) throws {
        try Policy.require(caller.actor, .submitOwnWeek, .user(caller.user.id))
    }

    /// The caller's running timer, nil when none runs.
    public func current(caller: Caller) async throws -> RunningTimer? {
        try requireOwnTime(caller)
        return try await timers.find(user: caller.user.id, on: pool)
    }

    /// Starts the caller's timer now; refused (409) while one already runs.
    public func start(_ start: Start, caller: Caller) async throws -> RunningTimer {
        try requireOwnTime(caller)
        let note = try TimeEntry.validNote(start.note)
        return try await pool.withTransaction { tx in
            guard let target = try await targets.target(project: start.projectID, task: start.taskID, on: tx) else {
                throw DomainError.notFound(entity: "project")
            }
            try Policy.require(caller.actor, .logOwnTime, .project(target.project))
            _ = try target.check(author: caller.user.id, requestedBillable: nil)
            let timer = RunningTimer(
                userID: caller.user.id, projectID: start.projectID, taskID: start.taskID, note: note, startedAt: clock.now())
            guard try await timers.insert(timer, on: tx) else {
                throw DomainError.conflict("Your timer is already running: stop or discard it before starting another.")
            }
            return timer
        }
    }

    /// Stops the caller's timer: its time becomes an open entry on the day it started.
    public func stop(caller: Caller) async throws -> TimeEntry {
        try requireOwnTime(caller)
        return try await pool.withSharedTransaction { tx in
            guard let timer = try await timers.take(user: caller.user.id, on: tx) else {
                throw DomainError.notFound(entity: "running timer")
            }
            let draft = TimeEntryDraft(
                projectID: timer.projectID, taskID: timer.taskID, workDate: timer.workDate(timeZone: caller.user.timeZone),
                minutes: timer.minutes(at: clock.now()), note: timer.note)
            return .commit(try await time.create(draft, caller: caller))
        }
    }

    /// Throws the caller's timer away, logging nothing.
    public func discard(caller: Caller) async throws {
        try requireOwnTime(caller)
        guard try await timers.take(user: caller.user.id, on: pool) != nil else {
            throw DomainError.notFound(entity: "running timer")
        }
    }
}
