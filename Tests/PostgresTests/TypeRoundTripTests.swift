import Foundation
import Postgres
import TestSupport
import Testing

/// The application's own calendar-date type, as the wrapper sees it: any type with a
/// year, a month and a day binds and decodes as `date`.
private struct Day: PostgresDate, Equatable {
    let year: Int
    let month: Int
    let day: Int
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }
}

@Suite struct TypeRoundTripTests {
    @Test func everySupportedTypeRoundTrips() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let id = UUID()
            let now = Date(timeIntervalSince1970: 1_764_620_321.123456)
            let day = Day(year: 2024, month: 2, day: 29)!
            let bytes = Data([0, 1, 2, 0, 255, 0])
            let row = try await pool.queryOne(
                """
                SELECT \(Int(42))::bigint AS int, \(Int64.max)::bigint AS int64, \(Int32.min)::int AS int32,
                       \(true)::bool AS bool, \("héllo ✓ 日本 🎉")::text AS string, \(id)::uuid AS uuid,
                       \(now)::timestamptz AS date, \(day)::date AS day, \(bytes)::bytea AS data
                """)
            #expect(try row.decode("int") == 42)
            #expect(try row.decode("int64", as: Int64.self) == Int64.max)
            #expect(try row.decode("int32", as: Int32.self) == Int32.min)
            #expect(try row.decode("bool") == true)
            #expect(try row.decode("string") == "héllo ✓ 日本 🎉")
            #expect(try row.decode("uuid") == id)
            let decodedDate: Date = try row.decode("date")
            #expect(abs(decodedDate.timeIntervalSince(now)) < 0.000_001)
            #expect(try row.decode("day") == day)
            #expect(try row.decode("data") == bytes)
        }
    }

    @Test func nullsDecodeAsNilForEveryOptionalType() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let none: String? = nil
            let row = try await pool.queryOne(
                """
                SELECT NULL::bigint AS a, NULL::int AS b, NULL::bool AS c, \(none)::text AS d, NULL::uuid AS e,
                       NULL::timestamptz AS f, NULL::date AS g, NULL::bytea AS h
                """)
            #expect(try row.decode("a", as: Int?.self) == nil)
            #expect(try row.decode("a", as: Int64?.self) == nil)
            #expect(try row.decode("b", as: Int32?.self) == nil)
            #expect(try row.decode("c", as: Bool?.self) == nil)
            #expect(try row.decode("d", as: String?.self) == nil)
            #expect(try row.decode("e", as: UUID?.self) == nil)
            #expect(try row.decode("f", as: Date?.self) == nil)
            #expect(try row.decode("g", as: Day?.self) == nil)
            #expect(try row.decode("h", as: Data?.self) == nil)
        }
    }

    @Test func oneMegabyteOfTextAndBinaryRoundTrip() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let text = String(repeating: "Zürich ✓ ", count: 1_048_576 / 12)
            let blob = Data((0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 * 7) })
            try await pool.execute("CREATE TABLE big (t text, b bytea)")
            try await pool.execute("INSERT INTO big VALUES (\(text), \(blob))")
            let row = try await pool.queryOne("SELECT t, b, octet_length(t) AS n FROM big")
            #expect(try row.decode("t") == text)
            #expect(try row.decode("b") == blob)
            #expect(try row.decode("n", as: Int.self) >= 1_000_000)
        }
    }

    @Test func anInjectionAttemptStaysData() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("CREATE TABLE notes (body text NOT NULL)")
            let evil = "'); DROP TABLE notes; --"
            try await pool.execute("INSERT INTO notes (body) VALUES (\(evil))")
            let found = try await pool.queryOne("SELECT body FROM notes WHERE body = \(evil)")
            #expect(try found.decode("body") == evil)
            let count = try await pool.queryOne("SELECT count(*) AS n FROM notes")
            #expect(try count.decode("n") == 1)
        }
    }

    @Test func arraysBindAsPostgresArrays() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let ids = [UUID(), UUID()]
            let words = ["a\"b", "c\\d", "e,f", "{}"]
            let row = try await pool.queryOne(
                "SELECT cardinality(\(ids)::uuid[]) AS n, (\(words)::text[])[1] AS first, (\(words)::text[])[2] AS second, (\(words)::text[])[4] AS fourth")
            #expect(try row.decode("n") == 2)
            #expect(try row.decode("first") == "a\"b")
            #expect(try row.decode("second") == "c\\d")
            #expect(try row.decode("fourth") == "{}")
        }
    }

    @Test func arraysDecodeIntoSwiftArrays() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let ids = [UUID(), UUID(), UUID()]
            let words = ["a\"b", "c\\d", "e,f", "{}", "", "NULL", " spaced "]
            let row = try await pool.queryOne(
                """
                SELECT \(ids)::uuid[] AS ids, '{}'::uuid[] AS none, \(words)::text[] AS words, '{-3,0,7}'::integer[] AS ints,
                       '{1,NULL,3}'::bigint[] AS holes, '{2024-02-29}'::date[] AS days, NULL::uuid[] AS missing,
                       '{{1,2},{3,4}}'::integer[] AS square
                """)
            #expect(try row.decode("ids") == ids)
            #expect(try row.decode("none", as: [UUID].self) == [])
            #expect(try row.decode("words") == words)
            #expect(try row.decode("ints") == [-3, 0, 7])
            #expect(try row.decode("holes", as: [Int64?].self) == [1, nil, 3])
            #expect(try row.decode("days") == [Day(year: 2024, month: 2, day: 29)!])
            #expect(try row.decode("missing", as: [UUID]?.self) == nil)
            let hole = #expect(throws: PostgresError.self) { try row.decode("holes", as: [Int64].self) }
            #expect(hole?.message.contains("\"holes[2]\"") == true)
            #expect(throws: PostgresError.self) { try row.decode("square", as: [Int].self) }
            #expect(throws: PostgresError.self) { try row.decode("ints", as: [UUID].self) }
            #expect(throws: PostgresError.self) { try row.decode("ids", as: UUID.self) }
            #expect(throws: PostgresError.self) { try row.decode("missing", as: [UUID].self) }
        }
    }

    @Test func decodingErrorsNameTheColumn() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let row = try await pool.queryOne("SELECT 'x'::text AS label, NULL::int AS missing")
            let mismatch = #expect(throws: PostgresError.self) { try row.decode("label", as: Int.self) }
            #expect(mismatch?.kind == .decoding)
            #expect(mismatch?.message.contains("\"label\"") == true)
            let null = #expect(throws: PostgresError.self) { try row.decode("missing", as: Int.self) }
            #expect(null?.message.contains("\"missing\"") == true)
            #expect(null?.message.contains("NULL") == true)
        }
    }

    @Test func queryOneRefusesZeroOrManyRows() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            await #expect(throws: PostgresError.self) { try await pool.queryOne("SELECT 1 WHERE false") }
            await #expect(throws: PostgresError.self) { try await pool.queryOne("SELECT generate_series(1, 2)") }
            let none = try await pool.queryOptional("SELECT 1 WHERE false")
            #expect(none == nil)
            let affected = try await pool.execute("SELECT generate_series(1, 3)")
            #expect(affected == 3)
        }
    }
}

