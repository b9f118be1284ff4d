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
            await pool.shutdown()
        } catch {
            await pool.shutdown()
            Bootstrap.fail("database: \(error)")
        }
    }
}
