public import Domain
import Configuration
public import Foundation
public import Logging
import Services

/// Every setting of the server, read once from the environment.
public struct SheafConfiguration: Sendable {
    public var databaseURL: String
    /// The owner role's connection string for `sheaf migrate` (defaults to `databaseURL`).
    public var migrationDatabaseURL: String
    /// The least-privilege role `sheaf migrate` grants the application's rights to.
    public var databaseAppRole: String?
    public var host: String
    public var port: Int
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    public var trustedProxies: [CIDR]
    /// Client addresses that may read `/metrics` (after trusted-proxy resolution):
    /// loopback by default, so the public listener does not hand them out.
    public var metricsAllowed: [CIDR]
    public var poolSize: Int
    public var poolTimeout: Duration
    public var logLevel: Logger.Level
    public var maxBodyBytes: Int
    /// The largest receipt file `POST /expenses/{id}/receipts` accepts
    /// (`SHEAF_MAX_RECEIPT_BYTES`); every other route keeps `maxBodyBytes`.
    public var maxReceiptBytes: Int
    /// The largest import file `POST /imports/…` accepts (`SHEAF_MAX_IMPORT_BYTES`,
    /// 20 MB by default; issue 16 item 6).
    public var maxImportBytes: Int
    public var sessionIdleTimeout: Duration
    public var sessionLifetime: Duration
    public var bcryptCost: Int
    /// The key that signs client-validation links (`SHEAF_LINK_SECRET`, at least 32 bytes).
    public var linkSecret: [UInt8]
    /// The public origin that validation links start with (`SHEAF_PUBLIC_URL`, e.g.
    /// `https://sheaf.example.com`); empty: links are relative (`/api/v1/…`).
    public var publicURL: String
    /// A read-only connection (a streaming hot standby) the reports read from
    /// (`SHEAF_REPORTS_DATABASE_URL`); nil: reports read the primary.
    public var reportsDatabaseURL: String?
    /// Past this replay lag the reports read the primary (`SHEAF_REPORTS_MAX_LAG_SECONDS`).
    public var reportsMaxLag: Duration
    /// Which receivers webhooks may reach (`SHEAF_WEBHOOKS_ALLOW_LOOPBACK`,
    /// `SHEAF_WEBHOOKS_ALLOW_PRIVATE`; both off by default: SSRF).
    public var webhookPolicy: WebhookAddressPolicy
    /// Extra certificate authorities webhook receivers may present (`SHEAF_WEBHOOKS_CA_FILE`, PEM).
    public var webhookCAFile: String?
    /// The limit of one webhook attempt (`SHEAF_WEBHOOKS_TIMEOUT_SECONDS`).
    public var webhookTimeout: Duration
    /// The sendmail interface e-mails go through (`SHEAF_SENDMAIL`, e.g.
    /// `/usr/bin/msmtp -t -i`); nil: `/usr/sbin/sendmail -t -i` when it exists.
    public var sendmailCommand: String?

    public var tlsEnabled: Bool { tlsCertificatePath != nil }

    /// Variable names and defaults, in the order `sheaf check` prints them.
    public static let variables: [(name: String, defaultValue: String?, secret: Bool)] = [
        ("DATABASE_URL", nil, true),
        ("SHEAF_MIGRATION_DATABASE_URL", "DATABASE_URL", true),
        ("SHEAF_DB_APP_ROLE", "", false),
        ("SHEAF_HOST", "127.0.0.1", false),
        ("SHEAF_PORT", "8443 with TLS, else 8080", false),
        ("SHEAF_TLS_CERT", "", false),
        ("SHEAF_TLS_KEY", "", false),
        ("SHEAF_TRUSTED_PROXIES", "", false),
        ("SHEAF_METRICS_ALLOWED", "127.0.0.0/8,::1", false),
        ("SHEAF_DB_POOL_SIZE", "8", false),
        ("SHEAF_DB_POOL_TIMEOUT_MS", "5000", false),
        ("SHEAF_LOG_LEVEL", "info", false),
        ("SHEAF_MAX_BODY_BYTES", "1048576", false),
        ("SHEAF_MAX_RECEIPT_BYTES", "10485760", false),
        ("SHEAF_MAX_IMPORT_BYTES", "20971520", false),
        ("SHEAF_SESSION_IDLE_MINUTES", "120", false),
        ("SHEAF_SESSION_LIFETIME_HOURS", "720", false),
        ("SHEAF_BCRYPT_COST", "12", false),
        ("SHEAF_LINK_SECRET", nil, true),
        ("SHEAF_PUBLIC_URL", "", false),
        ("SHEAF_REPORTS_DATABASE_URL", "", true),
        ("SHEAF_REPORTS_MAX_LAG_SECONDS", "30", false),
        ("SHEAF_WEBHOOKS_ALLOW_LOOPBACK", "false", false),
        ("SHEAF_WEBHOOKS_ALLOW_PRIVATE", "false", false),
        ("SHEAF_WEBHOOKS_CA_FILE", "", false),
        ("SHEAF_WEBHOOKS_TIMEOUT_SECONDS", "10", false),
        ("SHEAF_SENDMAIL", SendmailTransport.defaultCommand, false),
    ]

