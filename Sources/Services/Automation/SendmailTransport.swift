public import Domain
import Foundation

/// Hands e-mails to the system's mail transfer agent through the sendmail interface
/// (issue 14 item 4): `sendmail -t -i` reads the message on standard input, takes the
/// recipients from its `To:` header (`-t`) and does not stop at a line holding only a
/// dot (`-i`). Any MTA that provides the interface works: msmtp, postfix, exim. The
/// command is configurable (`SHEAF_SENDMAIL`, e.g. `/usr/bin/msmtp -C /etc/msmtprc -t -i`).
///
/// A child process with a timeout, so a stuck MTA never holds a job for long: after
/// `timeout` it is stopped and the delivery counts as failed (and is retried).
public struct SendmailTransport: Sendable {
    /// The default command: the sendmail interface where Debian puts it.
    public static let defaultCommand = "/usr/sbin/sendmail -t -i"

    /// The program and its arguments.
    public let command: [String]
    public let timeout: Duration

    public init(command: [String], timeout: Duration = .seconds(30)) {
        self.command = command
        self.timeout = timeout
    }

    /// A command line split at spaces (no shell quoting: paths with spaces are not supported).
    public init?(commandLine: String, timeout: Duration = .seconds(30)) {
        let parts = commandLine.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let program = parts.first, program.hasPrefix("/") else { return nil }
        self.init(command: parts, timeout: timeout)
    }

    /// The transport of `SHEAF_SENDMAIL` (`command`), or the default command when its
    /// program exists; nil: no way to send e-mail (deliveries wait and retry).
    public static func configured(command: String?) -> SendmailTransport? {
        if let command { return SendmailTransport(commandLine: command) }
        guard let transport = SendmailTransport(commandLine: defaultCommand),
            FileManager.default.isExecutableFile(atPath: transport.command[0])
        else { return nil }
        return transport
    }

    /// Sends `message`: returns when the MTA accepted it (exit status 0), throws
    /// ``MailTransportFailed`` otherwise, with what the MTA wrote on standard error.
    public func send(_ message: EmailMessage) async throws {
        let problems = message.problems
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Input and output through files, not pipes: a pipe nobody drains would block.
        let input = directory.appendingPathComponent("message.eml")
        let errors = directory.appendingPathComponent("stderr")
        try message.mime().write(to: input)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: input)
        let stderr = try FileHandle(forWritingTo: errors)
        defer {
            try? stdin.close()
            try? stderr.close()
        }
        let program = command[0]
        let outcome: BoundedProcess.Outcome
        do {
            outcome = try await BoundedProcess.run(
                program, Array(command.dropFirst()), in: directory, input: stdin, output: stderr, errors: stderr, timeout: timeout)
        } catch {
            throw MailTransportFailed(message: "could not start \(program): \(error)")
        }
        guard outcome.status == 0 else {
            let said = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            throw MailTransportFailed(
                message: outcome.killed
                    ? "\(program) did not finish within \(timeout) and was stopped"
                    : "\(program) exited with status \(outcome.status): \(said.suffix(500))")
        }
    }
}

/// The MTA refused the message, failed, or ran out of time.
public struct MailTransportFailed: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
