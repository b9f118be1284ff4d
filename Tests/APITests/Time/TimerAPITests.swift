import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// `/api/v1/me/timer` (issue 19 item 2): one running timer per person, kept in the
/// database; stopping it logs an entry through the rules of `POST /time-entries`.
@Suite struct TimerAPITests {
    func timers(_ world: TimeAPIWorld, _ who: RoleWorld.Who) async throws -> Int {
        try await world.pool.queryOne("SELECT count(*)::integer AS n FROM running_timers WHERE user_id = \(world.user(who))").decode("n")
    }

    func entries(_ world: TimeAPIWorld, note: String) async throws -> [(minutes: Int, date: LocalDate, status: String)] {
        try await world.pool.query(
            "SELECT minutes, work_date, status FROM time_entries WHERE user_id = \(world.user(.member)) AND note = \(note) ORDER BY created_at"
        ) { (try $0.decode("minutes"), try $0.decode("work_date"), try $0.decode("status")) }
    }

    func startBody(_ world: TimeAPIWorld, note: String) -> String {
        #"{"project_id":"\#(world.projectID)","task_id":"\#(world.designTaskID)","note":"\#(note)"}"#
    }

    @Test func startReadStopLogsTheTimeItRanOnTheDayItStarted() async throws {
        try await withTimeApp { (world, client) async throws in
            let token = world.token(.member)
            let idle = try await client.call(.get, "/api/v1/me/timer", token: token)
            #expect(idle.status == .ok)
            #expect(try idle.object()["running"] as? Bool == false)
            #expect(try idle.object()["project_id"] == nil)

            let started = try await client.call(.post, "/api/v1/me/timer", token: token, body: startBody(world, note: "Wireframes"))
            #expect(started.status == .created)
            #expect(try started.object()["running"] as? Bool == true)
            #expect(try started.object()["minutes"] as? Int == 1)
            // A second timer while one runs: 409, and the first one is kept as it was.
            let again = try await client.call(.post, "/api/v1/me/timer", token: token, body: startBody(world, note: "Other"))
            #expect(again.status == .conflict)
            #expect(
                try await world.pool.queryOne("SELECT note FROM running_timers WHERE user_id = \(world.user(.member))").decode("note", as: String.self)
                    == "Wireframes")

            // It ran 1 h 29 min 40 s (another device reads the same timer from the server).
            try await world.pool.execute(
                "UPDATE running_timers SET started_at = now() - interval '89 minutes 40 seconds' WHERE user_id = \(world.user(.member))")
            let running = try await client.call(.get, "/api/v1/me/timer", token: token)
            #expect(try running.object()["minutes"] as? Int == 90)
            #expect(try running.object()["task_id"] as? String == world.designTaskID.description)
            let startedAt: Date = try await world.pool.queryOne("SELECT started_at FROM running_timers WHERE user_id = \(world.user(.member))")
                .decode("started_at")

            let stopped = try await client.call(.post, "/api/v1/me/timer/stop", token: token)
            #expect(stopped.status == .created)
            #expect(try stopped.object()["minutes"] as? Int == 90)
            #expect(stopped.headers[.location]?.hasPrefix("/api/v1/time-entries/") == true)
            let logged = try await entries(world, note: "Wireframes")
            #expect(logged.count == 1)
            #expect(logged.first?.minutes == 90)
            #expect(logged.first?.status == "open")
            #expect(logged.first?.date == LocalDate.of(startedAt, timeZone: world.roles.member.timeZone))
            #expect(try await timers(world, .member) == 0)

            // Nothing runs any more: stopping or discarding is 404.
            #expect(try await client.call(.post, "/api/v1/me/timer/stop", token: token).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/me/timer", token: token).status == .notFound)
        }
    }

    @Test func theDailyLimitRefusesTheEntryAndKeepsTheTimerUntilItIsDiscarded() async throws {
        try await withTimeApp { (world, client) async throws in
            let token = world.token(.member)
            #expect(try await client.call(.post, "/api/v1/me/timer", token: token, body: startBody(world, note: "Late")).status == .created)
            try await world.pool.execute("UPDATE running_timers SET started_at = now() - interval '20 minutes' WHERE user_id = \(world.user(.member))")
            // The day is full on the day the timer started (yesterday in a day's first 20 minutes).
            let startedAt: Date = try await world.pool.queryOne("SELECT started_at FROM running_timers WHERE user_id = \(world.user(.member))")
                .decode("started_at")
            try await world.insertEntry(LocalDate.of(startedAt, timeZone: world.roles.member.timeZone).description, minutes: 1430)

            let refused = try await client.call(.post, "/api/v1/me/timer/stop", token: token)
            #expect(refused.status == .unprocessableContent)
            #expect(try await entries(world, note: "Late").isEmpty)
            #expect(try await timers(world, .member) == 1)

            #expect(try await client.call(.delete, "/api/v1/me/timer", token: token).status == .noContent)
            #expect(try await timers(world, .member) == 0)
            #expect(try await entries(world, note: "Late").isEmpty)
        }
    }

    @Test func aTimerStartsOnlyWhereItsPersonMayLogTime() async throws {
        try await withTimeApp { (world, client) async throws in
            let token = world.token(.member)
            // Not a member of the project: 403; an unknown project: 404; a long note: 422.
            let elsewhere = try await world.newProject(members: [.manager])
            let notMine = #"{"project_id":"\#(elsewhere.project)","task_id":"\#(elsewhere.task)"}"#
            #expect(try await client.call(.post, "/api/v1/me/timer", token: token, body: notMine).status == .forbidden)
            let unknown = #"{"project_id":"\#(ProjectID.random())","task_id":"\#(world.designTaskID)"}"#
            #expect(try await client.call(.post, "/api/v1/me/timer", token: token, body: unknown).status == .notFound)
            let long = try await client.call(
                .post, "/api/v1/me/timer", token: token, body: startBody(world, note: String(repeating: "x", count: 2001)))
            #expect(long.status == .unprocessableContent)
            #expect(try await timers(world, .member) == 0)
            // A client contact has no timer.
            #expect(try await client.call(.get, "/api/v1/me/timer", token: world.token(.client)).status == .forbidden)
        }
    }

    @Test func twoStopsAtOnceLogOneEntry() async throws {
        try await withTimeApp { (world, client) async throws in
            let token = world.token(.member)
            #expect(try await client.call(.post, "/api/v1/me/timer", token: token, body: startBody(world, note: "Race")).status == .created)
            async let first = client.call(.post, "/api/v1/me/timer/stop", token: token)
            async let second = client.call(.post, "/api/v1/me/timer/stop", token: token)
            let statuses = [try await first.status, try await second.status].map(\.code).sorted()
            #expect(statuses == [201, 404])
            #expect(try await entries(world, note: "Race").count == 1)
            #expect(try await timers(world, .member) == 0)
        }
    }
}
