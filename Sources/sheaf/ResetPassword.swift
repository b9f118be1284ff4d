import API
import ArgumentParser
import Domain
import Foundation
import Logging
import Postgres
import Services

/// The way back into a lost account (usually the last admin's): run on the server,
/// by whoever can read its configuration.
struct ResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Set a new password for an account and sign it out everywhere.",
        discussion: """
            The new password comes from SHEAF_NEW_PASSWORD or, when that is unset, from the first line of \
            standard input — never from the command line, where other users could read it. Every session \
            of the account is revoked, and the reset is recorded in the audit trail.
            """)

    @Option(help: "The account's email (the login).") var email: String

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let password = Bootstrap.password(from: "SHEAF_NEW_PASSWORD")
        let pool = PostgresPool(configuration: .init(connectionString: configuration.databaseURL, poolSize: 1), logger: logger)
        let hasher = PasswordHasher(cost: configuration.bcryptCost, threads: 1)
        let auth = AuthService(
            pool: pool, clock: SystemClock(), hasher: hasher,
            lifetime: SessionLifetime(idleTimeout: configuration.sessionIdleTimeout, absoluteLifetime: configuration.sessionLifetime))
        let outcome: Result<User, any Error>
        do {
            outcome = .success(try await auth.resetPassword(email: email, new: password))
        } catch {
            outcome = .failure(error)
        }
        await pool.shutdown()
        await hasher.shutdown()
        switch outcome {
        case .success(let user):
            print("new password set for \(user.email) (id \(user.id)); all of its sessions were revoked")
        case .failure(DomainError.notFound):
            Bootstrap.fail("no account has the email \(email)")
        case .failure(let error as DomainError):
            let details = error.fieldErrors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            Bootstrap.fail(details.isEmpty ? error.message : details)
        case .failure(let error):
            Bootstrap.fail("could not reset the password: \(error)")
        }
    }
}
