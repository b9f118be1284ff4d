public import Postgres

/// What a reports database says about itself: a streaming standby and how far its
/// replay is behind, or a primary (which is never behind).
public struct ReplicaState: Sendable, Equatable {
    /// True on a hot standby (`pg_is_in_recovery()`).
    public let inRecovery: Bool
    /// Milliseconds between now and the last replayed transaction's commit on the
    /// primary; 0 when everything received is replayed (an idle primary is not lag),
    /// and 0 on a primary.
    public let lagMilliseconds: Int64
}

/// The replication state of the database it is asked on.
public struct ReplicaStore: Sendable {
    public init() {}

    public func state(on db: some PostgresQueryable) async throws -> ReplicaState {
        let row = try await db.queryOne(
            """
            SELECT pg_is_in_recovery() AS in_recovery,
                   CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint, 0)
                   END AS lag_ms
            """)
        return ReplicaState(inRecovery: try row.decode("in_recovery"), lagMilliseconds: max(0, try row.decode("lag_ms")))
    }
}
