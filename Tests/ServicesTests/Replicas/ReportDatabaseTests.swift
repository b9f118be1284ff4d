import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// Issue 17 item 1: reports read the standby while it answers within the lag bound, and
/// fall back to the primary — never fail — when it does not. (A real streaming standby,
/// its lag and a failover are exercised by `scripts/e2e`.)
@Suite struct ReportDatabaseTests {
    /// Which pool a read ran on: each pool sets its own application name.
    private func applicationName(_ pool: PostgresPool) async throws -> String {
        try await pool.queryOne("SELECT current_setting('application_name') AS name").decode("name")
    }

    @Test func withoutAStandbyReportsReadThePrimary() async throws {
        try await TestDatabase.withFresh { database in
            let primary = await database.makePool()
            let reports = ReportDatabase(primary: primary)
            let used = try await reports.read { pool in ObjectIdentifier(pool) }
            #expect(used == ObjectIdentifier(primary))
            let status = await reports.status()
            #expect(status.source == .primary && !status.standbyConfigured && status.fallbackReason == nil)
        }
    }

    @Test func aStandbyThatAnswersWithinTheBoundServesReports() async throws {
        try await TestDatabase.withFresh { database in
            let primary = await database.makePool()
            // The same database through a second pool stands in for the standby: it answers
            // and is not behind (a primary reports no lag).
            let standby = PostgresPool(
                configuration: .init(connectionString: database.appConnectionString, applicationName: "sheaf-reports", poolSize: 2),
                logger: TestDatabase.logger)
            let reports = ReportDatabase(primary: primary, standby: standby, maxLag: .seconds(5), logger: TestDatabase.logger)
            let name = try await reports.read { pool in try await applicationName(pool) }
            #expect(name == "sheaf-reports")
            let status = await reports.status()
            #expect(status.source == .standby && status.lagMilliseconds == 0 && status.fallbackReason == nil)
            #expect(status.maxLagMilliseconds == 5000)
            await reports.shutdown()
        }
    }

    @Test func reportsFallBackToThePrimaryWhenTheStandbyIsDown() async throws {
        try await TestDatabase.withFresh { database in
            let primary = await database.makePool()
            let standby = PostgresPool(
                configuration: .init(connectionString: "host=/nonexistent dbname=none", applicationName: "sheaf-reports", poolSize: 1),
                logger: TestDatabase.logger)
            let reports = ReportDatabase(primary: primary, standby: standby, logger: TestDatabase.logger)
            let status = await reports.status()
            #expect(status.source == .primary && status.standbyConfigured)
            #expect(status.lagMilliseconds == nil && status.fallbackReason == "standby_unreachable")
            // The read runs on the primary, and answers.
            let used = try await reports.read { pool in ObjectIdentifier(pool) }
            #expect(used == ObjectIdentifier(primary))
            await reports.shutdown()
        }
    }

    @Test func aStandbyLostInTheMiddleOfAReadIsRetriedOnThePrimary() async throws {
        try await TestDatabase.withFresh { database in
            let primary = await database.makePool()
            let standby = PostgresPool(
                configuration: .init(connectionString: database.appConnectionString, applicationName: "sheaf-reports", poolSize: 2),
                logger: TestDatabase.logger)
            // The standby is checked once and trusted for a minute; then it goes away.
            let reports = ReportDatabase(
                primary: primary, standby: standby, recheckInterval: .seconds(60), logger: TestDatabase.logger)
            #expect(await reports.status().source == .standby)
            var attempts: [ObjectIdentifier] = []
            let name = try await reports.read { pool in
                attempts.append(ObjectIdentifier(pool))
                if pool === standby { throw PostgresError(kind: .connectionLost, message: "server closed the connection") }
                return try await applicationName(pool)
            }
            #expect(attempts == [ObjectIdentifier(standby), ObjectIdentifier(primary)])
            #expect(name != "sheaf-reports")
            // Marked down: the next read goes to the primary at once, and /readyz says why.
            let next = try await reports.read { pool in ObjectIdentifier(pool) }
            #expect(next == ObjectIdentifier(primary))
            await reports.shutdown()
        }
    }
}
