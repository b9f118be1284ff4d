/// The one error type of the Postgres wrapper.
///
/// Server errors carry the fields PostgreSQL reports (SQLSTATE, constraint, table…).
/// `description` is what gets logged and printed: for server errors it holds only the
/// SQLSTATE and the names of the constraint, table and column — never the server's
/// message or `DETAIL`, which can echo input (22P02 quotes the text that is not a uuid,
/// 23505 the duplicate key). `debugDescription` has everything.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable {
        /// The server answered with an error (see `sqlState`).
        case server
        /// A new connection could not be opened.
        case connectionFailed
        /// An established connection broke (server restart, network cut, terminated backend).
        case connectionLost
        /// No pooled connection became free within the lease timeout.
        case poolTimeout
        /// The pool was shut down.
        case poolClosed
        /// A column could not be decoded into the requested Swift type.
        case decoding
        /// `queryOne` found no row or several rows.
        case unexpectedRowCount
        /// A parameter cannot be sent as it is: a text value holding a NUL character, which
        /// PostgreSQL text cannot store and libpq would cut the value at (so `a\0b` would
        /// silently become `a`). Nothing was sent.
        case invalidParameter
        /// The wrapper was used against its rules: a shared transaction used after its body
        /// ended, or by two tasks at once, or asked for another isolation level. A bug in
        /// the caller; nothing was sent.
        case misuse
    }

    public var kind: Kind
    /// Five-character SQLSTATE code, for server errors.
    public var sqlState: String?
    /// Primary human-readable message: the server's for server errors (it may quote
    /// input), otherwise the wrapper's or libpq's own.
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    public var schema: String?

    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, schema: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.schema = schema
    }

    /// True for errors after which the same transaction may succeed when run again:
    /// serialization failures (40001) and deadlocks (40P01).
    public var isTransient: Bool {
        sqlState == SQLState.serializationFailure || sqlState == SQLState.deadlockDetected
    }

    /// True when the database could not be reached or the connection broke.
    public var isConnectionProblem: Bool {
        kind == .connectionFailed || kind == .connectionLost || kind == .poolTimeout
            || sqlState.map { $0.hasPrefix("08") || $0 == SQLState.adminShutdown || $0 == SQLState.cannotConnectNow } == true
    }

    /// The kind, the SQLSTATE and names only. The message is included only when the
    /// wrapper or libpq wrote it (no SQLSTATE: decoding, pool and connection problems),
    /// never when the server did.
    public var description: String {
        var parts = ["PostgresError.\(kind.rawValue)"]
        if let sqlState { parts.append("[\(sqlState)]") } else { parts.append(message) }
        parts += names
        return parts.joined(separator: " ")
    }

    /// Everything, including the server's message, detail and hint: for a developer's
    /// eyes or an operator's own command (a failing migration), not for request logs.
    public var debugDescription: String {
        var parts = ["PostgresError.\(kind.rawValue)"]
        if let sqlState { parts.append("[\(sqlState)]") }
        parts.append(message)
        parts += names
        if let detail { parts.append("detail=\(detail)") }
        if let hint { parts.append("hint=\(hint)") }
        return parts.joined(separator: " ")
    }

    private var names: [String] {
        var names: [String] = []
        if let constraint { names.append("constraint=\(constraint)") }
        if let table { names.append("table=\(table)") }
        if let column { names.append("column=\(column)") }
        return names
    }
}

/// Names for the SQLSTATE codes the code base branches on: compare
/// `error.sqlState == SQLState.foreignKeyViolation`, never a bare `"23503"`.
public enum SQLState {
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let notNullViolation = "23502"
    public static let exclusionViolation = "23P01"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let insufficientPrivilege = "42501"
    public static let undefinedTable = "42P01"
    public static let raiseException = "P0001"
    public static let invalidTextRepresentation = "22P02"
    public static let numericValueOutOfRange = "22003"
    public static let adminShutdown = "57P01"
    public static let crashShutdown = "57P02"
    public static let cannotConnectNow = "57P03"
    public static let queryCanceled = "57014"
    public static let lockNotAvailable = "55P03"
    /// `in_failed_sql_transaction`: a statement after an earlier one failed in the same transaction.
    public static let inFailedTransaction = "25P02"
    /// `feature_not_supported`; among others "cached plan must not change result type".
    public static let featureNotSupported = "0A000"
    /// `invalid_sql_statement_name`: a prepared statement that does not exist (any more).
    public static let invalidSQLStatementName = "26000"
}
