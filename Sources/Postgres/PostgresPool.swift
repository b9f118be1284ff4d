public import Logging
import NIOPosix

/// A bounded pool of libpq connections.
///
/// Every blocking libpq call runs on the pool's own `NIOThreadPool` (one thread per
/// connection), never on an event loop or the Swift cooperative pool. Connections are
/// opened lazily, checked before reuse, and replaced when they break, so the first
/// requests after PostgreSQL comes back succeed without restarting the process.
///
/// Inside the body of ``withSharedTransaction(maxAttempts:_:)`` every use of the pool —
/// `run` and the helpers built on it, `withConnection`, `withTransaction` — joins that
/// one transaction instead of leasing a connection of its own.
public final class PostgresPool: PostgresQueryable {
    public let configuration: PostgresConfiguration
    let logger: Logger
    let threads: NIOThreadPool
    private let state: PoolState
    let counter = StatementCounter()

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.threads = NIOThreadPool(numberOfThreads: configuration.poolSize)
        self.threads.start()
        self.state = PoolState(capacity: configuration.poolSize, leaseTimeout: configuration.leaseTimeout)
    }

    /// Closes every connection and stops the threads. Waiting callers get `poolClosed`.
    public func shutdown() async {
        state.close()
        try? await threads.shutdownGracefully()
    }

    public func statistics() async -> PoolStatistics {
        var statistics = state.statistics()
        statistics.statements = counter.value
        return statistics
    }

    /// The shared transaction of the running task, set while a
    /// ``withSharedTransaction(maxAttempts:_:)`` body runs. A task-local value, so the
    /// services called from that body join it without being handed it.
    @TaskLocal static var shared: SharedTransaction?

    /// The shared transaction this pool's calls join: one of this pool, still running.
    private var joined: SharedTransaction? {
        guard let shared = Self.shared, shared.pool == ObjectIdentifier(self), shared.isOpen else { return nil }
        return shared
    }

    /// Runs one statement on a connection leased for it alone (or in the shared transaction).
    public func run(_ sql: SQL) async throws -> PostgresResult {
        try await withConnection { try await $0.run(sql) }
    }

    /// Leases a connection for the duration of `body`. Inside a shared transaction,
    /// `body` gets that transaction's connection instead: its statements are part of it.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        if let shared = joined { return try await body(shared.session) }
        let connection = try await lease()
        let session = PostgresSession(connection: connection, threads: threads, counter: counter)
        do {
            let value = try await body(session)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Runs `body` in a transaction that always ends in COMMIT or ROLLBACK.
    ///
    /// Serialization failures and deadlocks — and a connection lost before COMMIT was
    /// sent, after which the server has rolled back — run the whole body again, up to
    /// `maxAttempts` times. A connection lost during COMMIT is not retried: its outcome
    /// is unknown.
    ///
    /// Inside a shared transaction (``withSharedTransaction(maxAttempts:_:)``) the body
    /// runs in it, within a savepoint: a thrown error undoes the body's statements (and
    /// leaves the shared transaction usable), otherwise they commit with it. Nothing is
    /// retried there — a serialization failure or a lost connection dooms the whole shared
    /// transaction, and only its owner can run it again. Its isolation is READ COMMITTED;
    /// asking for another level there is a ``PostgresError/Kind/misuse`` error.
    @discardableResult
    public func withTransaction<T>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 3,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        if let shared = joined {
            guard isolation == SharedTransaction.isolation else {
                throw PostgresError(kind: .misuse, message: "a \(isolation.rawValue) transaction inside a shared READ COMMITTED one")
            }
            return try await shared.withSavepoint { session in .commit(try await body(PostgresTransaction(session: session))) }
        }
        var attempt = 0
        while true {
            attempt += 1
            var committing = false
            do {
                return try await withConnection { session in
                    try await session.command("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
                    let value: T
                    do {
                        value = try await body(PostgresTransaction(session: session))
                    } catch {
                        try? await session.command("ROLLBACK")
                        throw error
                    }
                    committing = true
                    try await session.command("COMMIT")
                    return value
                }
            } catch let error as PostgresError {
                let retryable = error.isTransient || (error.kind == .connectionLost && !committing)
                guard retryable, attempt < maxAttempts else { throw error }
                logger.debug("retrying transaction", metadata: ["attempt": "\(attempt)", "sqlstate": "\(error.sqlState ?? "-")"])
                try await Task.sleep(for: .milliseconds(Int.random(in: 2...10) * attempt))
            }
        }
    }

    /// Runs `body` in one READ COMMITTED transaction that every use of this pool inside
    /// `body` joins, whoever makes it: `run`, `withConnection` and `withTransaction` (each
    /// of those in a savepoint). So a request's writes and whatever records their outcome
    /// commit together or not at all, even when the services it calls open transactions
    /// of their own.
    ///
    /// The body says whether to commit. A thrown error rolls back. When a statement in the
    /// transaction failed with a serialization failure or deadlock, or lost its connection
    /// before COMMIT was sent (the server has then rolled back), the whole body runs again
    /// on a fresh transaction, up to `maxAttempts` times — even if the body caught that
    /// error — because nothing of the failed attempt is left. A connection lost during
    /// COMMIT is not retried: its outcome is unknown, and the error goes up.
    ///
    /// Statements of the shared transaction run one at a time: a child task of the body
    /// that uses the pool while another statement runs gets a ``PostgresError/Kind/misuse``
    /// error (one connection serves one statement at a time). Called inside another shared
    /// transaction of this pool, the body runs in a savepoint of that one.
    public func withSharedTransaction<T>(
        maxAttempts: Int = 3,
        _ body: (PostgresTransaction) async throws -> TransactionOutcome<T>
    ) async throws -> T {
        if let shared = joined { return try await shared.withSavepoint { session in try await body(PostgresTransaction(session: session)) } }
        var attempt = 0
        while true {
            attempt += 1
            var committing = false
            var failure: PostgresError?
            do {
                return try await withConnection { plain in
                    try await plain.command("BEGIN ISOLATION LEVEL \(SharedTransaction.isolation.rawValue)")
                    let shared = SharedTransaction(
                        pool: ObjectIdentifier(self), connection: plain.connection, threads: threads, counter: counter)
                    let outcome: TransactionOutcome<T>
                    do {
                        outcome = try await Self.$shared.withValue(shared) { try await body(PostgresTransaction(session: shared.session)) }
                    } catch {
                        failure = shared.end()
                        try? await plain.command("ROLLBACK")
                        throw error
                    }
                    failure = shared.end()
                    // The body got past a failure that ended the transaction (or made it
                    // worth running again): whatever it decided, this attempt is void.
                    if let failure {
                        try? await plain.command("ROLLBACK")
                        throw failure
                    }
                    switch outcome {
                    case .rollback(let value):
                        try await plain.command("ROLLBACK")
                        return value
                    case .commit(let value):
                        if plain.connection.isInFailedTransaction {
                            // A statement failed and the body went on: COMMIT would quietly
                            // roll back, and the caller would believe it committed.
                            try? await plain.command("ROLLBACK")
                            throw PostgresError(
                                kind: .server, message: "a statement of the shared transaction failed; nothing was committed",
                                sqlState: SQLState.inFailedTransaction)
                        }
                        committing = true
                        try await plain.command("COMMIT")
                        return value
                    }
                }
            } catch {
                guard let cause = failure ?? (error as? PostgresError),
                    cause.isTransient || (cause.kind == .connectionLost && !committing), attempt < maxAttempts
                else { throw error }
                logger.debug("retrying shared transaction", metadata: ["attempt": "\(attempt)", "sqlstate": "\(cause.sqlState ?? "-")"])
                try await Task.sleep(for: .milliseconds(Int.random(in: 2...10) * attempt))
            }
        }
    }

    func lease() async throws -> PostgresConnection {
        switch try await state.acquire() {
        case .connection(let connection):
            return connection
        case .create(let id):
            do {
                let connectionString = configuration.connectionString
                let applicationName = configuration.applicationName
                let logger = self.logger
                return try await threads.runIfActive {
                    try PostgresConnection.connect(
                        connectionString: connectionString, applicationName: applicationName, logger: logger, id: id)
                }
            } catch {
                state.creationFailed()
                if let error = error as? PostgresError { throw error }
                throw PostgresError(kind: .connectionFailed, message: "could not open a connection: \(error)")
            }
        }
    }

    func release(_ connection: PostgresConnection) async {
        // A connection left inside a transaction block would leak state into the next
        // lease: discard it rather than guess.
        if connection.isInTransaction { connection.markBroken() }
        state.release(connection)
    }
}

