public import Logging
import NIOPosix

/// A bounded pool of libpq connections.
///
/// Every blocking libpq call runs on the pool's own `NIOThreadPool` (one thread per
/// connection), never on an event loop or the Swift cooperative pool. Connections are
/// opened lazily, checked before reuse, and replaced when they break, so the first
/// requests after PostgreSQL comes back succeed without restarting the process.
public final class PostgresPool: PostgresQueryable {
    public let configuration: PostgresConfiguration
    let logger: Logger
    let threads: NIOThreadPool
    private let state: PoolState

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
        state.statistics()
    }

    /// Runs one statement on a connection leased for it alone.
    public func run(_ sql: SQL) async throws -> PostgresResult {
        try await withConnection { try await $0.run(sql) }
    }

    /// Leases a connection for the duration of `body`.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresSession) async throws -> T) async throws -> T {
        let connection = try await lease()
        let session = PostgresSession(connection: connection, threads: threads)
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
    @discardableResult
    public func withTransaction<T>(
        isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 3,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
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

    public func run(_ sql: SQL) async throws -> PostgresResult {
        let connection = self.connection
        return try await threads.runIfActive { try connection.run(sql) }
    }

    /// Runs SQL text without parameters and possibly with several statements.
    /// Only for text the program owns (migration files, fixed commands).
    public func runScript(unsafeRaw text: String) async throws {
        let connection = self.connection
        try await threads.runIfActive { try connection.runScript(text) }
    }

    func command(_ text: String) async throws {
        let connection = self.connection
        try await threads.runIfActive { try connection.simpleCommand(text) }
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
