import API
import ArgumentParser
import Domain
import Foundation
import Logging
import Postgres
import Services

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a realistic demo agency (for a first look, or to measure Sheaf at scale).",
        discussion: """
            Per scale unit: a team of 12 collaborators, about two projects on the three billing models, half a client, \
            and a year of work: about 10 000 time entries and 144 expenses. --scale 100 is about a million time entries \
            and 221 projects. The first two months of every time-and-materials project are invoiced through the real \
            invoicing services (issued; the first month paid). Everything follows from --seed and --last-day: the same \
            values load the same rows. The demo is added beside the existing data; one seed loads once per database. \
            Every demo user (admin@demoSEED.example, a manager leading each team, members, one client contact per \
            client) has the password from SHEAF_DEMO_PASSWORD, or a generated one printed at the end.
            """)

    @Option(help: "Size of the agency (1…\(DemoPlan.maximumScale)); 100 ≈ a million time entries.") var scale = 1
    @Option(help: "Seed of every generated value.") var seed = 42
    @Option(help: "Last day of logged time, YYYY-MM-DD (default: today, UTC).") var lastDay: String?

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let clock = SystemClock()
        let plan: DemoPlan
        do throws(DomainError) {
            var last = LocalDate.of(clock.now())
            if let lastDay { last = try LocalDate.parse(lastDay, field: "last-day") }
            plan = try DemoPlan(scale: scale, seed: seed, lastDay: last)
        } catch {
            Bootstrap.fail(error.fieldErrors.map { "--\($0.field) \($0.message)" }.joined(separator: "; "))
        }
        let given = ProcessInfo.processInfo.environment["SHEAF_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? Self.generatedPassword()
        let hasher = PasswordHasher(cost: configuration.bcryptCost, threads: 1)
        let pool = PostgresPool(configuration: .init(connectionString: configuration.databaseURL, poolSize: 2), logger: logger)
        let started = ContinuousClock.now
        do {
            let hash = try await hasher.hash(password)
            let summary = try await DemoService(pool: pool, clock: clock).load(plan, passwordHash: hash) { Self.show($0) }
            FileHandle.standardError.write(Data("\n".utf8))
            let seconds = (ContinuousClock.now - started).components.seconds
            print("""
                demo loaded in \(seconds) s: \(summary.people) people, \(summary.projects) projects, \(summary.timeEntries) time entries, \
                \(summary.expenses) expenses, \(summary.invoicesIssued) invoices issued (\(summary.invoicesPaid) paid)
                sign in as \(summary.adminEmail)\(given == nil ? " with the password \(password)" : " with SHEAF_DEMO_PASSWORD")
                """)
        } catch {
            await pool.shutdown()
            await hasher.shutdown()
            if let error = error as? DomainError { Bootstrap.fail(error.message) }
            Bootstrap.fail("could not load the demo: \(error)")
        }
        await pool.shutdown()
        await hasher.shutdown()
    }

    /// A progress bar on standard error, redrawn in place.
    static func show(_ progress: DemoProgress) {
        let width = 30
        let filled = progress.total == 0 ? width : width * progress.done / progress.total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r[\(bar)] \(progress.step) \(progress.done)/\(progress.total)   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func generatedPassword() -> String {
        let letters = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in letters.randomElement(using: &generator)! })
    }
}
