import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// "In progress" is the lock of the transaction that runs the request, not a stored
/// state (issue 11 item 1): a transaction that ends in any way frees its key.
@Suite struct IdempotencyServiceTests {
    private func service(_ pool: PostgresPool) -> IdempotencyService {
        IdempotencyService(pool: pool, secret: Array(repeating: 7, count: 32))
    }

    private func kept(_ text: String) -> KeptResponse {
        KeptResponse(status: 201, contentType: "application/json", location: nil, etag: nil, body: Data(text.utf8))
    }

    @Test func aKeyIsInProgressOnlyWhileItsTransactionRuns() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 4)
            let idempotency = service(pool)
            let user = UserID.random()
            let request = Data("POST /things\n{}".utf8)
            let (started, startedContinuation) = AsyncStream<Void>.makeStream()
            let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
            let first = Task {
                let _: IdempotencyOutcome<String> = try await idempotency.perform(user: user, key: "k", request: request) {
                    startedContinuation.yield()
                    for await _ in release { break }
                    throw Interrupted()  // the request dies: its transaction rolls back
                }
            }
            for await _ in started { break }
            // While the first runs, the key is busy — answered at once, not after it.
            let clock = ContinuousClock()
            let began = clock.now
            let second: IdempotencyOutcome<String> = try await idempotency.perform(user: user, key: "k", request: request) {
                Issue.record("a second request ran while the first held the key")
                return ("second", nil)
            }
            #expect(clock.now - began < .seconds(1))
            #expect(second.isInProgress)
            releaseContinuation.yield()
            await #expect(throws: Interrupted.self) { try await first.value }
            // The dead request left nothing behind: the retry runs, and its answer is kept.
            let third: IdempotencyOutcome<String> = try await idempotency.perform(user: user, key: "k", request: request) {
                ("third", kept("third"))
            }
            #expect(third.ran == "third")
            let fourth: IdempotencyOutcome<String> = try await idempotency.perform(user: user, key: "k", request: request) {
                Issue.record("a committed request ran again")
                return ("fourth", nil)
            }
            #expect(fourth.replayed?.body == Data("third".utf8))
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM idempotency_keys").decode("n", as: Int.self) == 1)
        }
    }

    @Test func anAnswerNotKeptRollsBackTheWritesWithTheKey() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 2)
            let owner = await database.makePool(asOwner: true, size: 1)
            try await owner.execute("CREATE TABLE writes (n int)")
            try await owner.execute("GRANT ALL ON writes TO \(unsafeRaw: TestDatabase.appRole)")
            let idempotency = service(pool)
            let user = UserID.random()
            let request = Data("POST /writes\n{}".utf8)
            // A server error (nothing to keep): the write inside goes with it.
            let failed: IdempotencyOutcome<Int> = try await idempotency.perform(user: user, key: "w", request: request) {
                try await pool.withTransaction { tx in try await tx.execute("INSERT INTO writes VALUES (1)") }
                return (503, nil)
            }
            #expect(failed.ran == 503)
            #expect(try await owner.queryOne("SELECT count(*) AS n FROM writes").decode("n", as: Int.self) == 0)
            let stored: IdempotencyOutcome<Int> = try await idempotency.perform(user: user, key: "w", request: request) {
                try await pool.withTransaction { tx in try await tx.execute("INSERT INTO writes VALUES (2)") }
                return (201, kept("2"))
            }
            #expect(stored.ran == 201)
            #expect(try await owner.query("SELECT n FROM writes") { try $0.decode("n", as: Int.self) } == [2])
            // Another body under the same key is refused, not replayed.
            let other: IdempotencyOutcome<Int> = try await idempotency.perform(user: user, key: "w", request: Data("POST /writes\n{1}".utf8)) {
                (0, nil)
            }
            #expect(other.isMismatch)
        }
    }
}

private struct Interrupted: Error {}

extension IdempotencyOutcome {
    var ran: Value? {
        if case .ran(let value) = self { return value }
        return nil
    }
    var replayed: KeptResponse? {
        if case .replay(let kept) = self { return kept }
        return nil
    }
    var isInProgress: Bool {
        if case .inProgress = self { return true }
        return false
    }
    var isMismatch: Bool {
        if case .mismatch = self { return true }
        return false
    }
}
