import API
import ArgumentParser
import Foundation
import Logging
import Postgres
import Services
import Storage

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the effective configuration (secrets masked) and test the database connection.",
        discussion: "Exits 0 when the configuration is valid and the database answers, 1 otherwise.")

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        print("configuration:")
        for (name, value) in configuration.redactedSummary() {
            print("  \(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(value)")
        }
        // The PDF renderer is optional: without it the server runs and the PDF route answers 503.
        if let renderer = WeasyPrintRenderer.located(), let version = await renderer.version() {
            print("pdf renderer: \(version) (\(renderer.executable))")
        } else {
            print("pdf renderer: missing — invoice PDFs answer 503; \(WeasyPrintRenderer.installHint)")
        }
        let pool = PostgresPool(configuration: .init(connectionString: configuration.databaseURL, poolSize: 1), logger: logger)
        do {
            let row = try await pool.queryOne("SELECT current_user AS role, current_database() AS database, version() AS version")
            print("database: connected as \(try row.decode("role", as: String.self)) to \(try row.decode("database", as: String.self))")
            print("  \(try row.decode("version", as: String.self))")
            do {
                try await Migrator(migrations: try Migration.bundled(), logger: logger).requireCurrent(on: pool)
                print("schema: current")
            } catch {
                print("schema: \(error)")
            }
            await reportsStatus(configuration, primary: pool, logger: logger)
            await pool.shutdown()
        } catch {
            await pool.shutdown()
            Bootstrap.fail("database: \(error)")
        }
    }
}

extension Check {
    /// Where reports would read, and the standby's lag (informational: a standby that is
    /// down does not fail the check, since reports then read the primary).
    func reportsStatus(_ configuration: SheafConfiguration, primary: PostgresPool, logger: Logger) async {
        guard let url = configuration.reportsDatabaseURL else {
            print("reports: read the primary (no SHEAF_REPORTS_DATABASE_URL)")
            return
        }
        let standby = PostgresPool(configuration: .init(connectionString: url, applicationName: "sheaf-reports", poolSize: 1), logger: logger)
        let reports = ReportDatabase(primary: primary, standby: standby, maxLag: configuration.reportsMaxLag, logger: logger)
        let status = await reports.status()
        let lag = status.lagMilliseconds.map { "\($0) ms" } ?? "unknown"
        print("reports: read the \(status.source.rawValue); standby lag \(lag)\(status.fallbackReason.map { " (\($0))" } ?? "")")
        await reports.shutdown()
    }
}
