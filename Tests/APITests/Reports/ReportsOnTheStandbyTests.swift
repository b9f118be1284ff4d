import API
import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// Issue 15 with issue 17 item 1: every report of `ReportService` reads where
/// ``ReportDatabase`` says, and only there. The primary here points nowhere, so a single
/// read on it would fail the report; the scenario's database stands in for the standby
/// (it answers and is not behind), and every figure comes out as on the primary.
@Suite struct ReportsOnTheStandbyTests {
    @Test func everyReportReadsTheStandbyAndNeverThePrimary() async throws {
        try await ReportsScenarioTests.withScenario { _, world, _, pool in
            let nowhere = TestApp.unusedPool()
            let reports = ReportService(
                pool: nowhere, clock: SystemClock(),
                reports: ReportDatabase(primary: nowhere, standby: pool, maxLag: .seconds(30), logger: TestDatabase.logger))
            let caller = Caller(user: world.people.admin, sessionID: nil, origin: .commandLine)
            let range = try ReportRange(from: try #require(LocalDate(year: 2025, month: 3, day: 1)), to: try #require(LocalDate(year: 2025, month: 4, day: 30)))
            let before = await pool.statistics().statements
            for grouping in ProfitabilityGrouping.allCases {
                let profitability = try await reports.profitability(range, by: grouping, caller: caller)
                // The scenario's figures (ReportsScenarioTests): margin 770.00, unbilled 320.00, actual expenses 350.00.
                #expect(profitability.totals.map(\.marginMinor) == [77_000] && profitability.totals.map(\.unbilledMinor) == [32_000])
                #expect(profitability.totals.map(\.actualExpensesMinor) == [35_000])
            }
            let day = try #require(LocalDate(year: 2025, month: 6, day: 1))
            #expect(try await reports.receivables(asOf: day, caller: caller).totals.map(\.totalMinor) == [154_100])
            #expect(try await reports.unbilled(asOf: day, caller: caller).totals.map(\.totalMinor) == [32_000])
            #expect(try await reports.revenue(range, caller: caller).cells.isEmpty == false)
            let utilization = try await reports.utilization(range, teamID: world.people.teamID, caller: caller)
            #expect(utilization.people.contains { $0.user.id == world.people.member.id && $0.billableMinutes == 1200 })
            let budget = try await reports.budget(of: world.web, asOf: LocalDate(year: 2025, month: 3, day: 31), caller: caller)
            #expect(budget.forecast.amountAtCompletionMinor == 466_667)
            #expect(await pool.statistics().statements > before)
            #expect(await nowhere.statistics().statements == 0)
        }
    }
}
