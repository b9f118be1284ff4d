/// Something that runs statements: the pool (one lease per statement), a leased
/// session, or a transaction.
public protocol PostgresQueryable: Sendable {
    /// Runs one parameterized statement.
    func run(_ sql: SQL) async throws -> PostgresResult
}

extension PostgresQueryable {
    /// Runs a statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: SQL) async throws -> Int {
        try await run(sql).affectedRows
    }

    /// Runs a query and returns all rows.
    public func query(_ sql: SQL) async throws -> [PostgresRow] {
        try await run(sql).rows
    }

    /// Runs a query and maps every row.
    public func query<T>(_ sql: SQL, _ transform: (PostgresRow) throws -> T) async throws -> [T] {
        try await run(sql).rows.map(transform)
    }

    /// Runs a query that must return exactly one row.
    public func queryOne(_ sql: SQL) async throws -> PostgresRow {
        let rows = try await run(sql).rows
        guard rows.count == 1 else {
            throw PostgresError(kind: .unexpectedRowCount, message: "expected exactly one row, got \(rows.count)")
        }
        return rows[0]
    }

    /// Runs a query that returns at most one row.
    public func queryOptional(_ sql: SQL) async throws -> PostgresRow? {
        let rows = try await run(sql).rows
        guard rows.count <= 1 else {
            throw PostgresError(kind: .unexpectedRowCount, message: "expected at most one row, got \(rows.count)")
        }
        return rows.first
    }
}
