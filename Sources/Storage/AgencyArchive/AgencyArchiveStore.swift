public import Domain
public import Foundation
public import Postgres

/// SQL for the whole-agency archive (issue 16 item 5). Tables are found in the catalog,
/// not listed here, so a table a later migration adds is archived without a change;
/// their names reach SQL only as quoted identifiers read from `information_schema`.
public struct AgencyArchiveStore: Sendable {
    public init() {}

    /// A column of an archived table.
    public struct Column: Sendable, Equatable {
        public let name: String
        public let dataType: String
        public let isPrimaryKey: Bool
    }

    /// One row as read for the archive: its JSON object (without the binary and omitted
    /// columns), the binary columns' bytes, and its `id` when it has one.
    public struct ExportRow: Sendable {
        public let json: String
        public let files: [Data?]
        public let key: String?
    }

    /// Every ordinary table of the schema, by name.
    public func tables(on db: some PostgresQueryable) async throws -> [String] {
        try await db.query(
            """
            SELECT table_name::text AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
        ) { try $0.decode("name") }
    }

    /// The foreign keys between the schema's tables.
    public func foreignKeys(on db: some PostgresQueryable) async throws -> [TableLoadOrder.ForeignKey] {
        try await db.query(
            """
            SELECT src.relname::text AS tbl, dst.relname::text AS ref,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k
                         ORDER BY a.attname) AS cols,
                   NOT EXISTS (SELECT 1 FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k
                               WHERE a.attnotnull) AS nullable,
                   EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.conrelid AND k.contype = 'c' AND k.conkey && c.conkey) AS checked
            FROM pg_constraint c
            JOIN pg_class src ON src.oid = c.conrelid
            JOIN pg_class dst ON dst.oid = c.confrelid
            WHERE c.contype = 'f' AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
            ORDER BY 1, 2, c.conname
            """
        ) { row in
            TableLoadOrder.ForeignKey(
                table: try row.decode("tbl"), columns: try row.decode("cols"), referenced: try row.decode("ref"), nullable: try row.decode("nullable"),
                checked: try row.decode("checked"))
        }
    }

    /// The columns of `table`, in table order.
    public func columns(of table: String, on db: some PostgresQueryable) async throws -> [Column] {
        try await db.query(
            """
            SELECT c.column_name::text AS name, c.data_type::text AS type,
                   EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                           WHERE i.indrelid = to_regclass(quote_ident(c.table_name)) AND i.indisprimary AND a.attname = c.column_name) AS pk
            FROM information_schema.columns c
            WHERE c.table_schema = current_schema() AND c.table_name = \(table)
            ORDER BY c.ordinal_position
            """
        ) { Column(name: try $0.decode("name"), dataType: try $0.decode("type"), isPrimaryKey: try $0.decode("pk")) }
    }

    /// The name of the last migration applied (`0026_planned_expenses`); nil before any.
    public func schemaVersion(on db: some PostgresQueryable) async throws -> String? {
        try await db.queryOptional("SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1")?.decode("name")
    }

    /// The sequences behind `serial` columns, with their positions.
    public func sequences(on db: some PostgresQueryable) async throws -> [AgencyArchiveManifest.Sequence] {
        let owned: [(String, String, String)] = try await db.query(
            """
            SELECT table_name::text AS tbl, column_name::text AS col,
                   pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL
            ORDER BY 1, 2
            """
        ) { (try $0.decode("tbl"), try $0.decode("col"), try $0.decode("seq")) }
        var found: [AgencyArchiveManifest.Sequence] = []
        for (table, column, sequence) in owned {
            // `sequence` is the catalog's own qualified, quoted name of the sequence.
            let row = try await db.queryOne("SELECT last_value, is_called FROM \(unsafeRaw: sequence)")
            found.append(.init(table: table, column: column, lastValue: try row.decode("last_value"), isCalled: try row.decode("is_called")))
        }
        return found
    }

    /// Moves the sequence of `table.column` to where the manifest says it was.
    public func restore(_ sequence: AgencyArchiveManifest.Sequence, on db: some PostgresQueryable) async throws {
        _ = try await db.queryOne(
            """
            SELECT setval(pg_get_serial_sequence(quote_ident(\(sequence.table)), \(sequence.column)), \(sequence.lastValue), \(sequence.isCalled))
            """)
    }

    /// How many rows `table` holds.
    public func count(_ table: String, on db: some PostgresQueryable) async throws -> Int {
        Int(try await db.queryOne("SELECT count(*) AS n FROM \(unsafeRaw: Self.quoted(table))").decode("n", as: Int64.self))
    }

    /// Every row of `table` in primary-key order, read through a cursor and handed to
    /// `body` a batch at a time. Must run inside a transaction.
    public func export(
        _ table: String, columns: [Column], leaving omitted: [String], files: [String], batchSize: Int = 500, on db: some PostgresQueryable,
        _ body: ([ExportRow]) async throws -> Void
    ) async throws {
        let quoted = Self.quoted(table)
        let dropped = (omitted + files).map(Self.literal).joined(separator: ", ")
        let json = dropped.isEmpty ? "to_jsonb(t)::text" : "(to_jsonb(t) - ARRAY[\(dropped)]::text[])::text"
        let fileColumns = files.map { ", t.\(Self.quoted($0))" }.joined()
        let key = columns.contains { $0.name == "id" } ? "t.id::text" : "NULL::text"
        let order = columns.filter(\.isPrimaryKey).map { "t.\(Self.quoted($0.name))" }
        let orderBy = order.isEmpty ? "" : " ORDER BY \(order.joined(separator: ", "))"
        try await db.execute(
            SQL(unsafeRaw: "DECLARE agency_export NO SCROLL CURSOR FOR SELECT \(json), \(key)\(fileColumns) FROM \(quoted) t\(orderBy)"))
        let fetch = SQL(unsafeRaw: "FETCH FORWARD \(max(1, batchSize)) FROM agency_export")
        while true {
            let rows = try await db.query(fetch)
            if rows.isEmpty { break }
            try await body(
                try rows.map { row in
                    ExportRow(
                        json: try row.decode(at: 0), files: try files.indices.map { try row.decode(at: $0 + 2, as: Data?.self) },
                        key: try row.decode(at: 1))
                })
        }
        try await db.execute("CLOSE agency_export")
    }

    /// Inserts rows given as JSON objects (a JSON array's text), with `emptied` columns
    /// loaded as NULL and `replaced` (a JSON object) overriding columns of every row.
    public func insert(_ table: String, jsonArray: String, emptied: [String], replaced: String, on db: some PostgresQueryable) async throws {
        let quoted = Self.quoted(table)
        try await db.execute(
            """
            INSERT INTO \(unsafeRaw: quoted)
            SELECT * FROM jsonb_populate_recordset(NULL::\(unsafeRaw: quoted),
                (SELECT jsonb_agg((e - \(emptied)::text[]) || \(replaced)::jsonb) FROM jsonb_array_elements(\(jsonArray)::jsonb) e))
            """)
    }

    /// Fills in `columns` (loaded empty by ``insert(_:jsonArray:emptied:replaced:on:)``)
    /// from the same rows, matched on the primary key.
    public func fill(_ table: String, columns: [String], key: [String], jsonArray: String, on db: some PostgresQueryable) async throws {
        let quoted = Self.quoted(table)
        let set = columns.map { "\(Self.quoted($0)) = x.\(Self.quoted($0))" }.joined(separator: ", ")
        let match = key.map { "t.\(Self.quoted($0)) = x.\(Self.quoted($0))" }.joined(separator: " AND ")
        try await db.execute(
            """
            UPDATE \(unsafeRaw: quoted) t SET \(unsafeRaw: set)
            FROM jsonb_populate_recordset(NULL::\(unsafeRaw: quoted), \(jsonArray)::jsonb) x WHERE \(unsafeRaw: match)
            """)
    }

    /// Deletes every row of `table` (the rows a migration seeded, before loading).
    public func empty(_ table: String, on db: some PostgresQueryable) async throws {
        try await db.execute(SQL(unsafeRaw: "DELETE FROM \(Self.quoted(table))"))
    }

    /// Turns `table`'s own triggers (the read-only guards of issued invoices, closed
    /// periods…) off or back on, for a load of rows that passed them once already.
    /// Foreign keys stay enforced. Needs the table's owner.
    public func setTriggers(_ table: String, enabled: Bool, on db: some PostgresQueryable) async throws {
        try await db.execute(SQL(unsafeRaw: "ALTER TABLE \(Self.quoted(table)) \(enabled ? "ENABLE" : "DISABLE") TRIGGER USER"))
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
