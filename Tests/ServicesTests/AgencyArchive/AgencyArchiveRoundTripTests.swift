import Domain
import Foundation
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// The whole-agency archive (issue 16 item 5): a demo agency exported, imported into a
/// database created empty and migrated as `sheaf import-agency` does, compared table by
/// table, and numbering where it stopped.
@Suite struct AgencyArchiveRoundTripTests {
    static let plan = try! DemoPlan(scale: 1, seed: 16, lastDay: LocalDate(year: 2026, month: 3, day: 13)!)
    static let clock = TestClock(ISO8601DateFormatter().date(from: "2026-03-16T09:00:00Z")!)
    static let receipt = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<3000).map { UInt8($0 % 256) })
    static let pdf = Data("%PDF-1.7\n% a stored invoice document\n%%EOF\n".utf8)

    @Test func anExportImportedIntoAnEmptyDatabaseHasTheSameRowsAndNumbersOn() async throws {
        try await TestDatabase.withFresh { database in
            let source = await database.makePool()
            let owner = await database.makePool(asOwner: true)
            try await Self.loadAgency(source: source, owner: owner)
            let archive = try await Self.export(source)
            let entries = try TarArchive.entries(of: archive)
            #expect(entries.last?.name == AgencyArchiveManifest.entryName)
            #expect(entries.contains { $0.name.hasPrefix("files/expense_receipts/") && $0.name.hasSuffix(".png") && $0.contents == Self.receipt })
            #expect(entries.contains { $0.name.hasPrefix("files/invoice_pdfs/") && $0.name.hasSuffix(".pdf") && $0.contents == Self.pdf })
            let users = try #require(entries.first { $0.name == "data/users/00001.jsonl" })
            #expect(!String(decoding: users.contents, as: UTF8.self).contains("password_hash"))

            try await Self.withEmptyDatabase { _, target in
                let report = try await AgencyImportService(pool: target).importArchive(archive, passwordHash: "imported")
                let archived = AgencyArchiveTables.archived(try await AgencyArchiveStore().tables(on: source))
                #expect(Set(report.tables.map(\.name)) == Set(archived))
                for table in archived {
                    let before = try await Self.fingerprint(table, on: owner)
                    let after = try await Self.fingerprint(table, on: target)
                    #expect(before.rows == after.rows, "\(table): \(before.rows) rows exported, \(after.rows) imported")
                    #expect(before.digest == after.digest, "\(table) differs after the round trip")
                }
                #expect(try await Self.fingerprint("invoices", on: target).rows > 0)
                #expect(try await target.queryOne("SELECT count(*) = count(*) FILTER (WHERE password_hash = 'imported') AS all FROM users").decode("all", as: Bool.self))
                // The next invoice number continues the exported series, and so do the serial ids.
                let date = LocalDate(year: 2026, month: 3, day: 20)!
                let next = try await Self.nextInvoiceNumber(on: source, date: date)
                #expect(try await Self.nextInvoiceNumber(on: target, date: date) == next)
                let auditBefore = try await owner.queryOne("SELECT nextval('audit_events_id_seq') AS n").decode("n", as: Int64.self)
                #expect(try await target.queryOne("SELECT nextval('audit_events_id_seq') AS n").decode("n", as: Int64.self) == auditBefore)
                // The tables' own guards are back on after the load: an issued invoice stays read-only.
                await #expect(throws: PostgresError.self) {
                    try await target.execute("UPDATE invoices SET version = version + 1 WHERE status = 'issued'")
                }

                // A second import into the now full database is refused, and changes nothing.
                let refusal = await #expect(throws: AgencyArchiveError.self) {
                    try await AgencyImportService(pool: target).importArchive(archive, passwordHash: "again")
                }
                #expect(refusal?.message.contains("not empty") == true)
                #expect(refusal?.message.contains("users") == true)
            }
        }
    }

    @Test func aDamagedArchiveOrAnApplicationRoleIsRefusedBeforeAnythingLoads() async throws {
        try await TestDatabase.withFresh { database in
            let source = await database.makePool()
            try await Self.insertAdmin(source)
            let archive = try await Self.export(source)
            try await Self.withEmptyDatabase { name, target in
                let cut = await #expect(throws: AgencyArchiveError.self) {
                    try await AgencyImportService(pool: target).importArchive(archive.prefix(archive.count - 2048), passwordHash: "x")
                }
                #expect(cut?.message.contains("not a Sheaf agency archive") == true)
                var tampered = archive
                let row = try #require(Self.range(of: "admin@archive.example", in: tampered))
                tampered[row.lowerBound + 1] = UInt8(ascii: "k")
                let mismatch = await #expect(throws: AgencyArchiveError.self) {
                    try await AgencyImportService(pool: target).importArchive(tampered, passwordHash: "x")
                }
                #expect(mismatch?.message.contains("does not match its checksum") == true)
                // The least-privilege role may not turn the tables' triggers off: it is told to use the owner.
                let asApp = PostgresPool(
                    configuration: .init(connectionString: "dbname=\(name) user=\(TestDatabase.appRole)", poolSize: 1), logger: TestDatabase.logger)
                let refusal = await #expect(throws: AgencyArchiveError.self) {
                    try await AgencyImportService(pool: asApp).importArchive(archive, passwordHash: "x")
                }
                await asApp.shutdown()
                #expect(refusal?.message.contains("schema owner") == true)
                #expect(try await AgencyArchiveStore().count("users", on: target) == 0)
            }
        }
    }

    @Test func everyTableIsArchivedOrExcludedForAReasonAndOnlyTheSeededOnesStartFull() async throws {
        try await TestDatabase.withFresh { database in
            let owner = await database.makePool(asOwner: true)
            let store = AgencyArchiveStore()
            let catalog = try await store.tables(on: owner)
            for excluded in AgencyArchiveTables.excluded.keys.sorted() {
                #expect(catalog.contains(excluded), "\(excluded) is excluded but no longer exists")
            }
            #expect(Set(AgencyArchiveTables.archived(catalog)).union(AgencyArchiveTables.excluded.keys) == Set(catalog))
            // A migration that seeds rows must say so, or an import would call the database full.
            var full: Set<String> = []
            for table in AgencyArchiveTables.archived(catalog) where try await store.count(table, on: owner) > 0 { full.insert(table) }
            #expect(full == AgencyArchiveTables.seededByMigrations)
            let source = await database.makePool()
            try await Self.insertAdmin(source)
            let archive = try await Self.export(source)
            let manifest = try AgencyArchiveManifest.decode(try #require(try TarArchive.entries(of: archive).last?.contents))
            #expect(Set(manifest.tables.map(\.name)) == Set(AgencyArchiveTables.archived(catalog)))
            // Every table loads: the foreign keys leave no cycle of required columns.
            _ = try TableLoadOrder(tables: AgencyArchiveTables.archived(catalog), foreignKeys: try await store.foreignKeys(on: owner))
        }
    }

    // MARK: - Support

    static func loadAgency(source: PostgresPool, owner: PostgresPool) async throws {
        _ = try await DemoService(pool: source, clock: clock).load(plan, passwordHash: "x") { _ in }
        // A receipt and a stored document, written as the services would have before approval and at issue.
        try await owner.withTransaction { tx in
            try await tx.execute("SET LOCAL session_replication_role = replica")
            try await tx.execute(
                """
                INSERT INTO expense_receipts (id, expense_id, file_name, content_type, byte_size, sha256, data, uploaded_by)
                SELECT gen_random_uuid(), e.id, 'taxi.png', 'image/png', \(receipt.count), \(SHA256Digest(hashing: receipt).hexString), \(receipt), e.user_id
                FROM expenses e ORDER BY e.id LIMIT 1
                """)
            try await tx.execute(
                """
                INSERT INTO invoice_pdfs (invoice_id, pdf, sha256, renderer)
                SELECT id, \(pdf), \(SHA256Digest(hashing: pdf).hexString), 'test' FROM invoices WHERE status = 'issued' ORDER BY id LIMIT 1
                """)
        }
    }

    static func insertAdmin(_ pool: PostgresPool) async throws {
        try await pool.execute(
            "INSERT INTO users (id, email, name, role, password_hash) VALUES (\(UserID.random()), 'admin@archive.example', 'Admin', 'admin', 'x')")
    }

    static func export(_ pool: PostgresPool) async throws -> Data {
        let adminID: UserID = try await pool.queryOne("SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1").decode("id")
        let admin = try #require(try await UserStore().find(adminID, on: pool))
        var archive = Data()
        try await AgencyExportService(pool: pool, clock: clock, partBytes: 64 << 10)
            .export(caller: Caller(user: admin, sessionID: nil, origin: .commandLine)) { archive.append($0) }
        return archive
    }

    static func fingerprint(_ table: String, on pool: PostgresPool) async throws -> (rows: Int, digest: String?) {
        let row = try await pool.queryOne(
            """
            SELECT count(*)::int AS n, md5(string_agg(j, E'\\n' ORDER BY j)) AS digest
            FROM (SELECT (to_jsonb(t) - 'password_hash')::text AS j FROM \(unsafeRaw: "\"\(table)\"") t) rows
            """)
        return (try row.decode("n"), try row.decode("digest"))
    }

    static func nextInvoiceNumber(on pool: PostgresPool, date: LocalDate) async throws -> String {
        struct Undo: Error { let number: String }
        do {
            try await pool.withTransaction { tx in
                throw Undo(number: try await InvoiceSeriesStore().next(.invoices, format: .invoices, issueDate: date, on: tx).number)
            }
        } catch let undo as Undo {
            return undo.number
        }
        return ""
    }

    static func range(of text: String, in data: Data) -> Range<Data.Index>? {
        data.range(of: Data(text.utf8))
    }

    /// A database created empty (not from the template) and migrated the way
    /// `sheaf import-agency` does it, as its owner; dropped afterwards.
    static func withEmptyDatabase(_ body: (String, PostgresPool) async throws -> Void) async throws {
        let name = "sheaf_import_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try TestDatabase.adminPool()
        try await admin.execute(SQL(unsafeRaw: "CREATE DATABASE \(name)"))
        let pool = PostgresPool(configuration: .init(connectionString: "dbname=\(name)", poolSize: 2), logger: TestDatabase.logger)
        do {
            try await Migrator(migrations: try Migration.bundled(), logger: TestDatabase.logger).migrate(on: pool, appRole: TestDatabase.appRole)
            try await body(name, pool)
        } catch {
            await pool.shutdown()
            _ = try? await admin.execute(SQL(unsafeRaw: "DROP DATABASE \(name) WITH (FORCE)"))
            await admin.shutdown()
            throw error
        }
        await pool.shutdown()
        try await admin.execute(SQL(unsafeRaw: "DROP DATABASE \(name) WITH (FORCE)"))
        await admin.shutdown()
    }
}
