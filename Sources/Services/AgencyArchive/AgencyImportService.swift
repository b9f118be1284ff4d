import Domain
public import Foundation
public import Postgres
import Storage

/// `sheaf import-agency FILE` (issue 16 item 5): loads an archive of
/// ``AgencyExportService`` into a migrated, empty database, in one transaction — all
/// of it or nothing. Runs as the schema owner (SHEAF_MIGRATION_DATABASE_URL): it turns
/// the tables' own triggers (read-only issued invoices, closed periods) off while it
/// loads rows that passed them once, which only the owner may do; foreign keys stay
/// enforced, so tables load in dependency order (see ``TableLoadOrder``).
///
/// Users arrive without their passwords (the archive never holds them): each gets the
/// hash it is given — of a random password nobody knows — and signs in again after
/// `sheaf reset-password --email …`.
public struct AgencyImportService: Sendable {
    public struct Report: Sendable, Equatable {
        /// Table → rows loaded, in load order.
        public let tables: [(name: String, rows: Int)]
        public let schemaVersion: String

        public static func == (lhs: Report, rhs: Report) -> Bool {
            lhs.schemaVersion == rhs.schemaVersion && lhs.tables.map(\.name) == rhs.tables.map(\.name)
                && lhs.tables.map(\.rows) == rhs.tables.map(\.rows)
        }
    }

    let pool: PostgresPool
    let store = AgencyArchiveStore()
    /// Rows sent to the server per statement, and the bytes of JSON a batch may hold.
    let batchRows = 1000
    let batchBytes = 8 << 20

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Reads and checks `archive` (manifest, checksums), then loads it. Throws
    /// ``AgencyArchiveError`` naming what is wrong: a damaged archive, another schema
    /// version, a database that is not empty, a role that does not own the tables.
    public func importArchive(_ archive: Data, passwordHash: String) async throws -> Report {
        let (manifest, entries) = try Self.open(archive)
        do {
            return try await pool.withTransaction(maxAttempts: 1) { tx in
                try await load(manifest, entries: entries, passwordHash: passwordHash, on: tx)
            }
        } catch let error as PostgresError where error.sqlState == "42501" {
            throw AgencyArchiveError(
                "the database role may not change the tables' triggers: run import-agency as the schema owner (SHEAF_MIGRATION_DATABASE_URL)")
        }
    }

    /// The manifest and entries of an archive whose every entry matches its checksum.
    static func open(_ archive: Data) throws -> (AgencyArchiveManifest, [String: Data]) {
        let list: [(name: String, contents: Data)]
        do { list = try TarArchive.entries(of: archive) } catch { throw AgencyArchiveError("not a Sheaf agency archive: \(error)") }
        let entries = Dictionary(list.map { ($0.name, $0.contents) }, uniquingKeysWith: { first, _ in first })
        guard let manifestData = entries[AgencyArchiveManifest.entryName] else {
            throw AgencyArchiveError("the archive has no \(AgencyArchiveManifest.entryName): it is not a Sheaf agency archive, or it was cut short")
        }
        let manifest: AgencyArchiveManifest
        do { manifest = try AgencyArchiveManifest.decode(manifestData) } catch {
            throw AgencyArchiveError("\(AgencyArchiveManifest.entryName) does not read: \(error)")
        }
        guard manifest.format == AgencyArchiveManifest.formatName, manifest.formatVersion == AgencyArchiveManifest.currentFormatVersion else {
            throw AgencyArchiveError("the archive's format is \(manifest.format) \(manifest.formatVersion); this Sheaf reads \(AgencyArchiveManifest.formatName) \(AgencyArchiveManifest.currentFormatVersion)")
        }
        for (name, contents) in entries where name != AgencyArchiveManifest.entryName {
            guard let expected = manifest.checksums[name] else { throw AgencyArchiveError("\(name) is in the archive but not in its manifest") }
            let actual = SHA256Digest(hashing: contents).hexString
            guard actual == expected else { throw AgencyArchiveError("\(name) does not match its checksum: the archive is damaged") }
        }
        if let missing = manifest.checksums.keys.sorted().first(where: { entries[$0] == nil }) {
            throw AgencyArchiveError("\(missing) is in the manifest but missing from the archive")
        }
        return (manifest, entries)
    }

