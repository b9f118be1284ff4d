import Foundation
import Postgres
import Storage
import TestSupport
import Testing

/// Migration 0010 (issue 10 item 16): the client's decisions become accept/reject in
/// rows already stored, under the new constraints; a database at 0009 is migrated
/// forward, its old words converted.
@Suite struct OneVocabularyMigrationTests {
    static let digest = String(repeating: "a", count: 64)

    @Test func storedDecisionsAndStatusesAreConvertedToTheNewWords() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(asOwner: true, size: 1)
            let bundled = try Migration.bundled()
            let (disputed, accepted, approvedChange, declinedChange, draftChange) = (UUID(), UUID(), UUID(), UUID(), UUID())
            // An empty schema migrated to 0009, as a server that ran the previous release.
            try await pool.withConnection { try await $0.runScript(unsafeRaw: "DROP SCHEMA public CASCADE; CREATE SCHEMA public;") }
            let before = Migrator(migrations: bundled.filter { $0.version < 10 }, logger: TestDatabase.logger)
            #expect(try await before.migrate(on: pool).last == "0009_disputed_entries.sql")
            // Rows in the old words, on a real project.
            let (user, team, client, project, task) = (UUID(), UUID(), UUID(), UUID(), UUID())
            for statement: SQL in [
                "INSERT INTO users (id, email, name, role, password_hash) VALUES (\(user), 'lead@example.com', 'Lead', 'manager', 'x')",
                "INSERT INTO teams (id, name) VALUES (\(team), 'Studio')",
                "INSERT INTO clients (id, name, currency) VALUES (\(client), 'Acme', 'EUR')",
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
                VALUES (\(project), \(client), \(team), 'Website', 'WEB', 'time_and_materials', 'EUR')
                """,
                "INSERT INTO tasks (id, project_id, name) VALUES (\(task), \(project), 'CR-1: Blog')",
            ] {
                try await pool.execute(statement)
            }
            for (id, status, decision) in [(disputed, "disputed", "dispute"), (accepted, "accepted", "accept")] {
                try await pool.execute(
                    """
                    INSERT INTO validations (id, kind, project_id, period_from, period_to, content, content_digest, status,
                                             requested_by, requested_at, decision)
                    VALUES (\(id), 'timesheet', \(project), '2026-05-18', '2026-05-24', '{}', \(Self.digest), \(status),
                            \(user), now(), \(decision))
                    """)
            }
            for (number, id, status, taskID) in [
                (1, approvedChange, "approved", task as UUID?), (2, declinedChange, "declined", nil), (3, draftChange, "draft", nil),
            ] {
                try await pool.execute(
                    """
                    INSERT INTO change_requests (id, project_id, number, title, pricing, amount_minor, currency, status, task_id)
                    VALUES (\(id), \(project), \(number), 'Blog', 'fixed', 5000, 'EUR', \(status), \(taskID))
                    """)
            }

            let applied = try await Migrator(migrations: bundled, logger: TestDatabase.logger).migrate(on: pool)
            #expect(applied.first == "0010_one_vocabulary.sql")

            func validation(_ id: UUID) async throws -> [String] {
                let row = try await pool.queryOne("SELECT status, decision FROM validations WHERE id = \(id)")
                return [try row.decode("status"), try row.decode("decision")]
            }
            #expect(try await validation(disputed) == ["rejected", "reject"])
            #expect(try await validation(accepted) == ["accepted", "accept"])
            let changes = try await pool.query("SELECT status FROM change_requests ORDER BY number") { try $0.decode("status", as: String.self) }
            #expect(changes == ["accepted", "rejected", "draft"])

            // The old words no longer fit the constraints.
            for statement: SQL in [
                "UPDATE validations SET status = 'disputed' WHERE id = \(accepted)",
                "UPDATE validations SET decision = 'dispute' WHERE id = \(accepted)",
                "UPDATE change_requests SET status = 'approved' WHERE id = \(approvedChange)",
                "UPDATE change_requests SET status = 'declined' WHERE id = \(declinedChange)",
                // An accepted change request still needs its task.
                "UPDATE change_requests SET status = 'accepted' WHERE id = \(draftChange)",
            ] {
                let error = await #expect(throws: PostgresError.self) { try await pool.execute(statement) }
                #expect(error?.sqlState == SQLState.checkViolation)
            }
            // What the client said on a rejection is `client_rejection_comment`, on entries and expenses.
            let columns = try await pool.query(
                """
                SELECT table_name || '.' || column_name AS name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name IN ('dispute_comment', 'client_rejection_comment')
                ORDER BY 1
                """
            ) { try $0.decode("name", as: String.self) }
            #expect(columns == ["expenses.client_rejection_comment", "time_entries.client_rejection_comment"])
        }
    }
}
