import API
import ArgumentParser
import Domain
import Foundation
import Logging
import Postgres
import Services
import Storage

/// Loads a whole-agency archive (`GET /api/v1/exports/agency`) into a new server's
/// database (issue 16 item 5).
struct ImportAgency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-agency",
        abstract: "Load an agency archive (GET /api/v1/exports/agency) into an empty database.",
        discussion: """
            Connects with SHEAF_MIGRATION_DATABASE_URL (default DATABASE_URL) as the schema owner, applies \
            pending migrations like `sheaf migrate`, then loads every table in one transaction: all of it or \
            nothing. Refuses a database that already holds data, an archive whose checksums do not match, and \
            an archive of another schema version (import it with the Sheaf release that exported it, then \
            upgrade). Passwords are not in the archive: every user gets an unusable password and signs in \
            again after `sheaf reset-password --email …` (start with an admin).
            """)

    @Argument(help: "The archive (.tar) to load.") var file: String

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let archive: Data
        do { archive = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) } catch {
            Bootstrap.fail("cannot read \(file): \(error.localizedDescription)")
        }
        let pool = PostgresPool(configuration: .init(connectionString: configuration.migrationDatabaseURL, poolSize: 1), logger: logger)
        let hasher = PasswordHasher(cost: configuration.bcryptCost, threads: 1)
        let outcome: Result<AgencyImportService.Report, any Error>
        do {
            try await Migrator(migrations: try Migration.bundled(), logger: logger).migrate(on: pool, appRole: configuration.databaseAppRole)
            let unusable = try await hasher.hash(UUID().uuidString + UUID().uuidString)
            outcome = .success(try await AgencyImportService(pool: pool).importArchive(archive, passwordHash: unusable))
        } catch {
            outcome = .failure(error)
        }
        await pool.shutdown()
        await hasher.shutdown()
        switch outcome {
        case .success(let report):
            let rows = report.tables.reduce(0) { $0 + $1.rows }
            print("imported \(rows) rows in \(report.tables.count) tables at schema \(report.schemaVersion)")
            for table in report.tables where table.rows > 0 { print("  \(table.name): \(table.rows)") }
            print("users sign in again after `sheaf reset-password --email …` (passwords are never exported)")
        case .failure(let error as AgencyArchiveError):
            Bootstrap.fail("import-agency refused: \(error.message)")
        case .failure(let error):
            Bootstrap.fail("import-agency failed: \(String(reflecting: error))")
        }
    }
}
