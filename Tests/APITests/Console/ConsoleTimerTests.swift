import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The running timer through the console's forms (issue 19 item 2), each action checked
/// in the database.
@Suite struct ConsoleTimerTests {
    func timer(of user: UserID, pool: PostgresPool) async throws -> (note: String, task: UUID)? {
        try await pool.queryOptional("SELECT note, task_id FROM running_timers WHERE user_id = \(user)").map {
            (try $0.decode("note", as: String.self), try $0.decode("task_id", as: UUID.self))
        }
    }

    /// The day `user`'s running timer started, in their time zone: the day its entry is logged on.
    func startDay(of user: User, pool: PostgresPool) async throws -> LocalDate {
        let startedAt: Date = try await pool.queryOne("SELECT started_at FROM running_timers WHERE user_id = \(user.id)").decode("started_at")
        return LocalDate.of(startedAt, timeZone: user.timeZone)
    }

    func entries(of project: ProjectID, pool: PostgresPool) async throws -> [(minutes: Int, note: String, date: LocalDate)] {
        try await pool.query(
            "SELECT minutes, note, work_date FROM time_entries WHERE project_id = \(project) AND work_date > '2026-04-06' ORDER BY created_at"
        ) { (try $0.decode("minutes"), try $0.decode("note"), try $0.decode("work_date")) }
    }

    @Test func aCollaboratorStartsATimerStopsItAndFindsTheEntryOnTheirWeek() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let member = fixture.world.member
            let target = try await fixture.timerTarget(for: .member, running: false)
            var browser = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let idle = try await browser.request(.get, "/app/timer")
            #expect(idle.status == .ok)
            #expect(idle.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(idle.text.contains(#"value="\#(target.project).\#(target.task.uuidString.lowercased())""#))

            let started = try await browser.submit("/app/timer", [("task", "\(target.project).\(target.task)"), ("note", "Call with the client")], tokenFrom: "/app/timer")
            #expect(started == "/app/timer")
            #expect(try await timer(of: member.id, pool: fixture.pool)?.note == "Call with the client")
            #expect(try await timer(of: member.id, pool: fixture.pool)?.task == target.task)
            // It survives a reload: the page shows it running, with its start for the clock.
            let running = try await browser.page("/app/timer")
            #expect(running.contains("Call with the client") && running.contains(#"role="timer" data-started=""#))
            #expect(running.contains(#"<script src="/app/assets/console-timer.js" defer></script>"#))
            // A second start is refused with the reason, the first timer kept.
            try await browser.submit("/app/timer", [("task", "\(target.project).\(target.task)"), ("note", "Other")], tokenFrom: "/app/timer")
            #expect(try await browser.flash(at: "/app/timer").contains("already running"))
            #expect(try await timer(of: member.id, pool: fixture.pool)?.note == "Call with the client")

            // A forged token stops nothing.
            let forged = try await browser.request(.post, "/app/timer/stop", form: [("csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(try await timer(of: member.id, pool: fixture.pool) != nil)

            try await fixture.pool.execute("UPDATE running_timers SET started_at = now() - interval '45 minutes' WHERE user_id = \(member.id)")
            // The entry goes on the day the timer started: in the first 45 minutes of a
            // day that is yesterday, so the day is read from the start, never from now.
            let day = try await startDay(of: member, pool: fixture.pool)
            let stopped = try await browser.submit("/app/timer/stop", [], tokenFrom: "/app/timer")
            #expect(stopped == "/app/week?date=\(day)")
            #expect(try await browser.flash(at: stopped).contains("0:45"))
            let logged = try await entries(of: target.project, pool: fixture.pool)
            #expect(logged.map(\.minutes) == [45])
            #expect(logged.first?.note == "Call with the client")
            #expect(logged.first?.date == day)
            #expect(try await timer(of: member.id, pool: fixture.pool) == nil)
            #expect(try await browser.page(stopped).contains("Call with the client"))

            // Started again and discarded: nothing more is logged.
            try await browser.submit("/app/timer", [("task", "\(target.project).\(target.task)"), ("note", "Oops")], tokenFrom: "/app/timer")
            #expect(try await timer(of: member.id, pool: fixture.pool)?.note == "Oops")
            try await browser.submit("/app/timer/discard", [], tokenFrom: "/app/timer")
            #expect(try await timer(of: member.id, pool: fixture.pool) == nil)
            #expect(try await entries(of: target.project, pool: fixture.pool).count == 1)
            try await browser.submit("/app/timer/discard", [], tokenFrom: "/app/timer")
            #expect(try await browser.flash(at: "/app/timer").contains("No timer is running."))
        }
    }

    @Test func aStopOverTheDailyLimitIsRefusedAndTheTimerKeepsRunning() async throws {
        try await ConsoleTestApp.with { fixture, client in
            let member = fixture.world.member
            let target = try await fixture.timerTarget(for: .member, running: true)
            let day = try await startDay(of: member, pool: fixture.pool)
            try await fixture.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
                VALUES (\(TimeEntryID.random()), \(member.id), \(target.project), \(target.task), \(day), 1430, true, 'open')
                """)
            var browser = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let back = try await browser.submit("/app/timer/stop", [], tokenFrom: "/app/timer")
            #expect(back == "/app/timer")
            #expect(try await browser.flash(at: "/app/timer").contains("flash-error"))
            #expect(try await entries(of: target.project, pool: fixture.pool).map(\.minutes) == [1430])
            #expect(try await timer(of: member.id, pool: fixture.pool) != nil)
        }
    }
}
