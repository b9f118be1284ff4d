import Foundation
import Postgres
import TestSupport

/// A team of 40 people on 20 time-and-materials projects and `entries` time entries
/// spread over three years from 2023-01-01: every tenth submitted (no rates yet), every
/// tenth approved without a cost rate; `currencies` turn by turn (a currency without
/// minor unit and one with three digits round differently), odd rates so that the
/// per-entry rounding shows.
enum ReportFixture {
    static func seed(_ pool: PostgresPool, entries: Int, currencies: [String] = ["EUR"]) async throws {
        let team = UUID()
        let client = UUID()
        try await pool.execute("INSERT INTO teams (id, name) VALUES (\(team), 'Studio')")
        try await pool.execute("INSERT INTO clients (id, name, currency) VALUES (\(client), 'Acme', 'EUR')")
        try await pool.execute(
            """
            INSERT INTO users (id, email, name, role, password_hash)
            SELECT gen_random_uuid(), 'user' || n || '@example.com', 'User ' || n, 'member', 'x' FROM generate_series(1, 40) n
            """)
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
            SELECT gen_random_uuid(), \(client), \(team), 'Project ' || n, 'P' || n, 'time_and_materials', 'EUR' FROM generate_series(1, 20) n
            """)
        try await pool.execute("INSERT INTO tasks (id, project_id, name) SELECT gen_random_uuid(), id, 'Work' FROM projects")
        try await pool.execute(
            """
            WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users),
                 t AS (SELECT id, project_id, row_number() OVER (ORDER BY id) - 1 AS k FROM tasks)
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                      cost_rate_scaled, rate_currency)
            SELECT gen_random_uuid(), u.id, t.project_id, t.id, DATE '2023-01-01' + (n % 1095), 1 + n % 400, n % 3 <> 0,
                   CASE WHEN n % 10 = 0 THEN 'submitted' WHEN n % 10 = 1 THEN 'client_validated' ELSE 'approved' END,
                   CASE WHEN n % 10 = 0 THEN NULL ELSE 1000000 + n % 777 * 37 END,
                   CASE WHEN n % 10 IN (0, 7) THEN NULL ELSE 500000 + n % 333 * 7 END,
                   CASE WHEN n % 10 = 0 THEN NULL ELSE (\(currencies)::text[])[1 + n % \(currencies.count)] END
            FROM generate_series(1, \(entries)) n JOIN u ON u.k = n % 40 JOIN t ON t.k = n % 20
            """)
    }
}
