/// How the pool reaches PostgreSQL and how large it may grow.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection string or URI (`postgresql://…` or `host=… dbname=…`), so every
    /// libpq option works: sslmode and certificates, several hosts, `target_session_attrs`,
    /// service files, passfile. A `connect_timeout` of 5 s applies unless it sets one.
    public var connectionString: String
    /// Reported in `pg_stat_activity`; the connection string may override it.
    public var applicationName: String
    /// The most connections open at once (and threads running blocking libpq calls).
    public var poolSize: Int
    /// How long a caller waits for a free connection before `PostgresError.Kind.poolTimeout`.
    public var leaseTimeout: Duration

    public init(connectionString: String, applicationName: String = "sheaf", poolSize: Int = 8, leaseTimeout: Duration = .seconds(5)) {
        self.connectionString = connectionString
        self.applicationName = applicationName
        self.poolSize = max(1, poolSize)
        self.leaseTimeout = leaseTimeout
    }
}

/// Transaction isolation levels, as PostgreSQL names them.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

/// A snapshot of the pool for metrics and readiness.
public struct PoolStatistics: Sendable, Equatable {
    /// Connections open or being opened.
    public var open: Int
    /// Connections leased to a caller right now.
    public var inUse: Int
    /// Callers waiting for a connection.
    public var waiters: Int
    /// The configured maximum.
    public var capacity: Int
    /// Statements sent since the pool started (each `run`, script and transaction
    /// command counts one), so that a test can pin what a request costs.
    public var statements: Int = 0
}
