import API
import ArgumentParser

@main
struct Sheaf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheaf",
        abstract: "Sheaf connects an agency's project tracking to its invoicing.",
        discussion: "Configuration comes from environment variables; see README.md or deploy/sheaf.env.example.",
        subcommands: [Serve.self, Migrate.self, CreateAdmin.self, ResetPassword.self, Check.self, Demo.self, ImportAgency.self]
    )
}
