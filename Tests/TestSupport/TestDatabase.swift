import Foundation
public import Logging
public import Postgres
import Storage

/// Fresh, isolated databases for tests, cloned from a template migrated once per run.
///
/// `scripts/test` starts a throwaway cluster and exports `PGHOST`, `PGPORT` and
/// `PGUSER` (a superuser); libpq reads them, so connection strings here only name the
/// database and, for the application's least-privilege role, the user.
public enum TestDatabase {
    /// The login role the server runs as in production (see SHEAF_DB_APP_ROLE).
    public static let appRole = "sheaf_app"

    public static let logger: Logger = {
        var logger = Logger(label: "sheaf.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Creates a database from the migrated template, runs `body`, and drops it. At most
    /// a bounded number run at once (see ``TestDatabaseSlots``); the others wait.
    public static func withFresh<T>(_ body: (FreshDatabase) async throws -> T) async throws -> T {
        await TestDatabaseSlots.shared.acquire()
        do {
            let value = try await withFreshUnbounded(body)
            await TestDatabaseSlots.shared.release()
            return value
        } catch {
            await TestDatabaseSlots.shared.release()
            throw error
        }
    }

    private static func withFreshUnbounded<T>(_ body: (FreshDatabase) async throws -> T) async throws -> T {
        let template = try await TemplateHolder.shared.templateName()
        let name = "sheaf_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try adminPool()
        try await admin.execute(SQL(unsafeRaw: "CREATE DATABASE \(name) TEMPLATE \(template)"))
        let database = FreshDatabase(name: name)
        do {
            let value = try await body(database)
            await database.shutdownPools()
            try await admin.execute(SQL(unsafeRaw: "DROP DATABASE \(name) WITH (FORCE)"))
            await admin.shutdown()
            return value
        } catch {
            await database.shutdownPools()
            _ = try? await admin.execute(SQL(unsafeRaw: "DROP DATABASE \(name) WITH (FORCE)"))
            await admin.shutdown()
            throw error
        }
    }

    /// A pool on the cluster's `postgres` database as the superuser.
    public static func adminPool(database: String = "postgres") throws -> PostgresPool {
        try requireCluster()
        return PostgresPool(configuration: .init(connectionString: "dbname=\(database)", poolSize: 2), logger: logger)
    }

    static func requireCluster() throws {
        guard ProcessInfo.processInfo.environment["PGHOST"] != nil else {
            throw TestSetupError(
                message: "PGHOST is not set: run the tests through scripts/test, which starts the throwaway PostgreSQL they need")
        }
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// One test's database. Pools made here are shut down before the database is dropped.
public final class FreshDatabase: Sendable {
    public let name: String
    private let pools = PoolList()

    init(name: String) { self.name = name }

    /// Connection string for the superuser who owns the schema (as migrations run).
    public var ownerConnectionString: String { "dbname=\(name)" }
    /// Connection string for the least-privilege application role.
    public var appConnectionString: String { "dbname=\(name) user=\(TestDatabase.appRole)" }

    /// A pool as the application role (default) or as the owner.
    public func makePool(asOwner: Bool = false, size: Int = 4, leaseTimeout: Duration = .seconds(5)) async -> PostgresPool {
        let pool = PostgresPool(
            configuration: .init(
                connectionString: asOwner ? ownerConnectionString : appConnectionString, poolSize: size,
                leaseTimeout: leaseTimeout),
            logger: TestDatabase.logger)
        await pools.add(pool)
        return pool
    }

    func shutdownPools() async {
        for pool in await pools.all() { await pool.shutdown() }
    }
}

private actor PoolList {
    var pools: [PostgresPool] = []
    func add(_ pool: PostgresPool) { pools.append(pool) }
    func all() -> [PostgresPool] { pools }
}

/// Migrates one template database per test process, the first time a test asks.
private actor TemplateHolder {
    static let shared = TemplateHolder()
    private var creation: Task<String, any Error>?

    func templateName() async throws -> String {
        if let creation { return try await creation.value }
        let task = Task { try await Self.createTemplate() }
        creation = task
        return try await task.value
    }

    private static func createTemplate() async throws -> String {
        let name = "sheaf_template_\(ProcessInfo.processInfo.processIdentifier)_\(Int.random(in: 1000...9999))"
        let admin = try TestDatabase.adminPool()
        defer { Task { await admin.shutdown() } }
        try await admin.execute(
            SQL(unsafeRaw: """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(TestDatabase.appRole)') THEN
                        CREATE ROLE \(TestDatabase.appRole) LOGIN;
                    END IF;
                END $$
                """))
        try await admin.execute(SQL(unsafeRaw: "CREATE DATABASE \(name)"))
        let pool = PostgresPool(configuration: .init(connectionString: "dbname=\(name)", poolSize: 1), logger: TestDatabase.logger)
        do {
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger)
                .migrate(on: pool, appRole: TestDatabase.appRole)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        return name
    }
}
