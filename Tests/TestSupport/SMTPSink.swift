public import Foundation
public import Services

/// A real SMTP path for the e-mail tests (issue 14 item 4): an SMTP server on 127.0.0.1
/// (`scripts/lib/smtp_sink.py`, aiosmtpd) that keeps every message it receives, and an
/// msmtp configuration that delivers to it, so that Sheaf's ``SendmailTransport`` runs
/// `msmtp -t -i` exactly as it runs `sendmail -t -i` in production.
public final class SMTPSink: Sendable {
    /// One received message as Python's e-mail parser read it.
    public struct Received: Sendable {
        public struct Part: Sendable {
            public let contentType: String
            public let filename: String?
            public let data: Data
            public var text: String { String(decoding: data, as: UTF8.self) }
        }

        /// The envelope recipients (RCPT TO).
        public let recipients: [String]
        /// Decoded headers (`Subject` as text, not encoded words).
        public let headers: [String: String]
        public let contentType: String
        /// What the parser found wrong with the message; empty for a well-formed one.
        public let defects: [String]
        public let parts: [Part]
        /// The message as it arrived.
        public let raw: Data

        public func attachment(named name: String) -> Part? { parts.first { $0.filename == name } }
    }

    public let directory: URL
    public let port: Int
    /// `msmtp -C <config> -t -i`.
    public let transport: SendmailTransport
    private let process: ChildProcess

    /// Starts the sink; `stop()` it at the end of the test.
    public static func start() async throws -> SMTPSink {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/lib/smtp_sink.py").path
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/local/bin/python3"
        guard let msmtp = ["/usr/bin/msmtp", "/usr/local/bin/msmtp"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestSetupError(message: "msmtp is not installed: run the tests through scripts/test, which installs it")
        }
        let process = try ChildProcess(
            executable: python, arguments: [script, directory.path], environment: ["PATH": "/usr/bin:/bin"],
            outputPath: directory.appendingPathComponent("sink.log").path)
        let portFile = directory.appendingPathComponent("port")
        var port: Int?
        for _ in 0..<600 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text) {
                port = value
                break
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let port else {
            process.forceStop()
            throw TestSetupError(message: "the SMTP sink did not start: \(process.output)")
        }
        let config = directory.appendingPathComponent("msmtprc")
        let settings = """
            defaults
            auth off
            tls off
            account default
            host 127.0.0.1
            port \(port)
            from sheaf-tests@localhost

            """
        try Data(settings.utf8).write(to: config)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        let transport = SendmailTransport(command: [msmtp, "-C", config.path, "-t", "-i"], timeout: .seconds(20))
        return SMTPSink(directory: directory, port: port, transport: transport, process: process)
    }

    private init(directory: URL, port: Int, transport: SendmailTransport, process: ChildProcess) {
        self.directory = directory
        self.port = port
        self.transport = transport
        self.process = process
    }

    /// The messages received so far, in order of arrival.
    public func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted()
        return try names.map { name in
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(name))) as? [String: Any] ?? [:]
            let raw = try Data(contentsOf: directory.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".eml")))
            let parts = (summary["parts"] as? [[String: Any]] ?? []).map { part in
                Received.Part(
                    contentType: part["content_type"] as? String ?? "", filename: part["filename"] as? String,
                    data: Data(base64Encoded: part["data_base64"] as? String ?? "") ?? Data())
            }
            return Received(
                recipients: summary["rcpt"] as? [String] ?? [], headers: summary["headers"] as? [String: String] ?? [:],
                contentType: summary["content_type"] as? String ?? "", defects: summary["defects"] as? [String] ?? [], parts: parts,
                raw: raw)
        }
    }

    /// Waits until at least `count` messages arrived (at most `timeout`), and returns them all.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let messages = try received()
            if messages.count >= count { return messages }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try received()
    }

    public func stop() {
        process.forceStop()
        try? FileManager.default.removeItem(at: directory)
    }
}
