import Foundation

/// Runs a helper program (WeasyPrint, the sendmail interface) to its end within a time
/// limit, its standard streams on the given file handles (files, not pipes: a pipe
/// nobody drains while waiting would block the child).
///
/// Past `timeout` the child is killed with SIGKILL, not `terminate()`'s SIGTERM: `sheaf
/// serve` ignores SIGTERM to handle it itself (swift-service-lifecycle), an ignored
/// signal stays ignored across exec, so a child would never see it.
enum BoundedProcess {
    struct Outcome {
        let status: Int32
        /// It ran out of time and was killed.
        let killed: Bool
    }

    /// Runs `command` with `arguments` in `directory`. Throws only when it cannot start
    /// (the error of `Process.run()`).
    static func run(
        _ command: String, _ arguments: [String], in directory: URL, input: FileHandle, output: FileHandle, errors: FileHandle,
        timeout: Duration
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
        return Outcome(status: status, killed: process.terminationReason == .uncaughtSignal)
    }
}
