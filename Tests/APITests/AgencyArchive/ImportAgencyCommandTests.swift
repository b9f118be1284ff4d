import Domain
import Foundation
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// `sheaf import-agency FILE` (issue 16 item 5), the real executable: an archive
/// downloaded from `GET /exports/agency` loads into a new, empty database (the command
/// migrates it first), a second run is refused, and the imported admin signs in again
/// after `sheaf reset-password`.
@Suite struct ImportAgencyCommandTests {
    func run(_ arguments: [String], database: String, extra: [String: String] = [:]) async throws -> (ChildProcess.Termination?, String) {
        var environment = ProcessInfo.processInfo.environment
        environment["SHEAF_MIGRATION_DATABASE_URL"] = nil
        environment["DATABASE_URL"] = "dbname=\(database)"
        environment["SHEAF_DB_APP_ROLE"] = TestDatabase.appRole
        environment["SHEAF_LINK_SECRET"] = String(repeating: "5e", count: 32)
        for (name, value) in extra { environment[name] = value }
        let log = FileManager.default.temporaryDirectory.appending(path: "sheaf-import-agency-\(UUID().uuidString.prefix(8)).log").path
        let process = try ChildProcess(executable: try SheafServerProcess.sheafBinary(), arguments: arguments, environment: environment, outputPath: log)
        let termination = await process.wait(timeout: .seconds(120))
        if termination == nil { process.forceStop() }
        return (termination, process.output)
    }

    @Test func theCommandLoadsAnExportedAgencyOnceAndItsAdminSignsInAfterAReset() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let hasher = PasswordHasher(cost: 4, threads: 1)
            let admin = try await UserService(pool: pool, clock: SystemClock(), hasher: hasher)
                .createAdmin(email: "owner@moving.example", name: "Olga Owner", password: "correct horse battery staple")
            await hasher.shutdown()
            var archive = Data()
            try await AgencyExportService(pool: pool, clock: SystemClock())
                .export(caller: Caller(user: admin, sessionID: nil, origin: .commandLine)) { archive.append($0) }
            let file = FileManager.default.temporaryDirectory.appending(path: "agency-\(UUID().uuidString.prefix(8)).tar")
            try archive.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }

            let target = "sheaf_cli_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            let server = try TestDatabase.adminPool()
            try await server.execute(SQL(unsafeRaw: "CREATE DATABASE \(target)"))
            do {
                let (first, output) = try await run(["import-agency", file.path], database: target)
                #expect(first == .exited(0), "\(output)")
                #expect(output.contains("users: 1"), "\(output)")
                #expect(output.contains("reset-password"), "\(output)")
                let (second, refusal) = try await run(["import-agency", file.path], database: target)
                #expect(second == .exited(1), "\(refusal)")
                #expect(refusal.contains("not empty"), "\(refusal)")
                let (reset, resetOutput) = try await run(
                    ["reset-password", "--email", "owner@moving.example"], database: target, extra: ["SHEAF_NEW_PASSWORD": "a new long passphrase 2026"])
                #expect(reset == .exited(0), "\(resetOutput)")
                let imported = PostgresPool(configuration: .init(connectionString: "dbname=\(target)", poolSize: 1), logger: TestDatabase.logger)
                let hash: String = try await imported.queryOne("SELECT password_hash FROM users WHERE id = \(admin.id)").decode("password_hash")
                await imported.shutdown()
                let check = PasswordHasher(cost: 4, threads: 1)
                #expect(try await check.verify("a new long passphrase 2026", hash: hash))
                #expect(try await !check.verify("correct horse battery staple", hash: hash), "the old password never left the old server")
                await check.shutdown()
            } catch {
                _ = try? await server.execute(SQL(unsafeRaw: "DROP DATABASE \(target) WITH (FORCE)"))
                await server.shutdown()
                throw error
            }
            try await server.execute(SQL(unsafeRaw: "DROP DATABASE \(target) WITH (FORCE)"))
            await server.shutdown()
        }
    }
}
