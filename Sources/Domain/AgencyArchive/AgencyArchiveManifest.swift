public import Foundation

/// `manifest.json` of an agency archive (issue 16 item 5): what the archive holds, the
/// schema it was read from, and the SHA-256 of every other entry. Tables are listed in
/// the order they load (a table after the tables it references).
public struct AgencyArchiveManifest: Codable, Sendable, Equatable {
    public static let formatName = "sheaf-agency-archive"
    public static let currentFormatVersion = 1
    public static let entryName = "manifest.json"

    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var rows: Int
        /// The JSON Lines entries holding the rows, in order (`data/<table>/00001.jsonl`).
        public var parts: [String]
        /// Binary columns written as files of their own; the row holds the file's name.
        public var fileColumns: [String]
        /// Columns left out of the archive (a user's password hash).
        public var omittedColumns: [String]

        public init(name: String, rows: Int, parts: [String], fileColumns: [String], omittedColumns: [String]) {
            self.name = name
            self.rows = rows
            self.parts = parts
            self.fileColumns = fileColumns
            self.omittedColumns = omittedColumns
        }
    }

    /// A sequence's position (`bigserial` ids), so numbers continue where they stopped.
    public struct Sequence: Codable, Sendable, Equatable {
        public var table: String
        public var column: String
        public var lastValue: Int64
        public var isCalled: Bool

        public init(table: String, column: String, lastValue: Int64, isCalled: Bool) {
            self.table = table
            self.column = column
            self.lastValue = lastValue
            self.isCalled = isCalled
        }
    }

    public var format: String
    public var formatVersion: Int
    /// The last migration applied to the exporting database (`0026_planned_expenses`).
    public var schemaVersion: String
    public var exportedAt: Date
    public var tables: [Table]
    public var sequences: [Sequence]
    /// Entry name → lowercase hex SHA-256 of its bytes, for every entry but this one.
    public var checksums: [String: String]

    public init(schemaVersion: String, exportedAt: Date, tables: [Table], sequences: [Sequence], checksums: [String: String]) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.schemaVersion = schemaVersion
        self.exportedAt = exportedAt
        self.tables = tables
        self.sequences = sequences
        self.checksums = checksums
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> AgencyArchiveManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(AgencyArchiveManifest.self, from: data)
    }
}