    private func load(
        _ manifest: AgencyArchiveManifest, entries: [String: Data], passwordHash: String, on tx: PostgresTransaction
    ) async throws -> Report {
        let version = try await store.schemaVersion(on: tx)
        guard version == manifest.schemaVersion else {
            throw AgencyArchiveError(
                "the archive was exported at schema \(manifest.schemaVersion) and this database is at \(version ?? "none"): import it with the Sheaf release of that schema, then upgrade")
        }
        let archived = AgencyArchiveTables.archived(try await store.tables(on: tx))
        let listed = manifest.tables.map(\.name)
        guard Set(listed) == Set(archived) else {
            let extra = Set(listed).subtracting(archived).sorted(), missing = Set(archived).subtracting(listed).sorted()
            throw AgencyArchiveError("the archive's tables differ from this schema's (only in the archive: \(extra); only here: \(missing))")
        }
        var occupied: [String] = []
        for table in archived where !AgencyArchiveTables.seededByMigrations.contains(table) {
            let rows = try await store.count(table, on: tx)
            if rows > 0 { occupied.append("\(table) (\(rows))") }
        }
        guard occupied.isEmpty else {
            throw AgencyArchiveError(
                "the database is not empty — \(occupied.joined(separator: ", ")) — import-agency only loads into a freshly migrated database")
        }
        let order = try TableLoadOrder(tables: archived, foreignKeys: try await store.foreignKeys(on: tx))
        let byName = Dictionary(manifest.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for table in archived { try await store.setTriggers(table, enabled: false, on: tx) }
        for table in AgencyArchiveTables.seededByMigrations.sorted() where byName[table] != nil { try await store.empty(table, on: tx) }
        let replaced = try Self.replacements(for: byName, passwordHash: passwordHash)
        var loaded: [(name: String, rows: Int)] = []
        for table in order.tables {
            guard let listedTable = byName[table] else { continue }
            let emptied = order.deferred[table] ?? []
            var rows = 0
            try await batches(of: listedTable, entries: entries) { lines in
                rows += lines.count
                try await store.insert(table, jsonArray: Self.array(lines), emptied: emptied, replaced: replaced[table] ?? "{}", on: tx)
            }
            guard rows == listedTable.rows else {
                throw AgencyArchiveError("\(table) holds \(rows) rows but the manifest counts \(listedTable.rows)")
            }
            loaded.append((table, rows))
        }
        for (table, columns) in order.deferred.sorted(by: { $0.key < $1.key }) {
            guard let listedTable = byName[table] else { continue }
            let key = try await store.columns(of: table, on: tx).filter(\.isPrimaryKey).map(\.name)
            guard !key.isEmpty else { throw AgencyArchiveError("\(table) references itself but has no primary key to fill the references in by") }
            try await batches(of: listedTable, entries: entries) { lines in
                try await store.fill(table, columns: columns, key: key, jsonArray: Self.array(lines), on: tx)
            }
        }
        for sequence in manifest.sequences where byName[sequence.table] != nil { try await store.restore(sequence, on: tx) }
        for table in archived { try await store.setTriggers(table, enabled: true, on: tx) }
        return Report(tables: loaded, schemaVersion: manifest.schemaVersion)
    }

    /// The rows of a table, JSON object per line, in batches; a binary column's file
    /// name replaced by the file's bytes (as PostgreSQL's `\x…` hex text).
    private func batches(
        of table: AgencyArchiveManifest.Table, entries: [String: Data], _ body: ([Substring]) async throws -> Void
    ) async throws {
        var batch: [Substring] = []
        var bytes = 0
        for part in table.parts {
            guard let data = entries[part] else { throw AgencyArchiveError("\(part) is missing from the archive") }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                let row = table.fileColumns.isEmpty ? line : Substring(try Self.inliningFiles(line, columns: table.fileColumns, entries: entries))
                batch.append(row)
                bytes += row.utf8.count
                if batch.count >= batchRows || bytes >= batchBytes {
                    try await body(batch)
                    batch = []
                    bytes = 0
                }
            }
        }
        if !batch.isEmpty { try await body(batch) }
    }

    static func array(_ lines: [Substring]) -> String { "[" + lines.joined(separator: ",") + "]" }

    /// A row whose file columns name archive entries, with those entries' bytes instead.
    static func inliningFiles(_ line: Substring, columns: [String], entries: [String: Data]) throws -> String {
        guard var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw AgencyArchiveError("a row of the archive is not a JSON object")
        }
        for column in columns {
            guard let name = object[column] as? String else { continue }
            guard let bytes = entries[name] else { throw AgencyArchiveError("\(name) is missing from the archive") }
            object[column] = "\\x" + HexDigits.lowercase(bytes)
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// Table → the JSON object of columns every row gets instead of what was omitted.
    static func replacements(for tables: [String: AgencyArchiveManifest.Table], passwordHash: String) throws -> [String: String] {
        var found: [String: String] = [:]
        for (name, table) in tables where !table.omittedColumns.isEmpty {
            guard table.omittedColumns == ["password_hash"] else {
                throw AgencyArchiveError("the archive leaves out \(name).\(table.omittedColumns) and this Sheaf does not know what to write there")
            }
            found[name] = String(decoding: try JSONSerialization.data(withJSONObject: ["password_hash": passwordHash]), as: UTF8.self)
        }
        return found
    }
}
