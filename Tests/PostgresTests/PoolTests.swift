import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct PoolTests {
    @Test func anExhaustedPoolFailsWithALeaseTimeoutInsteadOfHanging() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 1, leaseTimeout: .milliseconds(200))
            let started = ContinuousClock.now
            let error = try await pool.withConnection { _ in
                await #expect(throws: PostgresError.self) { try await pool.execute("SELECT 1") }
            }
            #expect(error?.kind == .poolTimeout)
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(try await pool.execute("SELECT 1") == 1)
            let stats = await pool.statistics()
            #expect(stats.inUse == 0 && stats.waiters == 0 && stats.capacity == 1)
        }
    }

    @Test func waitersGetConnectionsInTurn() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 2)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    group.addTask { try await pool.queryOne("SELECT \(index)::int AS n, pg_sleep(0.005)").decode("n") }
                }
                var seen = Set<Int>()
                for try await value in group { seen.insert(value) }
                #expect(seen == Set(0..<40))
            }
            #expect(await pool.statistics().open <= 2)
        }
    }

    @Test func terminatedBackendsAreReplacedTransparently() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 3)
            // Open three connections and return them to the pool.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { _ = try await pool.execute("SELECT pg_sleep(0.05)") } }
                try await group.waitForAll()
            }
            #expect(await pool.statistics().open == 3)
            let admin = await database.makePool(asOwner: true, size: 1)
            let killed = try await admin.queryOne(
                "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = \(database.name) AND usename = \(TestDatabase.appRole)")
            #expect(try killed.decode("n") == 3)
            try await Task.sleep(for: .milliseconds(100))
            // Every request after the kill succeeds: dead connections are noticed before use.
            for _ in 0..<6 { #expect(try await pool.execute("SELECT 1") == 1) }
        }
    }

    @Test func thePoolRecoversAfterTheServerRestarts() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        try cluster.start()
        let pool = PostgresPool(
            configuration: .init(connectionString: cluster.connectionString, poolSize: 2, leaseTimeout: .seconds(2)),
            logger: TestDatabase.logger)
        #expect(try await pool.execute("SELECT 1") == 1)
        try cluster.stop()
        let down = await #expect(throws: PostgresError.self) { try await pool.execute("SELECT 1") }
        #expect(down?.isConnectionProblem == true)
        try cluster.start()
        // The first request after the server is back succeeds.
        #expect(try await pool.execute("SELECT 1") == 1)
        try await pool.withTransaction { tx in _ = try await tx.execute("SELECT 1") }
        await pool.shutdown()
    }

    @Test func aBrokenConnectionInsideATransactionRetriesOnAFreshOne() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 2)
            let admin = await database.makePool(asOwner: true, size: 1)
            try await admin.execute("CREATE TABLE log (n int)")
            try await admin.execute("GRANT ALL ON log TO \(unsafeRaw: TestDatabase.appRole)")
            let attempts = AttemptCounter()
            try await pool.withTransaction { tx in
                let attempt = await attempts.next()
                try await tx.execute("INSERT INTO log VALUES (\(attempt))")
                if attempt == 1 {
                    // Kill our own backend mid-transaction: nothing was committed, so a retry is safe.
                    try await tx.execute("SELECT pg_terminate_backend(pg_backend_pid())")
                }
            }
            let rows = try await admin.query("SELECT n FROM log") { try $0.decode("n", as: Int.self) }
            #expect(rows == [2])
        }
    }
}

private actor AttemptCounter {
    var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}