@Suite struct SQLInterpolationTests {
    @Test func valuesBecomeNumberedPlaceholders() {
        let name = "O'Brien"
        let filter: SQL = " AND age > \(30)"
        let sql: SQL = "SELECT * FROM people WHERE name = \(name)\(filter) AND team = ANY(\(["a", "b"]))"
        #expect(sql.text == "SELECT * FROM people WHERE name = $1 AND age > $2 AND team = ANY($3)")
        #expect(sql.binds == [.text("O'Brien"), .text("30"), .text("{\"a\",\"b\"}")])
        #expect(!sql.description.contains("O'Brien"))
    }

    @Test func joinedKeepsEveryFragmentsBindsInOrder() {
        let conditions: [SQL] = ["a = \(1)", "b = \("x")", "c IS NULL"]
        let sql = SQL.joined(conditions, separator: " AND ")
        #expect(sql.text == "a = $1 AND b = $2 AND c IS NULL")
        #expect(sql.binds == [.text("1"), .text("x")])
        #expect(SQL.joined([], separator: ", ").text == "")
    }

    @Test func timestampsFormatAndParseExactly() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.654321)
        var cell = PostgresCell(column: "t", type: PostgresType.timestamptz, text: "2023-11-14 22:13:20.654321+00")
        #expect(abs(try Date.decode(cell).timeIntervalSince(date)) < 0.000_001)
        cell = PostgresCell(column: "t", type: PostgresType.timestamptz, text: "2023-11-15 00:13:20.654321+02")
        #expect(abs(try Date.decode(cell).timeIntervalSince(date)) < 0.000_001)
        #expect(date.postgresBind == .text("2023-11-14 22:13:20.654321+00"))
        let old = Date(timeIntervalSince1970: -86_400 * 365.25 * 100)
        guard case .text(let text) = old.postgresBind else { Issue.record("not text"); return }
        let back = try? Date.decode(PostgresCell(column: "t", type: PostgresType.timestamptz, text: text))
        #expect(back.map { abs($0.timeIntervalSince(old)) < 0.000_001 } == true)
    }
}
