import CLibPQ
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection.
///
/// Concurrency invariant (why `@unchecked Sendable` is sound): a connection is owned by
/// exactly one task at a time — the pool hands it out in `lease` and takes it back in
/// `release` — and that task runs every blocking libpq call on the wrapper's thread
/// pool one after another. libpq's own rule is the same: one thread per `PGconn` at a time.
final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let notices: Unmanaged<NoticeSink>
    /// Prepared statement names by SQL text.
    private var statements: [String: String] = [:]
    private var statementCounter = 0
    /// Set once the connection can no longer be trusted; the pool then discards it.
    private(set) var isBroken = false
    let id: Int

    /// The most statements kept prepared on one connection before they are all deallocated.
    static let statementCacheLimit = 1_000

    private init(handle: OpaquePointer, notices: Unmanaged<NoticeSink>, id: Int) {
        self.handle = handle
        self.notices = notices
        self.id = id
    }

    deinit {
        PQfinish(handle)
        notices.release()
    }

    /// Opens a connection (blocking). Keywords before `dbname` are defaults the
    /// connection string may override; `client_encoding` after it is forced.
    static func connect(connectionString: String, applicationName: String, logger: Logger, id: Int) throws -> PostgresConnection {
        let keywords = ["application_name", "connect_timeout", "dbname", "client_encoding"]
        let values = [applicationName, "5", connectionString, "UTF8"]
        let handle: OpaquePointer? = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = lastErrorMessage(handle)
            PQfinish(handle)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        let sink = Unmanaged.passRetained(NoticeSink(logger: logger))
        PQsetNoticeProcessor(handle, { context, message in
            guard let context, let message else { return }
            let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
            sink.logger.notice("postgres notice", metadata: ["message": "\(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))"])
        }, sink.toOpaque())
        let connection = PostgresConnection(handle: handle, notices: sink, id: id)
        // Session settings the decoders rely on, whatever the server's defaults are.
        try connection.simpleCommand("SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET bytea_output TO 'hex'; SET IntervalStyle TO 'postgres'")
        return connection
    }

    /// Runs a parameterized statement as a prepared statement, preparing it on first use (blocking).
    func run(_ sql: SQL) throws -> PostgresResult {
        let text = sql.text
        let binds = sql.binds
        do {
            return try runPrepared(text: text, binds: binds)
        } catch let error as PostgresError
            where error.sqlState == SQLState.invalidSQLStatementName || error.sqlState == SQLState.featureNotSupported
        {
            // The statement vanished (26000: DEALLOCATE or DISCARD ALL by a pooler), or a
            // migration changed its result type (0A000, "cached plan must not change result
            // type"): forget it and prepare it again, once. 0A000 also covers statements the
            // server cannot run at all; their second attempt fails the same way. In a failed
            // transaction block a second attempt cannot run: the original error goes up.
            statements[text] = nil
            guard PQtransactionStatus(handle) != PQTRANS_INERROR else { throw error }
            return try runPrepared(text: text, binds: binds)
        }
    }

    private func runPrepared(text: String, binds: [PostgresBind]) throws -> PostgresResult {
        // libpq reads text parameters as C strings: a NUL would end the value early and
        // the statement would run on a different value than the caller's. Never send it.
        for (index, bind) in binds.enumerated() {
            if case .text(let value) = bind, value.utf8.contains(0) {
                throw PostgresError(kind: .invalidParameter, message: "parameter $\(index + 1) is text holding a NUL character")
            }
        }
        let name = try preparedName(for: text, parameterCount: binds.count)
        let result = BindBuffers(binds).withPointers { values, lengths, formats in
            PQexecPrepared(handle, name, Int32(binds.count), values, lengths, formats, 0)
        }
        return try consume(result)
    }

    private func preparedName(for text: String, parameterCount: Int) throws -> String {
        if let name = statements[text] { return name }
        if statements.count >= Self.statementCacheLimit {
            try simpleCommand("DEALLOCATE ALL")
            statements.removeAll()
        }
        statementCounter += 1
        let name = "sheaf_\(statementCounter)"
        let result = PQprepare(handle, name, text, Int32(parameterCount), nil)
        _ = try consume(result)
        statements[text] = name
        return name
    }

    /// Runs fixed SQL text without parameters (BEGIN, COMMIT, SET…), blocking.
    func simpleCommand(_ text: String) throws {
        _ = try consume(PQexec(handle, text))
    }

    /// Runs raw SQL text that may hold several statements (migrations), blocking.
    func runScript(_ text: String) throws {
        _ = try consume(PQexec(handle, text))
    }

    /// True when the connection sits in an open (or failed) transaction block.
    var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// True when a statement failed inside the open transaction block: COMMIT would roll back.
    var isInFailedTransaction: Bool { PQtransactionStatus(handle) == PQTRANS_INERROR }

    /// Cheap liveness check before reuse: an idle connection's socket has nothing to
    /// read, so readable data or a hang-up means the server ended the session
    /// (restart, `pg_terminate_backend`). Such a connection is marked broken.
    func looksAlive() -> Bool {
        guard !isBroken, PQstatus(handle) == CONNECTION_OK else {
            isBroken = true
            return false
        }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready != 0 {
            isBroken = true
            return false
        }
        return true
    }

    func markBroken() { isBroken = true }

    private func consume(_ result: OpaquePointer?) throws -> PostgresResult {
        guard let result else {
            // libpq returns no result only when it could not talk to the server at all.
            isBroken = true
            throw PostgresError(kind: .connectionLost, message: Self.lastErrorMessage(handle))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.read(result)
        default:
            var error = Self.serverError(result)
            if PQstatus(handle) != CONNECTION_OK || Self.endsTheSession(error) {
                isBroken = true
                error.kind = .connectionLost
            }
            throw error
        }
    }

    private static func read(_ result: OpaquePointer) -> PostgresResult {
        let fieldCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var names: [String] = []
        var types: [UInt32] = []
        names.reserveCapacity(fieldCount)
        for field in 0..<fieldCount {
            names.append(String(cString: PQfname(result, Int32(field))))
            types.append(UInt32(PQftype(result, Int32(field))))
        }
        let columns = PostgresColumns(names: names, types: types)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(fieldCount)
            for field in 0..<fieldCount {
                if PQgetisnull(result, Int32(row), Int32(field)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(field))))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }

    /// Errors after which the session is over even while libpq still reports the
    /// connection as fine: libpq's own (no SQLSTATE: "server closed the connection
    /// unexpectedly", seen when a restart cuts a statement while it is being sent), a
    /// connection exception (class 08), and the server ending the backend (57P01 admin
    /// shutdown, 57P02 crash shutdown, 57P03 cannot connect now). Whatever the statement
    /// was part of did not commit; reusing the connection would only fail again.
    static func endsTheSession(_ error: PostgresError) -> Bool {
        guard let sqlState = error.sqlState else { return true }
        return sqlState.hasPrefix("08")
            || [SQLState.adminShutdown, SQLState.crashShutdown, SQLState.cannotConnectNow].contains(sqlState)
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        let message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(
            kind: .server, message: message.isEmpty ? "unknown server error" : message,
            sqlState: field("C"), detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"), column: field("c"), schema: field("s")
        )
    }

    private static func lastErrorMessage(_ handle: OpaquePointer) -> String {
        guard let pointer = PQerrorMessage(handle) else { return "unknown libpq error" }
        let text = String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown libpq error" : text
    }
}

