import Foundation
import Postgres
import TestSupport
import Testing

@Suite struct ServerErrorTests {
    @Test func constraintViolationsCarrySQLStateAndConstraintName() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute(
                """
                CREATE TABLE parents (id int PRIMARY KEY, email text CONSTRAINT parents_email_key UNIQUE,
                                      age int CONSTRAINT parents_age_positive CHECK (age > 0))
                """)
            try await pool.execute("CREATE TABLE children (parent_id int CONSTRAINT children_parent_fk REFERENCES parents (id))")
            try await pool.execute("INSERT INTO parents VALUES (1, \("secret@example.com"), 3)")

            let unique = await #expect(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO parents VALUES (2, \("secret@example.com"), 3)")
            }
            #expect(unique?.sqlState == SQLState.uniqueViolation)
            #expect(unique?.constraint == "parents_email_key")
            #expect(unique?.table == "parents")
            // The detail names the value; the description (what gets logged) must not.
            #expect(unique?.debugDescription.contains("secret@example.com") == true)
            #expect(unique?.description.contains("secret@example.com") == false)

            let foreignKey = await #expect(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO children VALUES (\(99))")
            }
            #expect(foreignKey?.sqlState == SQLState.foreignKeyViolation)
            #expect(foreignKey?.constraint == "children_parent_fk")

            let check = await #expect(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO parents VALUES (3, 'x@example.com', \(-1))")
            }
            #expect(check?.sqlState == SQLState.checkViolation)
            #expect(check?.constraint == "parents_age_positive")
        }
    }

    /// Issue 11 item 5: libpq takes text parameters as C strings, so `a\0b` used to be
    /// sent as `a` (a login as `member@x\0junk` matched `member@x`).
    @Test func aTextParameterHoldingNULIsRefusedNeverCut() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let refused = await #expect(throws: PostgresError.self) {
                _ = try await pool.queryOne("SELECT \("member@agency.test\u{0}junk") = 'member@agency.test' AS same")
            }
            #expect(refused?.kind == .invalidParameter)
            let same: Bool = try await pool.queryOne("SELECT \("member@agency.test") = 'member@agency.test' AS same").decode("same")
            #expect(same)
        }
    }

    @Test func theDescriptionNeverEchoesTheServersMessage() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            // 22P02 quotes the input that failed to parse in its primary message.
            let error = await #expect(throws: PostgresError.self) {
                try await pool.queryOne("SELECT \("not-a-uuid secret")::uuid AS id")
            }
            #expect(error?.sqlState == SQLState.invalidTextRepresentation)
            #expect(error?.message.contains("not-a-uuid secret") == true)
            #expect(error?.debugDescription.contains("not-a-uuid secret") == true)
            #expect(error?.description.contains("secret") == false)
            #expect(error?.description.contains("22P02") == true)
        }
    }
}

@Suite struct PreparedStatementTests {
    @Test func aStatementWhoseResultTypeChangedIsPreparedAgain() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            try await pool.execute("CREATE TABLE things (id int, label text)")
            try await pool.execute("INSERT INTO things VALUES (1, 'one')")
            let select: SQL = "SELECT * FROM things"
            #expect(try await pool.queryOne(select).columnNames == ["id", "label"])
            try await pool.execute("ALTER TABLE things ADD COLUMN extra int")
            // The cached plan now fails with 0A000 "cached plan must not change result type".
            #expect(try await pool.queryOne(select).columnNames == ["id", "label", "extra"])
        }
    }

    @Test func aStatementDeallocatedBehindTheWrappersBackIsPreparedAgain() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            let select: SQL = "SELECT \(41) + 1 AS n"
            #expect(try await pool.queryOne(select).decode("n") == 42)
            try await pool.execute("DEALLOCATE ALL")  // what a transaction pooler's DISCARD ALL does
            #expect(try await pool.queryOne(select).decode("n") == 42)
        }
    }

    @Test func insideATransactionTheChangedPlanErrorIsReportedAsItIs() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            try await pool.execute("CREATE TABLE things (id int)")
            let select: SQL = "SELECT * FROM things"
            _ = try await pool.query(select)
            try await pool.execute("ALTER TABLE things ADD COLUMN extra int")
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction { tx in _ = try await tx.query(select) }
            }
            #expect(error?.sqlState == SQLState.featureNotSupported)
            // The statement was forgotten: the next use prepares it again.
            #expect(try await pool.query(select).isEmpty)
        }
    }
}

private struct Boom: Error {}

/// Lets two tasks meet before either goes on.
private actor Barrier {
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    let parties: Int
    init(parties: Int) { self.parties = parties }
    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

private actor Counter {
    var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}

@Suite struct TransactionTests {
    @Test func anErrorThrownInsideATransactionRollsItBack() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("CREATE TABLE items (name text)")
            await #expect(throws: Boom.self) {
                try await pool.withTransaction { tx in
                    try await tx.execute("INSERT INTO items VALUES ('kept?')")
                    throw Boom()
                }
            }
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM items").decode("n") == 0)
            // The connection went back clean: the next transaction commits.
            try await pool.withTransaction { tx in try await tx.execute("INSERT INTO items VALUES ('kept')") }
            #expect(try await pool.queryOne("SELECT count(*) AS n FROM items").decode("n") == 1)
        }
    }

    @Test func aSerializationFailureIsRetried() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            try await pool.execute("CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)")
            try await pool.execute("INSERT INTO counter VALUES (1, 0)")
            let barrier = Barrier(parties: 2)
            let attempts = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await pool.withTransaction(isolation: .repeatableRead) { tx in
                            let attempt = await attempts.next()
                            _ = try await tx.queryOne("SELECT value FROM counter WHERE id = 1")
                            // Both snapshots exist before either writes: one update must fail with 40001.
                            if attempt <= 2 { await barrier.arrive() }
                            try await tx.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await pool.queryOne("SELECT value FROM counter").decode("value") == 2)
            #expect(await attempts.value == 3)
        }
    }

    @Test func aTransactionGivesUpAfterItsLastAttempt() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true)
            let attempts = Counter()
            let error = await #expect(throws: PostgresError.self) {
                try await pool.withTransaction(maxAttempts: 3) { tx in
                    _ = await attempts.next()
                    try await tx.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$")
                }
            }
            #expect(error?.sqlState == SQLState.serializationFailure)
            #expect(await attempts.value == 3)
        }
    }
}
