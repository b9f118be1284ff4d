/// One row of a result, decoded column by column.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    /// Decodes the named column. Throws a decoding error naming the column when it is
    /// missing, NULL for a non-optional type, or of an incompatible type.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let index = columns.index[column] else {
            throw PostgresError(kind: .decoding, message: "no column \"\(column)\" in the result")
        }
        return try decode(at: index, as: type)
    }

    /// Decodes the column at a zero-based position.
    public func decode<T: PostgresDecodable>(at index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(kind: .decoding, message: "no column at position \(index) in the result")
        }
        return try T.decode(PostgresCell(column: columns.names[index], type: columns.types[index], text: values[index]))
    }

    /// Column names in result order.
    public var columnNames: [String] { columns.names }
}

/// Column metadata shared by all rows of one result.
final class PostgresColumns: Sendable {
    let names: [String]
    let types: [UInt32]
    let index: [String: Int]

    init(names: [String], types: [UInt32]) {
        self.names = names
        self.types = types
        var index: [String: Int] = [:]
        for (offset, name) in names.enumerated() where index[name] == nil { index[name] = offset }
        self.index = index
    }
}

/// The outcome of one statement.
public struct PostgresResult: Sendable {
    public let rows: [PostgresRow]
    /// Rows inserted, updated or deleted (0 for statements that do not report a count).
    public let affectedRows: Int
}
