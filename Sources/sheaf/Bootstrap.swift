import API
import Foundation
import Logging

/// Process-wide set-up shared by the subcommands.
enum Bootstrap {
    /// Reads the configuration or prints every problem and exits 1.
    static func configuration() -> SheafConfiguration {
        do {
            return try SheafConfiguration.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("sheaf: \(error)\n".utf8))
            exit(1)
        }
    }

    /// JSON logs to standard error at the configured level. Runs once per process.
    static func logger(_ configuration: SheafConfiguration, label: String = "sheaf") -> Logger {
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// A password from the environment variable `variable` or else the first line of
    /// standard input — never from the command line, where other users could read it.
    static func password(from variable: String) -> String {
        if let fromEnvironment = ProcessInfo.processInfo.environment[variable], !fromEnvironment.isEmpty { return fromEnvironment }
        if let line = readLine(strippingNewline: true), !line.isEmpty { return line }
        fail("no password: set \(variable) or pipe it on standard input")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("sheaf: \(message)\n".utf8))
        exit(1)
    }
}
