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
            the application's least privileges afterwards. With --dry-run it changes nothing and prints \
            the files that would run, with their SQL.
            """)

    @Flag(help: "Print the migrations that would run, and their SQL, without applying anything.")
    var dryRun = false

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let pool = PostgresPool(configuration: .init(connectionString: configuration.migrationDatabaseURL, poolSize: 1), logger: logger)
        if dryRun {
            do {
                let pending = try await Migrator(migrations: try Migration.bundled(), logger: logger).verify(on: pool)
                await pool.shutdown()
                print(Self.dryRunReport(pending, appRole: configuration.databaseAppRole))
            } catch {
                await pool.shutdown()
                Bootstrap.fail("migrate --dry-run failed: \(String(reflecting: error))")
            }
            return
        }
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

extension Migrate {
    /// What `--dry-run` prints: each pending file with its checksum and SQL, in order.
    static func dryRunReport(_ pending: [Migration], appRole: String?) -> String {
        guard !pending.isEmpty else { return "schema is current; nothing would be applied" }
        var lines = ["would apply \(pending.count) migration(s), each in its own transaction, in this order:"]
        lines += pending.map { "  \($0.name)  sha256 \($0.checksum)" }
        if let appRole { lines.append("then grant the application's privileges to \(appRole)") }
        for migration in pending {
            lines.append("")
            lines.append("-- ===== \(migration.name) =====")
            lines.append(migration.sql.trimmingCharacters(in: .newlines))
        }
        return lines.joined(separator: "\n")
    }
}
