public import Logging
public import Postgres
import Storage
import Synchronization

/// Where read-only reports run (issue 17 item 1): on the streaming standby named by
/// `SHEAF_REPORTS_DATABASE_URL` while it answers and its replay is at most `maxLag`
/// behind, otherwise on the primary. Reports never fail because of the standby: when it
/// is down, lagging or its query is cancelled by a recovery conflict, they run on the
/// primary (README "Scaling out").
///
/// The single place that chooses the pool: a report use case wraps its reads in
/// ``read(_:)`` and uses the pool it is handed. Only reads belong there — a standby
/// refuses writes — and nothing that must see the caller's own write at once.
public final class ReportDatabase: Sendable {
    /// Where reports go right now, and why.
    public struct Status: Sendable, Equatable {
        public enum Source: String, Sendable { case primary, standby }
        /// A standby is configured.
        public let standbyConfigured: Bool
        public let source: Source
        /// The standby's replay lag; nil when none is configured or it does not answer.
        public let lagMilliseconds: Int64?
        /// Why reports run on the primary although a standby is configured: `standby_unreachable`
        /// or `standby_lag_exceeds_bound`; nil otherwise.
        public let fallbackReason: String?
        public let maxLagMilliseconds: Int64
    }

    let primary: PostgresPool
    let standby: PostgresPool?
    let maxLag: Duration
    let logger: Logger
    /// How long a checked status is reused before the standby is asked again.
    let recheckInterval: Duration
    private let replicas = ReplicaStore()
    private let cached = Mutex<(status: Status, at: ContinuousClock.Instant)?>(nil)

    /// `standby` nil: every report runs on `primary`.
    public init(primary: PostgresPool, standby: PostgresPool?, maxLag: Duration = .seconds(30), recheckInterval: Duration = .seconds(2), logger: Logger) {
        self.primary = primary
        self.standby = standby
        self.maxLag = maxLag
        self.recheckInterval = recheckInterval
        self.logger = logger
    }

    /// Runs `body` on the pool reports use now; on a connection problem or a recovery
    /// conflict on the standby, runs it again on the primary (it only reads).
    public func read<T>(_ body: (PostgresPool) async throws -> T) async throws -> T {
        guard let standby, await current().source == .standby else { return try await body(primary) }
        do {
            return try await body(standby)
        } catch let error as PostgresError where error.isConnectionProblem || error.sqlState == SQLState.serializationFailure {
            logger.warning("report fell back to the primary", metadata: ["error": "\(error)"])
            if error.isConnectionProblem, error.kind != .poolTimeout { remember(unreachable()) }
            return try await body(primary)
        }
    }

    /// The status as of now (asks the standby), for `/readyz` and `/metrics`.
    public func status() async -> Status {
        let status = await check()
        remember(status)
        return status
    }

    /// Every report on `primary` (no standby configured; tests and tools).
    public convenience init(primary: PostgresPool) {
        self.init(primary: primary, standby: nil, logger: Logger(label: "sheaf.reports"))
    }

    public func shutdown() async {
        await standby?.shutdown()
    }

    private func current() async -> Status {
        let now = ContinuousClock.now
        if let cached = cached.withLock({ $0 }), now - cached.at < recheckInterval { return cached.status }
        return await status()
    }

    private func remember(_ status: Status) {
        cached.withLock { $0 = (status, ContinuousClock.now) }
    }

    private var maxLagMilliseconds: Int64 {
        let (seconds, attoseconds) = maxLag.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private func unreachable() -> Status {
        Status(
            standbyConfigured: true, source: .primary, lagMilliseconds: nil, fallbackReason: "standby_unreachable",
            maxLagMilliseconds: maxLagMilliseconds)
    }

    private func check() async -> Status {
        guard let standby else {
            return Status(standbyConfigured: false, source: .primary, lagMilliseconds: nil, fallbackReason: nil, maxLagMilliseconds: maxLagMilliseconds)
        }
        do {
            let state = try await replicas.state(on: standby)
            let within = state.lagMilliseconds <= maxLagMilliseconds
            return Status(
                standbyConfigured: true, source: within ? .standby : .primary, lagMilliseconds: state.lagMilliseconds,
                fallbackReason: within ? nil : "standby_lag_exceeds_bound", maxLagMilliseconds: maxLagMilliseconds)
        } catch {
            logger.warning("reports standby does not answer; reports run on the primary", metadata: ["error": "\(error)"])
            return unreachable()
        }
    }
}
