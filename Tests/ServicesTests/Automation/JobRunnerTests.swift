import Domain
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Services
import Storage
import Synchronization
import TestSupport
import Testing

/// The job runner's guarantees against a real PostgreSQL: each due run happens once
/// across instances, a crash mid-run leaves the job to another instance, failures are
/// recorded and retried, schedules move on.
@Suite struct JobRunnerTests {
    /// Counts runs and who made them; optionally holds each run until released.
    final class RunLog: Sendable {
        private let state = Mutex<(runs: [String], hold: Bool)>(([], false))
        let started = AsyncStream<Void>.makeStream()
        let release = AsyncStream<Void>.makeStream()

        init(hold: Bool = false) { state.withLock { $0.hold = hold } }

        var runs: [String] { state.withLock { $0.runs } }

        func job(name: String, schedule: JobSchedule = .every(.seconds(600)), runner: String, pause: Duration = .zero) -> ClosureJob {
            ClosureJob(name: name, schedule: schedule) { _ in
                self.state.withLock { $0.runs.append(runner) }
                self.started.continuation.yield()
                if self.state.withLock({ $0.hold }) {
                    for await _ in self.release.stream { break }
                }
                if pause > .zero { try await Task.sleep(for: pause) }
            }
        }
    }

    static let logger = Logger(label: "test.jobs")

    @Test func twoRunnersOnOneDatabaseRunEachDueJobOnce() async throws {
        try await TestDatabase.withFresh { database in
            let clock = TestClock()
            let log = RunLog()
            let first = JobRunner(
                pool: await database.makePool(), clock: clock,
                registry: JobRegistry([log.job(name: "count", runner: "a", pause: .milliseconds(300))]), instance: "a", logger: Self.logger)
            let second = JobRunner(
                pool: await database.makePool(), clock: clock,
                registry: JobRegistry([log.job(name: "count", runner: "b", pause: .milliseconds(300))]), instance: "b", logger: Self.logger)

            async let a = first.runDueJobs()
            async let b = second.runDueJobs()
            let ran = try await a + b
            #expect(ran == ["count"])
            #expect(log.runs.count == 1)

            // Not due again before its interval; due once after it, whichever instance looks.
            clock.advance(by: .seconds(599))
            #expect(try await first.runDueJobs().isEmpty)
            #expect(try await second.runDueJobs().isEmpty)
            clock.advance(by: .seconds(1))
            async let c = first.runDueJobs()
            async let d = second.runDueJobs()
            #expect(try await c + d == ["count"])
            #expect(log.runs.count == 2)

            let pool = await database.makePool()
            let row = try await pool.queryOne("SELECT runs, last_outcome, next_run_at FROM jobs WHERE name = 'count'")
            #expect(try row.decode("runs", as: Int64.self) == 2)
            #expect(try row.decode("last_outcome", as: String.self) == "succeeded")
            #expect(try row.decode("next_run_at", as: Date.self) == clock.now().addingTimeInterval(600))
        }
    }

