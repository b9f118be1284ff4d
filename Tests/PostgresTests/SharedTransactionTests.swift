import Foundation
import Postgres
import TestSupport
import Testing

/// `PostgresPool.withSharedTransaction`: everything a body does with the pool, directly
/// or through code that opens transactions of its own, commits together or not at all
/// (issue 11 item 1: an idempotency key and the write it answers are one transaction).
@Suite struct SharedTransactionTests {
    /// A pool on a fresh database with a `log` table the application role may write.
    private func withLog(_ body: (PostgresPool, PostgresPool) async throws -> Void) async throws {
        try await TestDatabase.withFresh { database in
            let owner = await database.makePool(asOwner: true, size: 1)
            try await owner.execute("CREATE TABLE log (n int CONSTRAINT log_n_key UNIQUE)")
            try await owner.execute("GRANT ALL ON log TO \(unsafeRaw: TestDatabase.appRole)")
            try await body(await database.makePool(size: 3), owner)
        }
    }

    private func logged(_ pool: PostgresPool) async throws -> [Int] {
        try await pool.query("SELECT n FROM log ORDER BY n") { try $0.decode("n", as: Int.self) }
    }

    @Test func nestedTransactionsAndPlainStatementsCommitOnlyWithTheSharedOne() async throws {
        try await withLog { pool, owner in
            let seenInside = try await pool.withSharedTransaction { tx -> TransactionOutcome<[Int]> in
                try await tx.execute("INSERT INTO log VALUES (1)")
                try await pool.withTransaction { inner in try await inner.execute("INSERT INTO log VALUES (2)") }
                try await pool.execute("INSERT INTO log VALUES (3)")
                // Nothing is visible to another connection before COMMIT.
                #expect(try await logged(owner).isEmpty)
                return .commit(try await logged(pool))
            }
            #expect(seenInside == [1, 2, 3])
            #expect(try await logged(owner) == [1, 2, 3])

            let rolledBack = try await pool.withSharedTransaction { _ -> TransactionOutcome<Int> in
                try await pool.withTransaction { inner in try await inner.execute("INSERT INTO log VALUES (4)") }
                return .rollback(4)
            }
            #expect(rolledBack == 4)
            #expect(try await logged(owner) == [1, 2, 3])
        }
    }

    @Test func aNestedTransactionThatThrowsUndoesOnlyItsOwnStatements() async throws {
        try await withLog { pool, owner in
            try await pool.withSharedTransaction { tx -> TransactionOutcome<Void> in
                try await tx.execute("INSERT INTO log VALUES (1)")
                await #expect(throws: PostgresError.self) {
                    try await pool.withTransaction { inner in
                        try await inner.execute("INSERT INTO log VALUES (2)")
                        try await inner.execute("INSERT INTO log VALUES (1)")  // unique violation
                    }
                }
                try await pool.execute("INSERT INTO log VALUES (3)")
                return .commit(())
            }
            #expect(try await logged(owner) == [1, 3])
        }
    }

    @Test func aFailedStatementTheBodyIgnoredCommitsNothing() async throws {
        try await withLog { pool, owner in
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withSharedTransaction { tx -> TransactionOutcome<Void> in
                    try await tx.execute("INSERT INTO log VALUES (1)")
                    _ = try? await pool.execute("INSERT INTO log VALUES (1)")
                    return .commit(())
                }
            }
            #expect(error?.sqlState == SQLState.inFailedTransaction)
            let rows = try await logged(owner)
            #expect(rows.isEmpty)
        }
    }

    @Test func aConnectionLostBeforeCommitRunsTheWholeBodyAgainEvenWhenCaught() async throws {
        try await withLog { pool, owner in
            let attempts = Attempts()
            try await pool.withSharedTransaction { tx -> TransactionOutcome<Void> in
                let attempt = await attempts.next()
                try await tx.execute("INSERT INTO log VALUES (\(attempt))")
                if attempt == 1 {
                    // The code in between maps the error to something else: the pool still knows.
                    _ = try? await pool.withTransaction { inner in try await inner.execute("SELECT pg_terminate_backend(pg_backend_pid())") }
                }
                return .commit(())
            }
            #expect(await attempts.count == 2)
            #expect(try await logged(owner) == [2])
        }
    }

    @Test func outsideTheBodyAndOnOtherPoolsNothingIsShared() async throws {
        try await withLog { pool, owner in
            let other = try await pool.withSharedTransaction { _ -> TransactionOutcome<Task<Void, any Error>> in
                // The owner's pool is another pool: its statement commits on its own.
                try await owner.execute("INSERT INTO log VALUES (1)")
                // A task that outlives the body inherits its task-local values, but must not
                // use a transaction that has ended.
                let late = Task {
                    try await Task.sleep(for: .milliseconds(200))
                    try await pool.execute("INSERT INTO log VALUES (2)")
                }
                return .rollback(late)
            }
            try await other.value
            #expect(try await logged(owner) == [1, 2])
        }
    }

    @Test func twoStatementsAtOnceOnTheSharedTransactionAreRefused() async throws {
        try await withLog { pool, owner in
            let errors = try await pool.withSharedTransaction { _ -> TransactionOutcome<[PostgresError]> in
                let found = await withTaskGroup(of: PostgresError?.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            do {
                                try await pool.execute("SELECT pg_sleep(0.2)")
                                return nil
                            } catch {
                                return error as? PostgresError
                            }
                        }
                    }
                    var found: [PostgresError] = []
                    for await error in group { if let error { found.append(error) } }
                    return found
                }
                return .rollback(found)
            }
            #expect(errors.map(\.kind) == [.misuse])
        }
    }
}

private actor Attempts {
    private(set) var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}
