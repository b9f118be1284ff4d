import Domain
public import Foundation
public import Postgres
import Storage

/// `GET /exports/agency` (issue 16 item 5): the whole agency as one tar archive —
/// every archived table as JSON Lines (`data/<table>/00001.jsonl`, a part per few MB),
/// receipts and rendered documents as files (`files/<table>/<id>-<column>.pdf`), and
/// `manifest.json` last, with the schema version, row counts, sequence positions and
/// the SHA-256 of every entry. Read in one REPEATABLE READ snapshot, so the tables
/// agree with each other; written as it is read. Admin only.
public struct AgencyExportService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let store = AgencyArchiveStore()
    /// Rows of one table are cut into parts of about this many bytes.
    let partBytes: Int

    public init(pool: PostgresPool, clock: any WallClock, partBytes: Int = 4 << 20) {
        self.pool = pool
        self.clock = clock
        self.partBytes = partBytes
    }

    /// Checks the caller may export before anything is written.
    public func authorize(_ caller: Caller) throws {
        try Policy.require(caller.actor, .moveAgencyData, .agency)
    }

    /// Writes the archive to `write`, a piece at a time. Nothing is retried: an error
    /// after the first piece leaves the archive cut short, which a reader refuses (its
    /// end blocks and manifest are missing).
    public func export(caller: Caller, write: (Data) async throws -> Void) async throws {
        try authorize(caller)
        let now = clock.now()
        try await pool.withTransaction(isolation: .repeatableRead, maxAttempts: 1) { tx in
            guard let version = try await store.schemaVersion(on: tx) else { throw AgencyArchiveError("the database has no migrations applied") }
            let archived = AgencyArchiveTables.archived(try await store.tables(on: tx))
            let order = try TableLoadOrder(tables: archived, foreignKeys: try await store.foreignKeys(on: tx))
            var checksums: [String: String] = [:]
            func put(_ name: String, _ contents: Data) async throws {
                checksums[name] = SHA256Digest(hashing: contents).hexString
                try await write(try TarArchive.entry(name: name, contents: contents, modified: now))
            }
            var tables: [AgencyArchiveManifest.Table] = []
            for table in order.tables {
                let columns = try await store.columns(of: table, on: tx)
                let files = AgencyArchiveTables.fileColumns(columns)
                let omitted = AgencyArchiveTables.omitted[table] ?? []
                var part = Data()
                var parts: [String] = []
                var rows = 0
                func flush() async throws {
                    let name = "data/\(table)/\(String(format: "%05d", parts.count + 1)).jsonl"
                    try await put(name, part)
                    parts.append(name)
                    part = Data()
                }
                // Rows with files (receipts up to the upload limit each) are read a few at a time.
                try await store.export(table, columns: columns, leaving: omitted, files: files, batchSize: files.isEmpty ? 500 : 4, on: tx) { batch in
                    for row in batch {
                        rows += 1
                        var fields: [String] = []
                        for (index, column) in files.enumerated() {
                            guard let bytes = row.files[index] else {
                                fields.append("\"\(column)\":null")
                                continue
                            }
                            let name = Self.fileName(table: table, column: column, key: row.key, row: rows, bytes: bytes)
                            try await put(name, bytes)
                            fields.append("\"\(column)\":\"\(name)\"")
                        }
                        part.append(Data(Self.adding(fields, to: row.json).utf8))
                        part.append(0x0A)
                        if part.count >= partBytes { try await flush() }
                    }
                }
                if !part.isEmpty { try await flush() }
                tables.append(.init(name: table, rows: rows, parts: parts, fileColumns: files, omittedColumns: omitted))
            }
            let manifest = AgencyArchiveManifest(
                schemaVersion: version, exportedAt: now, tables: tables, sequences: try await store.sequences(on: tx), checksums: checksums)
            try await write(try TarArchive.entry(name: AgencyArchiveManifest.entryName, contents: try manifest.encoded(), modified: now))
            try await write(TarArchive.end)
        }
    }

    /// `{"a":1}` with `"b":"x"` added: `{"a":1,"b":"x"}`. The fields are built here from
    /// catalog column names and archive paths (no quotes or backslashes in either).
    static func adding(_ fields: [String], to object: String) -> String {
        guard !fields.isEmpty, object.hasSuffix("}") else { return object }
        let body = object.dropLast()
        return body + (body.hasSuffix("{") ? "" : ",") + fields.joined(separator: ",") + "}"
    }

    /// `files/expense_receipts/<id>-data.pdf`: the row's id when it makes a safe name,
    /// else its number in the table; the extension from the bytes' signature.
    static func fileName(table: String, column: String, key: String?, row: Int, bytes: Data) -> String {
        let safe = key.flatMap { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } && !$0.isEmpty ? $0 : nil }
        let name = "files/\(table)/\(safe ?? String(row))-\(column).\(extensionOf(bytes))"
        return name.utf8.count <= 100 ? name : "files/\(table.prefix(40))/\(row)-\(column.prefix(20)).\(extensionOf(bytes))"
    }

    static func extensionOf(_ bytes: Data) -> String {
        let head = [UInt8](bytes.prefix(8))
        if head.starts(with: Array("%PDF".utf8)) { return "pdf" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if head.starts(with: Array("GIF8".utf8)) { return "gif" }
        if head.starts(with: Array("<".utf8)) { return "xml" }
        return "bin"
    }
}