    @Test func aCrashMidRunLeavesTheJobToAnotherInstance() async throws {
        try await TestDatabase.withFresh { database in
            let clock = TestClock()
            let held = RunLog(hold: true)
            let free = RunLog()
            let crashing = JobRunner(
                pool: await database.makePool(), clock: clock, registry: JobRegistry([held.job(name: "crashy", runner: "a")]), instance: "a",
                logger: Self.logger)
            let survivor = JobRunner(
                pool: await database.makePool(), clock: clock, registry: JobRegistry([free.job(name: "crashy", runner: "b")]), instance: "b",
                logger: Self.logger)

            let run = Task { try await crashing.runDueJobs() }
            for await _ in held.started.stream { break }
            // While A runs it, B skips it (the row is locked)...
            #expect(try await survivor.runDueJobs().isEmpty)
            // ...then A's process dies: its connection drops and PostgreSQL rolls the claim back.
            let owner = await database.makePool(asOwner: true)
            let killed = try await owner.queryOne(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = 'sheaf-job:crashy'")
            #expect(try killed.decode("n", as: Int64.self) == 1)
            held.release.continuation.yield()
            await #expect(throws: (any Error).self) { try await run.value }

            // The job is still due: B runs it, once.
            #expect(try await survivor.runDueJobs() == ["crashy"])
            #expect(held.runs == ["a"] && free.runs == ["b"])
            let row = try await owner.queryOne("SELECT runs, last_runner FROM jobs WHERE name = 'crashy'")
            #expect(try row.decode("runs", as: Int64.self) == 1)
            #expect(try row.decode("last_runner", as: String.self) == "b")
        }
    }

    @Test func aFailedRunIsRecordedAndTriedAgainSoon() async throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "receiver unreachable" } }
        try await TestDatabase.withFresh { database in
            let clock = TestClock()
            let pool = await database.makePool()
            let job = ClosureJob(name: "broken", schedule: .daily(hour: 6, minute: 0, timeZone: TimeZone(identifier: "UTC")!)) { _ in throw Broken() }
            let runner = JobRunner(pool: pool, clock: clock, registry: JobRegistry([job]), instance: "a", logger: Self.logger)
            // A daily job is first due at its next time of day, not at registration.
            #expect(try await runner.runDueJobs().isEmpty)
            let first = try await pool.queryOne("SELECT next_run_at FROM jobs WHERE name = 'broken'").decode("next_run_at", as: Date.self)
            #expect(first > clock.now())
            clock.advance(by: .seconds(Int64(first.timeIntervalSince(clock.now()))))
            #expect(try await runner.runDueJobs() == ["broken"])
            let row = try await pool.queryOne("SELECT last_outcome, last_error, next_run_at FROM jobs WHERE name = 'broken'")
            #expect(try row.decode("last_outcome", as: String.self) == "failed")
            #expect(try row.decode("last_error", as: String.self) == "receiver unreachable")
            #expect(try row.decode("next_run_at", as: Date.self) == clock.now().addingTimeInterval(300))
        }
    }

    @Test func aGracefulShutdownWaitsForTheRunningJob() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let log = RunLog(hold: true)
            let runner = JobRunner(
                pool: pool, clock: TestClock(), registry: JobRegistry([log.job(name: "long", runner: "a", pause: .milliseconds(500))]),
                tick: .milliseconds(50), instance: "a", logger: Self.logger)
            let group = ServiceGroup(services: [runner], logger: Self.logger)
            let running = Task { try await group.run() }
            for await _ in log.started.stream { break }
            // SIGTERM arrives while the job runs: the runner lets it finish, then stops.
            await group.triggerGracefulShutdown()
            log.release.continuation.yield()
            try await running.value
            let row = try await pool.queryOne("SELECT runs, last_outcome FROM jobs WHERE name = 'long'")
            #expect(try row.decode("runs", as: Int64.self) == 1)
            #expect(try row.decode("last_outcome", as: String.self) == "succeeded")
        }
    }

    @Test func schedulesFindTheirNextTime() throws {
        let utc = TimeZone(identifier: "UTC")!
        // 2026-12-07 is a Monday.
        let monday = try #require(ISO8601DateFormatter().date(from: "2026-12-07T10:30:00Z"))
        #expect(JobSchedule.every(.seconds(60)).next(after: monday) == monday.addingTimeInterval(60))
        #expect(
            JobSchedule.daily(hour: 6, minute: 0, timeZone: utc).next(after: monday)
                == ISO8601DateFormatter().date(from: "2026-12-08T06:00:00Z"))
        #expect(
            JobSchedule.weekly(weekday: 2, hour: 8, minute: 0, timeZone: utc).next(after: monday)
                == ISO8601DateFormatter().date(from: "2026-12-14T08:00:00Z"))
        // A runner that was down for three days runs once, not once per missed day.
        let daily = JobSchedule.daily(hour: 6, minute: 0, timeZone: utc)
        let due = try #require(ISO8601DateFormatter().date(from: "2026-12-04T06:00:00Z"))
        #expect(daily.next(afterDue: due, now: monday) == ISO8601DateFormatter().date(from: "2026-12-08T06:00:00Z"))
    }
}
