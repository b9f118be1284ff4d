import API
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// A world for the automation tests: the invoicing world (complete parties, project
/// "Site") on a test clock, served through the router.
struct AutomationWorld {
    let pool: PostgresPool
    let people: RoleWorld
    let project: ProjectID
    let clock: TestClock
    let admin: String
    let run: InvoicingCalls
    /// The database as the app connects to it (for `sheaf serve` processes).
    let connectionString: String

    /// 2026-12-20 09:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_797_757_200)

    static func with(
        clock: TestClock = TestClock(start), configure: (inout AppEnvironment) -> Void = { _ in },
        _ body: @Sendable (AutomationWorld) async throws -> Void
    ) async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let people = try await RoleWorld.make(pool: pool, clock: clock)
            try await InvoicingParties.completeInDatabase(pool: pool, client: people.clientID)
            let project = ProjectID.random()
            try await pool.execute(
                """
                INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor)
                VALUES (\(project), \(people.clientID), \(people.teamID), 'Site', 'SITE', 'time_and_materials', 'EUR', 5000000)
                """)
            var environment = TestApp.environment(pool: pool, clock: clock)
            configure(&environment)
            let app = try TestApp.application(environment)
            let admin = try #require(try await people.token(.admin))
            try await app.test(.router) { client in
                try await body(
                    AutomationWorld(
                        pool: pool, people: people, project: project, clock: clock, admin: admin, run: InvoicingCalls(client: client),
                        connectionString: database.appConnectionString))
            }
        }
    }

    /// An issued invoice of the world's client: one line of `netMinor` at 21 % (a deposit
    /// invoice, which needs no billable work), issued on `issued`, due on `due`.
    func issuedInvoice(netMinor: Int, issued: String, due: String) async throws -> [String: Any] {
        let draft = try await run.expect(
            .created, .post, "/api/v1/invoices", as: admin, #"{"kind":"deposit","project_id":"\#(project)","amount":{"amount_minor":\#(netMinor)}}"#)
        let id = try #require(draft["id"] as? String)
        let dated = try await run.expect(
            .ok, .patch, "/api/v1/invoices/\(id)", as: admin, #"{"due_date":"\#(due)"}"#, ifMatch: "\"\(draft["version"] as? Int ?? 0)\"")
        return try await run.issue(dated, as: admin, date: issued)
    }

    /// Moves the clock to `day` at 09:00 UTC.
    func setDate(_ day: String) {
        let target = LocalDate(iso: day)!
        let targetDate = Self.start.addingTimeInterval(Double(LocalDate(year: 2026, month: 12, day: 20)!.days(until: target)) * 86_400)
        clock.advance(by: .seconds(targetDate.timeIntervalSince(clock.now())))
    }
}