    /// A configuration for tests and tools; production reads `fromEnvironment`.
    public init(databaseURL: String) {
        self.databaseURL = databaseURL
        migrationDatabaseURL = databaseURL
        databaseAppRole = nil
        host = "127.0.0.1"
        port = 0
        tlsCertificatePath = nil
        tlsKeyPath = nil
        trustedProxies = []
        metricsAllowed = [CIDR("127.0.0.0/8")!, CIDR("::1")!]
        poolSize = 8
        poolTimeout = .seconds(5)
        logLevel = .info
        maxBodyBytes = 1_048_576
        maxReceiptBytes = 10_485_760
        maxImportBytes = 20_971_520
        sessionIdleTimeout = .seconds(120 * 60)
        sessionLifetime = .seconds(720 * 3600)
        bcryptCost = 12
        // Random per process: links made by one test application work only there.
        var generator = SystemRandomNumberGenerator()
        linkSecret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        publicURL = ""
        reportsDatabaseURL = nil
        reportsMaxLag = .seconds(30)
        webhookPolicy = WebhookAddressPolicy()
        webhookCAFile = nil
        webhookTimeout = .seconds(10)
        sendmailCommand = nil
    }

    /// Reads and validates every variable; reports all problems at once.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SheafConfiguration {
        let reader = ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))
        var problems: [String] = []
        func text(_ key: ConfigKey) -> String? {
            guard let value = reader.string(forKey: key)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ key: ConfigKey, _ name: String, default defaultValue: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = text(key) else { return defaultValue }
            guard let value = Int(raw), range.contains(value) else {
                problems.append("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
                return defaultValue
            }
            return value
        }

        let databaseURL = text("database.url")
        if databaseURL == nil { problems.append("DATABASE_URL is required (a libpq connection string or URI)") }
        var configuration = SheafConfiguration(databaseURL: databaseURL ?? "")
        configuration.migrationDatabaseURL = text("sheaf.migration.database.url") ?? configuration.databaseURL
        if let role = text("sheaf.db.app.role") {
            if role.range(of: "^[A-Za-z_][A-Za-z0-9_$]{0,62}$", options: .regularExpression) == nil {
                problems.append("SHEAF_DB_APP_ROLE must be a plain PostgreSQL role name, got \"\(role)\"")
            } else {
                configuration.databaseAppRole = role
            }
        }
        configuration.host = text("sheaf.host") ?? "127.0.0.1"
        configuration.tlsCertificatePath = text("sheaf.tls.cert")
        configuration.tlsKeyPath = text("sheaf.tls.key")
        switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
        case (nil, nil): break
        case (let cert?, let key?):
            for (name, path) in [("SHEAF_TLS_CERT", cert), ("SHEAF_TLS_KEY", key)] where !FileManager.default.isReadableFile(atPath: path) {
                problems.append("\(name) names \(path), which is not a readable file")
            }
        default:
            problems.append("SHEAF_TLS_CERT and SHEAF_TLS_KEY must be set together (PEM certificate chain and private key)")
        }
        configuration.port = integer("sheaf.port", "SHEAF_PORT", default: configuration.tlsEnabled ? 8443 : 8080, range: 0...65535)
        if let proxies = text("sheaf.trusted.proxies") {
            for entry in proxies.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
                if let cidr = CIDR(entry) { configuration.trustedProxies.append(cidr) } else {
                    problems.append("SHEAF_TRUSTED_PROXIES has \"\(entry)\", which is not an IP address or CIDR network")
                }
            }
        }
        if let allowed = text("sheaf.metrics.allowed") {
            configuration.metricsAllowed = []
            for entry in allowed.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
                if let cidr = CIDR(entry) { configuration.metricsAllowed.append(cidr) } else {
                    problems.append("SHEAF_METRICS_ALLOWED has \"\(entry)\", which is not an IP address or CIDR network")
                }
            }
        }
        configuration.poolSize = integer("sheaf.db.pool.size", "SHEAF_DB_POOL_SIZE", default: 8, range: 1...500)
        configuration.poolTimeout = .milliseconds(
            integer("sheaf.db.pool.timeout.ms", "SHEAF_DB_POOL_TIMEOUT_MS", default: 5000, range: 1...600_000))
        if let level = text("sheaf.log.level") {
            if let parsed = Logger.Level(rawValue: level.lowercased()) { configuration.logLevel = parsed } else {
                problems.append("SHEAF_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got \"\(level)\"")
            }
        }
        configuration.maxBodyBytes = integer("sheaf.max.body.bytes", "SHEAF_MAX_BODY_BYTES", default: 1_048_576, range: 1024...1_073_741_824)
        configuration.maxReceiptBytes = integer(
            "sheaf.max.receipt.bytes", "SHEAF_MAX_RECEIPT_BYTES", default: 10_485_760, range: 1024...1_073_741_824)
        configuration.maxImportBytes = integer(
            "sheaf.max.import.bytes", "SHEAF_MAX_IMPORT_BYTES", default: 20_971_520, range: 1024...1_073_741_824)
        configuration.sessionIdleTimeout = .seconds(
            60 * integer("sheaf.session.idle.minutes", "SHEAF_SESSION_IDLE_MINUTES", default: 120, range: 1...525_600))
        configuration.sessionLifetime = .seconds(
            3600 * integer("sheaf.session.lifetime.hours", "SHEAF_SESSION_LIFETIME_HOURS", default: 720, range: 1...87_600))
        configuration.bcryptCost = integer("sheaf.bcrypt.cost", "SHEAF_BCRYPT_COST", default: 12, range: 12...31)
        if let secret = text("sheaf.link.secret") {
            if let bytes = Self.parseSecret(secret), bytes.count >= 32 { configuration.linkSecret = bytes } else {
                problems.append("SHEAF_LINK_SECRET must be at least 32 bytes as hex or base64 (e.g. openssl rand -hex 32)")
            }
        } else {
            problems.append("SHEAF_LINK_SECRET is required: the key that signs client-validation links, at least 32 random bytes as hex or base64 (e.g. openssl rand -hex 32)")
        }
        if let url = text("sheaf.public.url") {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            if let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil,
                parsed.query == nil, parsed.fragment == nil
            {
                configuration.publicURL = trimmed
            } else {
                problems.append("SHEAF_PUBLIC_URL must be an http(s) URL such as https://sheaf.example.com, got \"\(url)\"")
            }
        }
        configuration.reportsDatabaseURL = text("sheaf.reports.database.url")
        configuration.reportsMaxLag = .seconds(
            integer("sheaf.reports.max.lag.seconds", "SHEAF_REPORTS_MAX_LAG_SECONDS", default: 30, range: 0...86_400))

        func flag(_ key: ConfigKey, _ name: String) -> Bool {
            guard let raw = text(key) else { return false }
            switch raw.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default:
                problems.append("\(name) must be true or false, got \"\(raw)\"")
                return false
            }
        }
        configuration.webhookPolicy = WebhookAddressPolicy(
            allowLoopback: flag("sheaf.webhooks.allow.loopback", "SHEAF_WEBHOOKS_ALLOW_LOOPBACK"),
            allowPrivate: flag("sheaf.webhooks.allow.private", "SHEAF_WEBHOOKS_ALLOW_PRIVATE"))
        if let file = text("sheaf.webhooks.ca.file") {
            if FileManager.default.isReadableFile(atPath: file) { configuration.webhookCAFile = file } else {
                problems.append("SHEAF_WEBHOOKS_CA_FILE names \(file), which is not a readable file")
            }
        }
        configuration.webhookTimeout = .seconds(
            integer("sheaf.webhooks.timeout.seconds", "SHEAF_WEBHOOKS_TIMEOUT_SECONDS", default: 10, range: 1...60))

        if let command = text("sheaf.sendmail") {
            if SendmailTransport(commandLine: command) != nil {
                configuration.sendmailCommand = command
            } else {
                problems.append("SHEAF_SENDMAIL must be an absolute path with its arguments, e.g. \"/usr/sbin/sendmail -t -i\", got \"\(command)\"")
            }
        }

        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// The effective settings with secrets masked, for `sheaf check`.
    public func redactedSummary() -> [(String, String)] {
        [
            ("DATABASE_URL", Self.redactConnectionString(databaseURL)),
            ("SHEAF_MIGRATION_DATABASE_URL", Self.redactConnectionString(migrationDatabaseURL)),
            ("SHEAF_DB_APP_ROLE", databaseAppRole ?? "(none)"),
            ("SHEAF_HOST", host),
            ("SHEAF_PORT", String(port)),
            ("SHEAF_TLS_CERT", tlsCertificatePath ?? "(none: plain HTTP)"),
            ("SHEAF_TLS_KEY", tlsKeyPath == nil ? "(none)" : "(set)"),
            ("SHEAF_TRUSTED_PROXIES", trustedProxies.isEmpty ? "(none)" : trustedProxies.map(\.description).joined(separator: ",")),
            ("SHEAF_METRICS_ALLOWED", metricsAllowed.map(\.description).joined(separator: ",")),
            ("SHEAF_DB_POOL_SIZE", String(poolSize)),
            ("SHEAF_DB_POOL_TIMEOUT_MS", String(poolTimeout.components.seconds * 1000 + poolTimeout.components.attoseconds / 1_000_000_000_000_000)),
            ("SHEAF_LOG_LEVEL", logLevel.rawValue),
            ("SHEAF_MAX_BODY_BYTES", String(maxBodyBytes)),
            ("SHEAF_MAX_RECEIPT_BYTES", String(maxReceiptBytes)),
            ("SHEAF_MAX_IMPORT_BYTES", String(maxImportBytes)),
            ("SHEAF_SESSION_IDLE_MINUTES", String(sessionIdleTimeout.components.seconds / 60)),
            ("SHEAF_SESSION_LIFETIME_HOURS", String(sessionLifetime.components.seconds / 3600)),
            ("SHEAF_BCRYPT_COST", String(bcryptCost)),
            ("SHEAF_LINK_SECRET", "(set, \(linkSecret.count) bytes)"),
            ("SHEAF_SENDMAIL", sendmailCommand ?? "\(SendmailTransport.defaultCommand) (default)"),
            ("SHEAF_PUBLIC_URL", publicURL.isEmpty ? "(none: relative links)" : publicURL),
            ("SHEAF_REPORTS_DATABASE_URL", reportsDatabaseURL.map(Self.redactConnectionString) ?? "(none: reports read the primary)"),
            ("SHEAF_REPORTS_MAX_LAG_SECONDS", String(reportsMaxLag.components.seconds)),
            ("SHEAF_WEBHOOKS_ALLOW_LOOPBACK", String(webhookPolicy.allowLoopback)),
            ("SHEAF_WEBHOOKS_ALLOW_PRIVATE", String(webhookPolicy.allowPrivate)),
            ("SHEAF_WEBHOOKS_CA_FILE", webhookCAFile ?? "(none)"),
            ("SHEAF_WEBHOOKS_TIMEOUT_SECONDS", String(webhookTimeout.components.seconds)),
        ]
    }

    /// A secret as hex (an even number of hex digits) or base64 / base64url; nil when it is neither.
    static func parseSecret(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        if utf8.count.isMultiple(of: 2), utf8.allSatisfy({ $0 < 128 && Character(Unicode.Scalar($0)).isHexDigit }) {
            return stride(from: 0, to: utf8.count, by: 2).compactMap { UInt8(String(decoding: utf8[$0..<$0 + 2], as: UTF8.self), radix: 16) }
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }

    /// Masks passwords in a libpq URI (`postgresql://user:secret@…`) or keyword string (`password=…`).
    public static func redactConnectionString(_ text: String) -> String {
        var result = text
        if let regex = try? NSRegularExpression(pattern: "(postgres(?:ql)?://[^:/@]*:)[^@]*(@)") {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1***$2")
        }
        if let regex = try? NSRegularExpression(pattern: "(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S+)", options: .caseInsensitive) {
            result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1***")
        }
        return result
    }
}

/// Every missing or invalid variable, reported together.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
