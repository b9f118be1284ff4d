public import API
import Foundation
public import Hummingbird
public import Postgres
public import Services
import Storage

/// Builds the real application around a test's pool.
public enum TestApp {
    /// bcrypt at its minimum cost: tests check behaviour, not hashing time.
    public static let hasher = PasswordHasher(cost: 4)

    public static func environment(
        configuration: SheafConfiguration = SheafConfiguration(databaseURL: ""), pool: PostgresPool, clock: any WallClock = SystemClock(),
        pdfRenderer: WeasyPrintRenderer? = nil, mailTransport: SendmailTransport? = nil
    ) -> AppEnvironment {
        var environment = AppEnvironment(
            configuration: configuration, pool: pool, logger: TestDatabase.logger, clock: clock, hasher: hasher, pdfRenderer: pdfRenderer)
        // Never the machine's own sendmail: a test that e-mails passes its SMTP sink's.
        environment.mailTransport = mailTransport
        return environment
    }

    /// `pdfRenderer`: none by default, so that tests issuing invoices do not render PDFs
    /// they never read; the document tests pass ``WeasyPrintRenderer/located(path:timeout:)``.
    public static func application(
        configuration: SheafConfiguration = SheafConfiguration(databaseURL: ""), pool: PostgresPool, clock: any WallClock = SystemClock(),
        pdfRenderer: WeasyPrintRenderer? = nil
    ) throws -> some ApplicationProtocol {
        // Recorded for the OpenAPI response check when SHEAF_TEST_EXCHANGES is set.
        RecordingApplication(
            base: try buildApplication(environment(configuration: configuration, pool: pool, clock: clock, pdfRenderer: pdfRenderer)),
            recorder: ExchangeRecorder.shared)
    }

    /// A configuration serving HTTPS with this test process's certificate, for tests
    /// whose requests must arrive as HTTPS (logins, the scenario suites).
    public static func httpsConfiguration() throws -> SheafConfiguration {
        let certificate = try TestCertificate.make()
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.tlsCertificatePath = certificate.certificatePath
        configuration.tlsKeyPath = certificate.keyPath
        return configuration
    }

    /// The application of a prepared environment (e.g. with a mail transport), recorded likewise.
    public static func application(_ environment: AppEnvironment) throws -> some ApplicationProtocol {
        RecordingApplication(base: try buildApplication(environment), recorder: ExchangeRecorder.shared)
    }

    /// A pool pointing nowhere, for tests whose routes never touch the database.
    public static func unusedPool() -> PostgresPool {
        PostgresPool(configuration: .init(connectionString: "host=/nonexistent dbname=none", poolSize: 1), logger: TestDatabase.logger)
    }

    /// Applies the bundled migrations (for tests on a private cluster).
    public static func migrate(_ pool: PostgresPool) async throws {
        try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(on: pool)
    }
}

/// The `paths` of the OpenAPI document as `"get /api/v1/users/{}"` strings.
public enum OpenAPIPaths {
    public static func parse(_ yaml: String) -> Set<String> {
        var result = Set<String>()
        var inPaths = false
        var currentPath: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { inPaths = false; continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path = currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(key)) { result.insert("\(key) \(normalize(path))") }
            }
        }
        return result
    }

    /// `/users/{id}` and `/users/:id` both become `/users/{}`.
    public static func normalize(_ path: String) -> String {
        "/" + path.split(separator: "/").map { part in
            part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}")) ? "{}" : String(part)
        }.joined(separator: "/")
    }
}