/// Receives server NOTICE messages so they go to the log instead of stderr.
final class NoticeSink: Sendable {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

/// C strings for libpq's keyword/value arrays, valid only inside `body`.
private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Parameter values laid out as libpq wants them: values, lengths and formats.
private struct BindBuffers {
    let binds: [PostgresBind]
    init(_ binds: [PostgresBind]) { self.binds = binds }

    func withPointers<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        var storage: [UnsafeMutableRawPointer?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        storage.reserveCapacity(binds.count)
        defer { storage.forEach { free($0) } }
        for bind in binds {
            switch bind {
            case .null:
                storage.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                storage.append(UnsafeMutableRawPointer(strdup(text)))
                lengths.append(0)
                formats.append(0)
            case .binary(let data):
                // malloc(0) may return NULL, which libpq would read as SQL NULL.
                let buffer = malloc(max(data.count, 1))!
                data.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), count: data.count)
                storage.append(buffer)
                lengths.append(Int32(data.count))
                formats.append(1)
            }
        }
        let values: [UnsafePointer<CChar>?] = storage.map { $0.map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } }
        return values.withUnsafeBufferPointer { valuePointer in
            lengths.withUnsafeBufferPointer { lengthPointer in
                formats.withUnsafeBufferPointer { formatPointer in
                    body(valuePointer.baseAddress, lengthPointer.baseAddress, formatPointer.baseAddress)
                }
            }
        }
    }
}
