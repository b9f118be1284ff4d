import Crypto
import Foundation

/// One schema migration file compiled into the binary (see the EmbedMigrations plugin).
public struct Migration: Sendable, Equatable {
    /// The number at the start of the file name (`0007_invoices.sql` → 7).
    public let version: Int
    /// The file name, used in every message about it.
    public let name: String
    public let sql: String
    /// SHA-256 of the SQL text, hex.
    public let checksum: String

    public init(name: String, sql: String) throws {
        guard let digits = name.split(separator: "_").first, digits.count == 4, let version = Int(digits) else {
            throw MigrationError.badFileName(name)
        }
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The migrations this binary carries, in order.
    public static func bundled() throws -> [Migration] {
        let migrations = try embeddedMigrationFiles.map { try Migration(name: $0.name, sql: $0.text) }.sorted { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(previous.name, next.name)
        }
        return migrations
    }
}

/// Why the schema and the binary disagree.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(String, String)
    /// An applied file was edited afterwards.
    case checksumMismatch(name: String)
    /// The database has a version this binary does not know (an older binary?).
    case unknownVersion(version: Int)
    /// Files not yet applied (for `serve`, which never migrates by itself).
    case pending(names: [String])

    public var description: String {
        switch self {
        case .badFileName(let name):
            "migration file \(name) must be named NNNN_description.sql"
        case .duplicateVersion(let first, let second):
            "migration files \(first) and \(second) share a version number"
        case .checksumMismatch(let name):
            "sql/\(name) was changed after it was applied to this database (checksum mismatch); restore the applied text and put the change in a new migration"
        case .unknownVersion(let version):
            "the database has migration \(String(format: "%04d", version)) that this binary does not know; run a sheaf binary at least as new as the one that applied it"
        case .pending(let names):
            "the database schema is behind this binary; run `sheaf migrate` to apply: \(names.joined(separator: ", "))"
        }
    }
}
