public import Logging
public import Postgres

/// Applies `sql/NNNN_*.sql` in order, once each, every file in its own transaction,
/// recorded with its checksum in `schema_migrations`.
public struct Migrator: Sendable {
    /// Held for the whole run so that two `sheaf migrate` at once apply each file once.
    static let advisoryLockKey: Int64 = 0x5348_4541_465F_4D49  // "SHEAF_MI"

    public let migrations: [Migration]
    let logger: Logger

    public init(migrations: [Migration], logger: Logger) {
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is pending and returns the names applied. Refuses, applying nothing,
    /// when an applied file was edited or the database knows a version the binary does not.
    /// When `appRole` is given, grants it the application's least privileges afterwards.
    @discardableResult
    public func migrate(on pool: PostgresPool, appRole: String? = nil) async throws -> [String] {
        try await pool.withConnection { session in
            try await session.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
            do {
                let applied = try await apply(on: session, appRole: appRole)
                try await session.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                return applied
            } catch {
                _ = try? await session.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
                throw error
            }
        }
    }

    private func apply(on session: PostgresSession, appRole: String?) async throws -> [String] {
        // Checked first rather than IF NOT EXISTS, which would log a NOTICE on every run.
        let exists = try await session.queryOne("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").decode("present", as: Bool.self)
        if !exists {
            try await session.execute(
                """
                CREATE TABLE schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        }
        let pending = try verify(try await Self.appliedRows(on: session))
        var names: [String] = []
        for migration in pending {
            logger.info("applying migration", metadata: ["file": "\(migration.name)"])
            try await session.runScript(unsafeRaw: "BEGIN")
            do {
                try await session.runScript(unsafeRaw: migration.sql)
                try await session.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))")
                try await session.runScript(unsafeRaw: "COMMIT")
            } catch {
                try? await session.runScript(unsafeRaw: "ROLLBACK")
                throw MigrationFailure(file: migration.name, underlying: error)
            }
            names.append(migration.name)
        }
        if let appRole {
            try await session.execute("SELECT sheaf_grant_app_role(\(appRole))")
        }
        return names
    }

    /// Checks the database against the binary without changing anything. Throws for an
    /// edited or unknown migration; returns the migrations still to apply.
    public func verify(on database: some PostgresQueryable) async throws -> [Migration] {
        try verify(try await Self.appliedRows(on: database))
    }

    /// Throws unless every migration of this binary is applied, unchanged (`serve`,
    /// `/readyz`). Migrations newer than this binary's newest are allowed: during a
    /// rolling upgrade the new release has migrated and this older instance still serves
    /// (migrations are expand/contract, so the previous release works on the new schema;
    /// README "Upgrades"). An unknown version older than that is still refused, and
    /// `migrate` refuses any unknown version.
    public func requireCurrent(on database: some PostgresQueryable) async throws {
        let newest = migrations.map(\.version).max() ?? 0
        let pending = try verify(try await Self.appliedRows(on: database).filter { $0.version <= newest })
        if !pending.isEmpty { throw MigrationError.pending(names: pending.map(\.name)) }
    }

    /// The statement `/readyz` runs; `scripts/bench` runs the same text through pgbench.
    static let appliedQuery: SQL = "SELECT version, checksum FROM schema_migrations ORDER BY version"

    struct AppliedRow {
        let version: Int
        let checksum: String
    }

    static func appliedRows(on database: some PostgresQueryable) async throws -> [AppliedRow] {
        do {
            return try await database.query(appliedQuery) { row in
                AppliedRow(version: try row.decode("version"), checksum: try row.decode("checksum"))
            }
        } catch let error as PostgresError where error.sqlState == SQLState.undefinedTable {
            return []
        }
    }

    private func verify(_ applied: [AppliedRow]) throws -> [Migration] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for row in applied {
            guard let migration = known[row.version] else {
                throw MigrationError.unknownVersion(version: row.version)
            }
            if migration.checksum != row.checksum { throw MigrationError.checksumMismatch(name: migration.name) }
        }
        let appliedVersions = Set(applied.map(\.version))
        return migrations.filter { !appliedVersions.contains($0.version) }
    }
}

/// A migration file failed to apply; it was rolled back.
///
/// `description` carries the underlying error's redacted description;
/// `debugDescription` the full one (the server's message says what is wrong with the
/// file), which `sheaf migrate` prints for the operator who runs it.
public struct MigrationFailure: Error, CustomStringConvertible, CustomDebugStringConvertible {
    public let file: String
    public let underlying: any Error
    public var description: String { "migration sql/\(file) failed and was rolled back: \(underlying)" }
    public var debugDescription: String {
        "migration sql/\(file) failed and was rolled back: \(String(reflecting: underlying))"
    }
}
