import NIOPosix
import Synchronization

/// What the body of ``PostgresPool/withSharedTransaction(maxAttempts:_:)`` decided.
public enum TransactionOutcome<Value> {
    /// Commit everything the body did, then return the value.
    case commit(Value)
    /// Roll everything back, then return the value.
    case rollback(Value)
}

/// The state of one shared transaction: its connection, whether its body still runs,
/// and the first failure that doomed it.
///
/// Every statement of the transaction passes through ``statement(_:)``, which is why a
/// failure is seen even when the code that met it catches it, and why two statements
/// can never be on the connection at once (`PostgresConnection` is one task's at a time).
final class SharedTransaction: Sendable {
    static let isolation = IsolationLevel.readCommitted

    let pool: ObjectIdentifier
    let connection: PostgresConnection
    let threads: NIOThreadPool
    let counter: StatementCounter
    private let state = Mutex(State())

    private struct State {
        var open = true
        var busy = false
        var savepoints = 0
        var failure: PostgresError?
    }

    init(pool: ObjectIdentifier, connection: PostgresConnection, threads: NIOThreadPool, counter: StatementCounter) {
        self.pool = pool
        self.connection = connection
        self.threads = threads
        self.counter = counter
    }

    /// The session every joined call runs on.
    var session: PostgresSession { PostgresSession(connection: connection, threads: threads, counter: counter, shared: self) }

    /// False once the body has returned or thrown: a task that outlived it (and inherited
    /// the task-local value) uses the pool on its own again.
    var isOpen: Bool { state.withLock { $0.open } }

    /// Closes the transaction to further statements; returns the failure that doomed it.
    func end() -> PostgresError? {
        state.withLock { state in
            state.open = false
            return state.failure
        }
    }

    /// Runs one statement of the transaction, noting a failure that means the attempt
    /// must be run again (or cannot commit): serialization failure, deadlock, lost connection.
    func statement<R>(_ call: () async throws -> R) async throws -> R {
        try state.withLock { (state: inout State) throws(PostgresError) -> Void in
            guard state.open else {
                throw PostgresError(kind: .misuse, message: "a statement on a shared transaction that has ended")
            }
            guard !state.busy else {
                throw PostgresError(kind: .misuse, message: "two statements at once on one shared transaction (from concurrent child tasks)")
            }
            state.busy = true
        }
        defer { state.withLock { $0.busy = false } }
        do {
            return try await call()
        } catch let error as PostgresError {
            if error.isTransient || error.kind == .connectionLost {
                state.withLock { state in
                    if state.failure == nil { state.failure = error }
                }
            }
            throw error
        }
    }

    /// Runs `body` within a savepoint: released on `.commit`, rolled back to on
    /// `.rollback` or a thrown error, which leaves the transaction usable.
    func withSavepoint<T>(_ body: (PostgresSession) async throws -> TransactionOutcome<T>) async throws -> T {
        let name = state.withLock { state in
            state.savepoints += 1
            return "sheaf_savepoint_\(state.savepoints)"
        }
        let session = self.session
        try await session.command("SAVEPOINT \(name)")
        let outcome: TransactionOutcome<T>
        do {
            outcome = try await body(session)
        } catch {
            try? await session.command("ROLLBACK TO SAVEPOINT \(name)")
            throw error
        }
        switch outcome {
        case .commit(let value):
            try await session.command("RELEASE SAVEPOINT \(name)")
            return value
        case .rollback(let value):
            try await session.command("ROLLBACK TO SAVEPOINT \(name)")
            return value
        }
    }
}