/// A connection leased to one task; all calls go through the pool's threads.
public struct PostgresSession: PostgresQueryable {
    let connection: PostgresConnection
    let threads: NIOThreadPool
    let counter: StatementCounter
    /// Set when this is the connection of a shared transaction: its statements go
    /// through it, which sees their failures and keeps them one at a time.
    let shared: SharedTransaction?

    init(connection: PostgresConnection, threads: NIOThreadPool, counter: StatementCounter, shared: SharedTransaction? = nil) {
        self.connection = connection
        self.threads = threads
        self.counter = counter
        self.shared = shared
    }

    public func run(_ sql: SQL) async throws -> PostgresResult {
        let connection = self.connection
        return try await perform { try connection.run(sql) }
    }

    /// Runs SQL text without parameters and possibly with several statements.
    /// Only for text the program owns (migration files, fixed commands).
    public func runScript(unsafeRaw text: String) async throws {
        let connection = self.connection
        try await perform { try connection.runScript(text) }
    }

    func command(_ text: String) async throws {
        let connection = self.connection
        try await perform { try connection.simpleCommand(text) }
    }

    private func perform<R: Sendable>(_ call: @escaping @Sendable () throws -> R) async throws -> R {
        counter.increment()
        guard let shared else { return try await threads.runIfActive(call) }
        let threads = self.threads
        return try await shared.statement { try await threads.runIfActive(call) }
    }
}

/// The handle a `withTransaction` body runs its statements on.
public struct PostgresTransaction: PostgresQueryable {
    let session: PostgresSession

    public func run(_ sql: SQL) async throws -> PostgresResult {
        try await session.run(sql)
    }

    /// Raw, unparameterized SQL text inside the transaction (migration files).
    public func runScript(unsafeRaw text: String) async throws {
        try await session.runScript(unsafeRaw: text)
    }
}
