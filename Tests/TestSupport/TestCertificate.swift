import Foundation

/// The folder of the certificate made for this test process, removed when it exits
/// (a private key must not outlive the run).
nonisolated(unsafe) private var certificateFolder: String?

/// A throwaway self-signed certificate for localhost, made with the openssl CLI once per
/// test process and deleted when the process exits.
public struct TestCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String

    private static let shared = Result { try create() }

    /// The process's certificate (every HTTPS test may share it: it is read-only).
    public static func make() throws -> TestCertificate { try shared.get() }

    private static func create() throws -> TestCertificate {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "sheaf-tls-\(UUID().uuidString.prefix(8))")
        certificateFolder = directory.path
        atexit {
            if let folder = certificateFolder { try? FileManager.default.removeItem(atPath: folder) }
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appending(path: "cert.pem").path
        let key = directory.appending(path: "key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError(message: "openssl could not make a test certificate") }
        return TestCertificate(certificatePath: cert, keyPath: key)
    }
}
