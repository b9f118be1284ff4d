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

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("sheaf: \(message)\n".utf8))
        exit(1)
    }
}
