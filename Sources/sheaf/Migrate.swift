import API
import ArgumentParser
import Foundation
import Logging
import Postgres
import Storage

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending schema migrations (as the owner role), each in its own transaction.",
        discussion: """
            Connects with SHEAF_MIGRATION_DATABASE_URL (default DATABASE_URL). Safe to run concurrently: \
            an advisory lock lets one run apply each file once. Refuses when an applied file was edited \
            or the database has a migration this binary does not know. Grants SHEAF_DB_APP_ROLE, when set, \
            the application's least privileges afterwards.
            """)

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let pool = PostgresPool(configuration: .init(connectionString: configuration.migrationDatabaseURL, poolSize: 1), logger: logger)
        do {
            let applied = try await Migrator(migrations: try Migration.bundled(), logger: logger)
                .migrate(on: pool, appRole: configuration.databaseAppRole)
            await pool.shutdown()
            print(applied.isEmpty ? "schema is current; nothing to apply" : "applied: \(applied.joined(separator: ", "))")
        } catch {
            await pool.shutdown()
            // The operator's own command: the full error (the server's message) is what they need.
            Bootstrap.fail("migrate failed: \(String(reflecting: error))")
        }
    }
}
