import Foundation
import Postgres
import Storage
import TestSupport
import Testing

@Suite struct MigratorTests {
    private func migrations(_ files: [(String, String)]) throws -> [Migration] {
        try files.map { try Migration(name: $0.0, sql: $0.1) }
    }

    @Test func theBundledMigrationsApplyAndARerunAppliesNothing() async throws {
        try await TestDatabase.withFresh { database in
            // The template is already migrated: running again must be a no-op.
            let pool = await database.makePool(asOwner: true)
            let migrator = Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger)
            #expect(try await migrator.migrate(on: pool).isEmpty)
            try await migrator.requireCurrent(on: pool)
            let count = try await pool.queryOne("SELECT count(*) AS n FROM schema_migrations").decode("n", as: Int.self)
            #expect(count == (try Migration.bundled()).count)
        }
    }

    @Test func filesApplyInOrderOnceEach() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("DROP TABLE schema_migrations")
            let first = try migrations([("0001_a.sql", "CREATE TABLE a (id int);"), ("0002_b.sql", "CREATE TABLE b (a int); INSERT INTO b VALUES (1);")])
            let migrator = Migrator(migrations: first, logger: TestDatabase.logger)
            #expect(try await migrator.migrate(on: pool) == ["0001_a.sql", "0002_b.sql"])
            #expect(try await migrator.migrate(on: pool) == [])
            let more = Migrator(migrations: first + (try migrations([("0003_c.sql", "INSERT INTO b VALUES (2);")])), logger: TestDatabase.logger)
            await #expect(throws: MigrationError.pending(names: ["0003_c.sql"])) { try await more.requireCurrent(on: pool) }
            #expect(try await more.migrate(on: pool) == ["0003_c.sql"])
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM b").decode("n") == 2)
        }
    }

    @Test func anEditedAppliedFileIsRefusedByName() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("DROP TABLE schema_migrations")
            try await Migrator(migrations: try migrations([("0001_a.sql", "CREATE TABLE a (id int);")]), logger: TestDatabase.logger).migrate(on: pool)
            let edited = Migrator(
                migrations: try migrations([("0001_a.sql", "CREATE TABLE a (id bigint);"), ("0002_b.sql", "CREATE TABLE b (id int);")]),
                logger: TestDatabase.logger)
            let error = await #expect(throws: MigrationError.self) { try await edited.migrate(on: pool) }
            #expect(error == .checksumMismatch(name: "0001_a.sql"))
            #expect(error?.description.contains("sql/0001_a.sql") == true)
            await #expect(throws: MigrationError.checksumMismatch(name: "0001_a.sql")) { try await edited.requireCurrent(on: pool) }
            // Nothing after the refusal was applied.
            #expect(try await pool.queryOptional("SELECT to_regclass('b')::text AS t")?.decode("t", as: String?.self) == nil)
        }
    }

    @Test func anAppliedVersionUnknownToTheBinaryIsRefused() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')")
            let migrator = Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger)
            let error = await #expect(throws: MigrationError.self) { try await migrator.migrate(on: pool) }
            #expect(error == .unknownVersion(version: 9999))
            #expect(error?.description.contains("9999") == true)
        }
    }

    /// Rolling upgrades (issue 17 item 5): a binary keeps serving a schema a newer
    /// release has migrated further, but not one with an unknown version among its own.
    @Test func serveAcceptsNewerMigrationsButNotUnknownOlderOnes() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let migrator = Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger)
            try await pool.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, '9999_future.sql', 'x')")
            try await migrator.requireCurrent(on: pool)
            try await pool.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (0, '0000_unknown.sql', 'x')")
            await #expect(throws: MigrationError.unknownVersion(version: 0)) { try await migrator.requireCurrent(on: pool) }
        }
    }

    @Test func aFailingFileIsRolledBackWhole() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("DROP TABLE schema_migrations")
            let migrator = Migrator(
                migrations: try migrations([("0001_bad.sql", "CREATE TABLE half (id int); SELECT 1/0;")]), logger: TestDatabase.logger)
            let error = await #expect(throws: MigrationFailure.self) { try await migrator.migrate(on: pool) }
            #expect(error?.file == "0001_bad.sql")
            // The operator's `sheaf migrate` prints the server's reason; the description stays redacted.
            #expect(error.map { String(reflecting: $0) }?.contains("division by zero") == true)
            #expect(error?.description.contains("division by zero") == false)
            #expect(try await pool.queryOne("SELECT to_regclass('half')::text AS t").decode("t", as: String?.self) == nil)
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM schema_migrations").decode("n") == 0)
        }
    }

    @Test func concurrentRunsApplyEachFileOnce() async throws {
        try await TestDatabase.withFresh { database in
            let setup = await database.makePool(asOwner: true)
            try await setup.execute("DROP TABLE schema_migrations")
            try await setup.execute("CREATE TABLE runs (n int)")
            let files = try migrations([
                ("0001_a.sql", "INSERT INTO runs VALUES (1); SELECT pg_sleep(0.2);"),
                ("0002_b.sql", "INSERT INTO runs VALUES (2);"),
            ])
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let pool = await database.makePool(asOwner: true, size: 1)
                        return try await Migrator(migrations: files, logger: TestDatabase.logger).migrate(on: pool)
                    }
                }
                var applied: [String] = []
                for try await names in group { applied += names }
                #expect(applied.sorted() == ["0001_a.sql", "0002_b.sql"])
            }
            let rows = try await setup.query("SELECT n FROM runs ORDER BY n") { try $0.decode("n", as: Int.self) }
            #expect(rows == [1, 2])
        }
    }

    @Test func theApplicationRoleCannotRewriteTheMigrationHistory() async throws {
        try await TestDatabase.withFresh { database in
            let app = await database.makePool()
            let error = await #expect(throws: PostgresError.self) { try await app.execute("DELETE FROM schema_migrations") }
            #expect(error?.sqlState == SQLState.insufficientPrivilege)
            let versions = try await app.query("SELECT version FROM schema_migrations")
            #expect(!versions.isEmpty)
        }
    }
}
