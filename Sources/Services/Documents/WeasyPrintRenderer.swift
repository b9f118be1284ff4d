public import Foundation

/// The PDF renderer of invoice documents (issue 13 item 3): WeasyPrint (Debian package
/// `weasyprint`) run as a child process on the document's HTML, producing PDF/A-3b with
/// the e-invoice (UBL XML) embedded as an attachment. A child process, not a library:
/// WeasyPrint is Python, and a crash or a hang stays outside the server (killed after
/// `timeout`).
public struct WeasyPrintRenderer: Sendable {
    /// What to install when it is missing, for messages and `sheaf check`.
    public static let installHint = "install WeasyPrint (Debian/Ubuntu: apt-get install weasyprint) so that `weasyprint` is on PATH"

    public let executable: String
    public let timeout: Duration

    public init(executable: String, timeout: Duration = .seconds(60)) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The renderer found on `PATH`, or nil.
    public static func located(path: String? = ProcessInfo.processInfo.environment["PATH"], timeout: Duration = .seconds(60))
        -> WeasyPrintRenderer?
    {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/weasyprint"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return WeasyPrintRenderer(executable: candidate, timeout: timeout)
            }
        }
        return nil
    }

    /// `WeasyPrint version 57.2`, or nil when it does not run.
    public func version() async -> String? {
        guard let output = try? await run(executable, ["--version"], in: FileManager.default.temporaryDirectory) else { return nil }
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// `html` as PDF/A-3b, with `attachment` (file name and bytes) embedded as an
    /// alternative form of the document, `identifier` as the file identifier and
    /// `modified` as the attachment's date. The HTML must be self-contained: it is
    /// rendered from a private temporary directory, and nothing else is given to
    /// WeasyPrint. The program is ``pdfA3Program``, run by WeasyPrint's own interpreter.
    public func render(html: String, attachment: (name: String, data: Data)?, identifier: String, modified: Date) async throws -> Data {
        guard let interpreter = Self.interpreter(of: executable) else {
            throw PDFRenderFailed(message: "\(executable) is not a Python script: no interpreter to run WeasyPrint with")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("document.html")
        let output = directory.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: input)
        var arguments = Array(interpreter.dropFirst()) + ["-c", Self.pdfA3Program, input.path, output.path, identifier, Self.pdfDate(modified)]
        if let attachment {
            // The attachment keeps its file name inside the PDF; a name of our own making,
            // never a path.
            let safe = String(attachment.name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
            let file = directory.appendingPathComponent(safe)
            try attachment.data.write(to: file)
            arguments.append(file.path)
        }
        _ = try await run(interpreter[0], arguments, in: directory)
        return try Data(contentsOf: output)
    }

    /// Runs `command` (WeasyPrint, or its interpreter) with `arguments`; its standard
    /// output, or an error with what it wrote on standard error. Output goes to files,
    /// not pipes: a pipe nobody drains while waiting would block the child.
    private func run(_ command: String, _ arguments: [String], in directory: URL) async throws -> Data {
        let stdoutURL = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        let stderrURL = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        let outcome: BoundedProcess.Outcome
        do {
            outcome = try await BoundedProcess.run(
                command, arguments, in: directory, input: FileHandle.nullDevice, output: stdout, errors: stderr, timeout: timeout)
        } catch {
            throw PDFRenderFailed(message: "could not start \(command): \(error)")
        }
        if outcome.status != 0 {
            let message = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
            throw PDFRenderFailed(
                message: outcome.killed
                    ? "weasyprint did not finish within \(timeout) and was stopped"
                    : "weasyprint exited with status \(outcome.status): \(message.suffix(500))")
        }
        return (try? Data(contentsOf: stdoutURL)) ?? Data()
    }
}

/// The renderer ran and failed (or ran out of time).
public struct PDFRenderFailed: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// There is no renderer: the PDF route answers 503 saying what to install.
public struct PDFRendererUnavailable: Error, Sendable {}
