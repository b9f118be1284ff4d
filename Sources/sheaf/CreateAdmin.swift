import API
import ArgumentParser
import Domain
import Foundation
import Logging
import Postgres
import Services

struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create an admin account.",
        discussion: """
            The password comes from SHEAF_ADMIN_PASSWORD or, when that is unset, from the first line of \
            standard input — never from the command line, where other users could read it. \
            Refuses when an account with that email already exists.
            """)

    @Option(help: "The admin's email (the login).") var email: String
    @Option(help: "The admin's display name.") var name: String

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let password = Bootstrap.password(from: "SHEAF_ADMIN_PASSWORD")
        let pool = PostgresPool(configuration: .init(connectionString: configuration.databaseURL, poolSize: 1), logger: logger)
        let hasher = PasswordHasher(cost: configuration.bcryptCost, threads: 1)
        do {
            let user = try await UserService(pool: pool, clock: SystemClock(), hasher: hasher)
                .createAdmin(email: email, name: name, password: password)
            print("created admin \(user.email) (id \(user.id))")
        } catch let error as DomainError {
            await pool.shutdown()
            await hasher.shutdown()
            if case .conflict = error { Bootstrap.fail("a user with email \(email) already exists") }
            let details = error.fieldErrors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            Bootstrap.fail(details.isEmpty ? error.message : details)
        } catch {
            await pool.shutdown()
            await hasher.shutdown()
            Bootstrap.fail("could not create the admin: \(error)")
        }
        await pool.shutdown()
        await hasher.shutdown()
    }
}
