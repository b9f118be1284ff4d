import API
import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 14 items 1, 5–7 with real `sheaf serve` processes on one database: the reminders,
/// progress summaries and Monday nudges are each delivered exactly once — by two
/// processes running side by side, and after processes are killed (SIGKILL) in the
/// middle of those jobs, with their sendmail hung.
///
/// The processes run on Monday 2026-12-21 by libfaketime (Debian's `faketime`, preloaded,
/// an offset on every clock: sleeping breaks when the monotonic clock is left alone), so
/// the weekly jobs are due; their
/// sendmail is the test's msmtp to an aiosmtpd sink. A preloaded shell execs `sheaf`: the
/// shell's libfaketime sets up the shared clock (`FAKETIME_SHARED`), so sheaf's own does
/// not add to its environment at startup, which would hide its arguments from Swift.
@Suite("Automation jobs across sheaf serve processes", .serialized)
struct JobProcessesTests {
    /// Two of each: invoices whose −3 reminder is due, weekly-summary projects, short-logged users.
    struct Work {
        let invoices: [String]
        let projects: [ProjectID]
        let users: [String]
    }

    static func seed(_ world: AutomationWorld) async throws -> Work {
        try await world.pool.execute("UPDATE users SET weekly_nudges = false")
        try await world.billingContact("Ada Payables", email: "ap@client.example")
        var invoices: [String] = []
        for net in [100_000, 200_000] {
            let invoice = try await world.issuedInvoice(netMinor: net, issued: "2026-12-10", due: "2026-12-24")
            invoices.append(try #require(invoice["id"] as? String))
        }
        var projects: [ProjectID] = []
        for code in ["SUM-A", "SUM-B"] {
            let id = ProjectID.random()
            try await world.pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, summary_frequency)
                VALUES (\(id), \(world.people.clientID), \(world.people.teamID), \(code), \(code), 'time_and_materials', 'EUR', 'weekly')
                """)
            projects.append(id)
        }
        let users = ["nudge-a@agency.test", "nudge-b@agency.test"]
        for email in users {
            try await world.pool.execute(
                """
                INSERT INTO users (id, email, name, role, password_hash, weekly_target_minutes)
                VALUES (\(UserID.random()), \(email), \(email), 'member', 'x', 2280)
                """)
        }
        // Every job of `sheaf serve` due a minute before the processes start: each process
        // finds them all due on its first pass, whichever registered first.
        let names = TestApp.environment(pool: world.pool).jobs.names
        try await world.pool.execute(
            "INSERT INTO jobs (name, next_run_at) SELECT unnest(\(names)::text[]), '2026-12-21 07:59:00+00' ON CONFLICT (name) DO NOTHING")
        return Work(invoices: invoices, projects: projects, users: users)
    }

    /// libfaketime's preload library, or nil when Debian's `faketime` is not installed.
    static func fakeTimeLibrary() -> String? {
        let candidates = ["x86_64-linux-gnu", "aarch64-linux-gnu"].map { "/usr/lib/\($0)/faketime/libfaketime.so.1" }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `sheaf serve` whose clock starts at `fakeNow` (ISO 8601, UTC) and runs on, with `sendmail`.
    /// (An offset from the real clock: libfaketime's absolute `@` start restarts in every
    /// process and stands still once the shared clock is set up.)
    static func serve(_ database: String, fakeNow: String, sendmail: String) async throws -> SheafServerProcess {
        let library = try #require(fakeTimeLibrary(), "libfaketime is missing: scripts/test installs Debian's faketime")
        let start = try #require(ISO8601DateFormatter().date(from: fakeNow))
        let offset = Int(start.timeIntervalSinceNow.rounded())
        return try await SheafServerProcess.start(
            databaseURL: database, poolSize: 4,
            extra: [
                "LD_PRELOAD": library, "FAKETIME": offset < 0 ? "\(offset)" : "+\(offset)", "TZ": "UTC",
                "SHEAF_SENDMAIL": sendmail, "SHEAF_LOG_LEVEL": "info",
            ], launcher: ["/bin/sh", "-c", #"exec "$0" "$@""#])
    }

    /// Two processes side by side, from the same instant (every job due in both at once),
    /// until the jobs made the two reminders, summaries and nudges; then stopped with SIGTERM
    /// (which waits for their deliveries in flight). Then two more, ten fake minutes later,
    /// deliver what is left. (Under libfaketime the runner's sleeps never end — timers read
    /// a clock it does not move the same way — so each process makes one pass of each loop:
    /// hence a second pair for the deliveries the first pair's jobs queued.)
    static func runTwoByTwo(_ database: String, at fakeNow: String, then deliverAt: String, sendmail: String, world: AutomationWorld)
        async throws -> [SheafServerProcess]
    {
        async let first = Self.serve(database, fakeNow: fakeNow, sendmail: sendmail)
        async let second = Self.serve(database, fakeNow: fakeNow, sendmail: sendmail)
        let jobs = try await [first, second]
        defer { for server in jobs { removeSharedClock(of: server) } }
        try await waitUntil("the jobs made every reminder, summary and nudge", logs: jobs, pool: world.pool) {
            let reminders = try await world.count("invoice_reminders", where: "status = 'sent'")
            let summaries = try await world.count("project_summaries")
            let nudges = try await world.count("team_nudges")
            return [reminders, summaries, nudges] == [2, 2, 2]
        }
        for server in jobs { #expect(server.process.send(SIGTERM)) }
        for server in jobs {
            let termination = await server.process.wait(timeout: .seconds(20))
            #expect(termination == .exited(0), "\(server.log)")
        }
        async let third = Self.serve(database, fakeNow: deliverAt, sendmail: sendmail)
        async let fourth = Self.serve(database, fakeNow: deliverAt, sendmail: sendmail)
        return jobs + (try await [third, fourth])
    }

    /// ``runTwoByTwo(_:at:then:sendmail:world:)`` with the sink's sendmail, then
    /// ``expectEachOnce(_:_:_:logs:)``; stops the processes whatever happens.
    static func deliverEachOnce(_ sink: SMTPSink, _ work: Work, _ world: AutomationWorld, at: String, then: String) async throws {
        let servers = try await runTwoByTwo(
            world.connectionString, at: at, then: then, sendmail: sink.transport.command.joined(separator: " "), world: world)
        defer {
            for server in servers {
                server.stop()
                removeSharedClock(of: server)
            }
        }
        try await expectEachOnce(sink, work, world, logs: servers)
    }

    /// Exactly the six expected messages, each once: two reminders, two summaries, two nudges.
    static func expectEachOnce(_ sink: SMTPSink, _ work: Work, _ world: AutomationWorld, logs: [SheafServerProcess]) async throws {
        let received = try await sink.waitForMessages(6, timeout: .seconds(60))
        // Two more dispatcher ticks: nothing else may arrive.
        try await Task.sleep(for: .seconds(5))
        let messages = try sink.received()
        let deliveries = try await world.pool.query(
            """
            SELECT target || ' ' || status || ' attempts=' || attempts || ' next=' || COALESCE(next_attempt_at::text, '-') || ' '
                   || COALESCE(last_error, '') AS line
            FROM outbox_deliveries ORDER BY created_at
            """
        ) { try $0.decode("line", as: String.self) }
        let jobs = try await world.pool.query(
            "SELECT name || ' next=' || COALESCE(next_run_at::text, '-') || ' ' || COALESCE(last_error, '') || ' ' || COALESCE(last_runner, '') AS line FROM jobs"
        ) { try $0.decode("line", as: String.self) }
        let logText = (deliveries + jobs).joined(separator: "\n") + "\n" + logs.map(\.log).joined(separator: "\n")
        #expect(received.count >= 6)
        #expect(messages.count == 6, "\(messages.map { "\($0.recipients) \($0.headers["Subject"] ?? "")" })\n\(logText)")
        let ids = messages.compactMap { message in message.headers.first { $0.key.lowercased() == "message-id" }?.value }
        #expect(ids.count == 6 && Set(ids).count == 6, "Message-IDs: \(ids)")
        let recipients = messages.map { $0.recipients.joined(separator: ",") }.sorted()
        #expect(recipients == ["ap@client.example", "ap@client.example", "ap@client.example", "ap@client.example"] + work.users)
        for (table, condition) in [
            ("invoice_reminders", "status = 'sent'"), ("project_summaries", "true"), ("team_nudges", "true"),
        ] {
            let count = try await world.count(table, where: condition)
            #expect(count == 2, "\(table): \(count)")
        }
        let delivered = try await world.pool.queryOne(
            "SELECT count(*)::int AS n FROM outbox_deliveries WHERE channel = 'email' AND status = 'succeeded'"
        ).decode("n", as: Int.self)
        #expect(delivered == 6)
    }

    @Test func twoProcessesOnOneDatabaseSendEachReminderSummaryAndNudgeOnce() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        try await AutomationWorld.with { world in
            let work = try await Self.seed(world)
            try await Self.deliverEachOnce(sink, work, world, at: "2026-12-21T08:00:00Z", then: "2026-12-21T08:10:00Z")
        }
    }

    @Test func processesKilledMidJobWithSendmailHungLeaveTheRestToOthersAndNothingTwice() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        // A sendmail that never answers (within the test): the killed processes' deliveries hang.
        let hung = FileManager.default.temporaryDirectory.appending(path: "sheaf-hung-sendmail-\(UUID().uuidString.prefix(8)).sh")
        try "#!/bin/sh\ncat >/dev/null\nexec sleep 40\n".write(to: hung, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hung.path)
        defer { try? FileManager.default.removeItem(at: hung) }
        try await AutomationWorld.with { world in
            let work = try await Self.seed(world)
            let database = world.connectionString
            // The second item of each job in the jobs' own order: the one a process blocks on.
            let lastInvoice: InvoiceID = try await world.pool.queryOne(
                "SELECT id FROM invoices WHERE kind <> 'credit_note' AND issue_date IS NOT NULL ORDER BY due_date DESC, id DESC LIMIT 1"
            ).decode("id")
            let lastProject: ProjectID = try await world.pool.queryOne(
                "SELECT id FROM projects WHERE summary_frequency = 'weekly' ORDER BY id DESC LIMIT 1").decode("id")
            let lastUser: UserID = try await world.pool.queryOne("SELECT id FROM users WHERE email = 'nudge-b@agency.test'").decode("id")
            var killed: [SheafServerProcess] = []
            defer {
                for server in killed {
                    server.stop()
                    Self.removeSharedClock(of: server)
                }
            }
            try await world.pool.withConnection { blocker in
                try await blocker.execute("BEGIN")
                try await blocker.execute("SELECT id FROM invoices WHERE id = \(lastInvoice) FOR UPDATE")
                try await blocker.execute(
                    """
                    INSERT INTO project_summaries (project_id, period_kind, period_from, period_to, event_id, created_at)
                    VALUES (\(lastProject), 'week', '2026-12-14', '2026-12-20', \(UUID()), now())
                    """)
                try await blocker.execute(
                    "INSERT INTO team_nudges (user_id, week_from, event_id, created_at) VALUES (\(lastUser), '2026-12-14', \(UUID()), now())")
                // Each process runs its jobs in order and blocks in the first of the three that
                // no other process holds, after the job committed its first item.
                for count in 1...3 {
                    killed.append(try await Self.serve(database, fakeNow: "2026-12-21T08:00:00Z", sendmail: hung.path))
                    try await Self.waitUntil("\(count) processes wait on the test's locks", logs: killed, pool: world.pool) {
                        try await world.pool.queryOne(
                            """
                            SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                            WHERE NOT l.granted AND a.datname = current_database()
                            """
                        ).decode("n", as: Int.self) >= count
                    }
                }
                // Each job committed its first item and holds the second.
                #expect(try await world.count("invoice_reminders") == 1)
                for server in killed {
                    #expect(server.process.send(SIGKILL))
                    _ = await server.process.wait(timeout: .seconds(10))
                }
                try await blocker.execute("ROLLBACK")
            }
            for server in killed { server.stop() }
            #expect(try await world.count("invoice_reminders") == 1)
            #expect(try await world.count("project_summaries") == 1)
            #expect(try await world.count("team_nudges") == 1)
            #expect(try sink.received().isEmpty)

            // An hour later (the killed dispatchers' 120 s leases are over), two others take over.
            try await Self.deliverEachOnce(sink, work, world, at: "2026-12-21T09:00:00Z", then: "2026-12-21T09:10:00Z")
        }
    }

    /// The shared-memory clock the launching shell's libfaketime left behind (it exec'd).
    static func removeSharedClock(of server: SheafServerProcess) {
        for name in ["faketime_shm_\(server.process.pid)", "sem.faketime_sem_\(server.process.pid)"] {
            try? FileManager.default.removeItem(atPath: "/dev/shm/\(name)")
        }
    }

    static func waitUntil(
        _ what: String, logs: [SheafServerProcess], pool: PostgresPool, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !(try await condition()) {
            guard ContinuousClock.now < deadline else {
                let sessions = try await pool.query(
                    """
                    SELECT pid, application_name, state, wait_event_type, wait_event, left(query, 160) AS query FROM pg_stat_activity
                    WHERE datname = current_database()
                    """
                ) { row in
                    "\(try row.decode("pid", as: Int32.self)) \(try row.decode("application_name", as: String?.self) ?? "") "
                        + "\(try row.decode("state", as: String?.self) ?? "") \(try row.decode("wait_event_type", as: String?.self) ?? "")/"
                        + "\(try row.decode("wait_event", as: String?.self) ?? ""): \(try row.decode("query", as: String?.self) ?? "")"
                }
                Issue.record("timed out waiting until \(what)\n\(sessions.joined(separator: "\n"))\n\(logs.map(\.log).joined(separator: "\n"))")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
