import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Issue 15 "Tests": the scenario of ``ReportsWorld``, every figure computed by hand.
@Suite struct ReportsScenarioTests {
    static func withScenario(_ body: @escaping @Sendable (InvoicingCalls, ReportsWorld, _ admin: String, _ pool: PostgresPool) async throws -> Void)
        async throws
    {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let app = try TestApp.application(configuration: try TestApp.httpsConfiguration(), pool: pool)
            try await app.test(.router) { client in
                let run = InvoicingCalls(client: client)
                // The world is made before logging in (it creates the users).
                let world = try await ReportsWorld.make(pool: pool, run: run)
                try await body(run, world, try await run.login("admin@agency.test"), pool)
            }
        }
    }

    @Test func profitabilityPerProjectIsExactToTheCent() async throws {
        try await Self.withScenario { run, world, admin, _ in
            let report = try await run.report(
                "/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30&group_by=project", as: admin, ProfitabilityBody.self)
            let web = try #require(report.lines.first { $0.key == world.web.description })
            // Revenue: 2 320.00 invoiced on 2025-03-31 − 220.00 credited on 2025-04-10 = 2 100.00.
            #expect(web.revenue.invoiced.amountMinor == 232_000 && web.revenue.credited.amountMinor == 22_000)
            #expect(web.revenue.net.amountMinor == 210_000 && web.revenue.unbilled.amountMinor == 0)
            // Time: 480 + 480 + 90 + 300 = 1 350 min (22.50 h), billable 1 260 (21.00 h).
            #expect(web.labour.time == DurationBody(minutes: 1350, hours: "22.50"))
            #expect(web.labour.billable.minutes == 1260)
            // Known cost: e1 320.00 (40/h) + e2 400.00 (50/h from 03-16) + e4 60.00 = 780.00;
            // the manager's 5 h have no cost rate: counted, not costed.
            #expect(web.labour.cost.amountMinor == 78_000)
            #expect(web.labour.unknownCostEntries == 1 && web.labour.unknownCostTime.minutes == 300)
            #expect(!web.marginComplete)
            #expect(web.expenses.nonRechargeable.amountMinor == 15_000)
            #expect(web.expenses.rechargeablePassThrough.amountMinor == 20_000 && web.expenses.markup.amountMinor == 2_000)
            // Planned vs actual expenses: 300.00 planned; 150.00 + 200.00 = 350.00 spent (50.00 over).
            #expect(web.expenses.planned?.amountMinor == 30_000 && web.expenses.actual.amountMinor == 35_000)
            // Cost 780 + 150 + 200 = 1 130.00; margin 2 100 − 1 130 = 970.00 = 46.19 % of 2 100.
            #expect(web.cost.amountMinor == 113_000 && web.margin.amountMinor == 97_000 && web.marginPercent == "46.19")
            #expect(web.estimated?.minutes == 3000)
            #expect(web.label == "Web (WEB)")
            let app = try #require(report.lines.first { $0.key == world.app.description })
            // App: no revenue, 320.00 earned but unbilled; e3 costs 4 × 50 = 200.00; margin −200.00.
            #expect(app.revenue.net.amountMinor == 0 && app.revenue.unbilled.amountMinor == 32_000)
            #expect(app.labour.cost.amountMinor == 20_000 && app.margin.amountMinor == -20_000 && app.marginPercent == nil)
            // App planned none (0.00, not null) and spent none.
            #expect(app.expenses.planned?.amountMinor == 0 && app.expenses.actual.amountMinor == 0)
            // Totals (EUR): cost 980 + 150 + 200 = 1 330.00, margin 770.00 = 36.67 % of 2 100.
            let total = try #require(report.totals.only)
            #expect(total.cost.amountMinor == 133_000 && total.margin.amountMinor == 77_000 && total.marginPercent == "36.67")
            #expect(total.revenue.unbilled.amountMinor == 32_000 && total.labour.time.minutes == 1590)
            // Planned 300.00 + 0.00 = 300.00 against 350.00 + 0.00 = 350.00 spent.
            #expect(total.expenses.planned?.amountMinor == 30_000 && total.expenses.actual.amountMinor == 35_000)
        }
    }

    @Test func everyGroupingSumsToTheSameTotals() async throws {
        try await Self.withScenario { run, _, admin, _ in
            var totals: [String: ProfitabilityBody.Line] = [:]
            for grouping in ["project", "client", "person", "month"] {
                let report = try await run.report(
                    "/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30&group_by=\(grouping)", as: admin, ProfitabilityBody.self)
                #expect(report.groupBy == grouping)
                let total = try #require(report.totals.only)
                #expect(report.lines.reduce(0) { $0 + $1.margin.amountMinor } == total.margin.amountMinor, "\(grouping)")
                #expect(report.lines.reduce(0) { $0 + $1.labour.time.minutes } == total.labour.time.minutes, "\(grouping)")
                #expect(report.lines.reduce(0) { $0 + $1.expenses.actual.amountMinor } == total.expenses.actual.amountMinor, "\(grouping)")
                // A plan belongs to a project: only the project grouping shows it.
                #expect((total.expenses.planned?.amountMinor) == (grouping == "project" ? 30_000 : nil), "\(grouping)")
                totals[grouping] = total
            }
            #expect(Set(totals.values.map(\.margin.amountMinor)) == [77_000])
            #expect(Set(totals.values.map(\.revenue.unbilled.amountMinor)) == [32_000])
            #expect(Set(totals.values.map(\.expenses.actual.amountMinor)) == [35_000])
            // By person: the member's cost 320 + 400 + 200 + 60 = 980.00; the manager's entry unknown.
            let person = try await run.report(
                "/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30&group_by=person", as: admin, ProfitabilityBody.self)
            #expect(person.lines.first { $0.label == "Mia Member" }?.labour.cost.amountMinor == 98_000)
            #expect(person.lines.first { $0.label == "Max Manager" }?.labour.unknownCostEntries == 1)
            // By month: the credit note falls in April.
            let month = try await run.report(
                "/api/v1/reports/profitability?from=2025-03-01&to=2025-04-30&group_by=month", as: admin, ProfitabilityBody.self)
            #expect(month.lines.first { $0.key == "2025-04" }?.revenue.credited.amountMinor == 22_000)
            #expect(month.lines.first { $0.key == "2025-03" }?.revenue.invoiced.amountMinor == 232_000)
        }
    }

    @Test func utilizationWeeksAgainstTheTargets() async throws {
        try await Self.withScenario { run, world, admin, _ in
            let report = try await run.report(
                "/api/v1/reports/utilization?from=2025-03-10&to=2025-03-23&team_id=\(world.people.teamID)", as: admin, UtilizationBody.self)
            let member = try #require(report.people.first { $0.userId == world.people.member.id.description })
            // Week of 03-10: 480 billable + 90 not, target 40 h: missing 2 400 − 570 = 1 830 (30.50 h),
            // Wednesday to Friday without time, 480 / 2 400 = 20.00 %.
            let first = try #require(member.weeks.first)
            #expect(first.week == "2025-03-10" && first.billable.minutes == 480 && first.nonBillable.minutes == 90)
            #expect(first.missing == DurationBody(minutes: 1830, hours: "30.50") && first.missingDays == 3 && first.utilizationPercent == "20.00")
            // Week of 03-17: 480 + 240 billable: missing 1 680, 720 / 2 400 = 30.00 %.
            #expect(member.weeks.last?.missing.minutes == 1680 && member.weeks.last?.utilizationPercent == "30.00")
            #expect(member.target.minutes == 4800 && member.billable.minutes == 1200 && member.utilizationPercent == "25.00")
            // The manager's target is 20 h: 300 / 1 200 = 25.00 %, then an empty week (5 missing days).
            let manager = try #require(report.people.first { $0.userId == world.people.manager.id.description })
            #expect(manager.weeks.map(\.missing.minutes) == [900, 1200] && manager.weeks.map(\.missingDays) == [4, 5])
            #expect(manager.weeks.map(\.utilizationPercent) == ["25.00", "0.00"])
            // A period cut mid-week: 03-12..03-18 gives 3 then 2 working days: targets 1 440 and 960.
            let cut = try await run.report(
                "/api/v1/reports/utilization?from=2025-03-12&to=2025-03-18&team_id=\(world.people.teamID)", as: admin, UtilizationBody.self)
            let clipped = try #require(cut.people.first { $0.userId == world.people.member.id.description })
            #expect(clipped.weeks.map(\.target.minutes) == [1440, 960] && clipped.weeks.map(\.billable.minutes) == [0, 720])
            #expect(clipped.weeks.map(\.utilizationPercent) == ["0.00", "75.00"] && clipped.weeks.map(\.missingDays) == [3, 0])
        }
    }

    /// Everyone's utilization a page at a time (limit + cursor): the pages, one after the
    /// other, are the unpaged report, in its order and with its figures.
    @Test func utilizationPagesAreTheWholeReportInOrder() async throws {
        try await Self.withScenario { run, _, admin, _ in
            let period = "from=2025-03-10&to=2025-03-23"
            let whole = try await run.report("/api/v1/reports/utilization?\(period)", as: admin, UtilizationBody.self)
            #expect(whole.people.count >= 3 && whole.nextCursor == nil)
            var paged: [UtilizationBody.Person] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/reports/utilization?\(period)&limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await run.report(uri, as: admin, UtilizationBody.self)
                #expect(page.people.count <= 2 && !page.people.isEmpty)
                paged += page.people
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages <= whole.people.count
            #expect(pages == (whole.people.count + 1) / 2)
            #expect(paged.map(\.userId) == whole.people.map(\.userId))
            #expect(paged.map(\.billable.minutes) == whole.people.map(\.billable.minutes))
            #expect(paged.map(\.missing.minutes) == whole.people.map(\.missing.minutes))
        }
    }

    @Test func receivablesAgeTheRemainingBalanceAndCountDaysToPay() async throws {
        try await Self.withScenario { run, world, admin, _ in
            // 2 807.20 − 266.20 − 1 000.00 = 1 541.00, due 2025-04-30.
            let early = try await run.report("/api/v1/reports/receivables?as_of=2025-04-25", as: admin, ReceivablesBody.self)
            #expect(early.clients.only?.buckets.notDue?.amountMinor == 154_100)
            // 32 days past due on 2025-06-01: the 31–60 bucket.
            let late = try await run.report("/api/v1/reports/receivables?as_of=2025-06-01", as: admin, ReceivablesBody.self)
            let client = try #require(late.clients.only)
            #expect(client.buckets.days31To60.amountMinor == 154_100 && client.buckets.days1To30?.amountMinor == 0)
            #expect(client.total.amountMinor == 154_100 && client.openInvoices == 1 && client.averageDaysToPay == nil)
            // Before the payment the balance was 2 807.20 − 266.20 = 2 541.00.
            let before = try await run.report("/api/v1/reports/receivables?as_of=2025-04-15", as: admin, ReceivablesBody.self)
            #expect(before.totals.only?.total.amountMinor == 254_100)
            // The rest paid on 2025-06-15: settled 76 days after its issue on 2025-03-31.
            try await run.expect(
                .created, .post, "/api/v1/invoices/\(world.invoiceID)/payments", as: admin,
                #"{"paid_on":"2025-06-15","amount":{"amount_minor":154100,"currency":"EUR"},"method":"transfer","reference":"rest"}"#)
            let paid = try await run.report("/api/v1/reports/receivables?as_of=2025-07-01", as: admin, ReceivablesBody.self)
            #expect(paid.clients.isEmpty && paid.totals.isEmpty)
            #expect(paid.paymentDelays.only?.averageDaysToPay == "76.0" && paid.paymentDelays.only?.settledInvoices == 1)
            let revenue = try await run.report("/api/v1/reports/revenue?from=2025-03-01&to=2025-06-30", as: admin, RevenueBody.self)
            // March 2 320.00 invoiced; April 220.00 credited, 1 000.00 collected; June 1 541.00 collected.
            #expect(revenue.months.map { $0.month ?? "" } == ["2025-03", "2025-04", "2025-06"])
            #expect(revenue.months.map(\.invoiced.amountMinor) == [232_000, 0, 0])
            #expect(revenue.months.map(\.credited.amountMinor) == [0, 22_000, 0])
            #expect(revenue.months.map(\.collected.amountMinor) == [0, 100_000, 154_100])
            let total = try #require(revenue.totals.only)
            #expect(total.net.amountMinor == 210_000 && total.collected.amountMinor == 254_100)
        }
    }

    @Test func unbilledAgesTheWorkLeftAndEqualsBillable() async throws {
        try await Self.withScenario { run, world, admin, _ in
            // e3 (App, 4 h × 80.00 = 320.00) dated 2025-03-18: 75 days old on 2025-06-01.
            let report = try await run.report("/api/v1/reports/unbilled?as_of=2025-06-01", as: admin, UnbilledBody.self)
            let line = try #require(report.lines.only)
            #expect(line.projectId == world.app.description && line.items == 1)
            #expect(line.buckets.days61To90.amountMinor == 32_000 && line.total.amountMinor == 32_000)
            let billable = try await run.expect(.ok, .get, "/api/v1/billable?up_to=2025-06-01", as: admin)
            let listed = billable.objects("items").compactMap { $0.minor("amount") }.reduce(0, +)
            #expect(report.totals.only?.total.amountMinor == listed)
        }
    }

    @Test func theBudgetReportBurnsAndForecastsPerTaskAndPerson() async throws {
        try await Self.withScenario { run, world, admin, _ in
            let report = try await run.report(
                "/api/v1/reports/budget?project_id=\(world.web)&as_of=2025-03-31", as: admin, BudgetReportBody.self)
            // 1 350 min in the 28 days to 03-31: 337.5 → 338 min a week; value 2 100.00 → 525.00 a week.
            #expect(report.burn.weeklyTime.minutes == 338 && report.burn.weeklyValue?.amountMinor == 52_500)
            // Estimate 3 000 − 1 350 = 1 650 min left; ceil(1 650 × 28 / 1 350) = 35 days → 2025-05-05;
            // 2 100.00 + 1 650 × 2 100.00 / 1 350 = 2 100.00 + 2 566.67 = 4 666.67.
            #expect(report.forecast.basis == "estimate" && report.forecast.remainingTime?.minutes == 1650)
            #expect(report.forecast.completionDate == "2025-05-05" && report.forecast.amountAtCompletion?.amountMinor == 466_667)
            let build = try #require(report.tasks.first { $0.name == "Build" })
            // Build: 1 260 min, 2 100.00 at 100.00/h, cost 320 + 400 = 720.00 and one entry without cost.
            #expect(build.time.minutes == 1260 && build.value?.amountMinor == 210_000 && build.cost?.amountMinor == 72_000)
            #expect(build.unknownCostEntries == 1)
            #expect(report.people.first { $0.name == "Mia Member" }?.cost?.amountMinor == 78_000)
            // The client's contact: hours, never a rate's value or a cost.
            let contact = try await run.login(world.people.client.email)
            let seen = try await run.report(
                "/api/v1/reports/budget?project_id=\(world.web)&as_of=2025-03-31", as: contact, BudgetReportBody.self)
            #expect(seen.tasks.allSatisfy { $0.value == nil && $0.cost == nil } && seen.tasks.count == 2)
            #expect(seen.burn.weeklyValue == nil && seen.forecast.amountAtCompletion == nil)
            // The lead sees values, not costs.
            let lead = try await run.login(world.people.manager.email)
            let led = try await run.report(
                "/api/v1/reports/budget?project_id=\(world.web)&as_of=2025-03-31", as: lead, BudgetReportBody.self)
            #expect(led.tasks.allSatisfy { $0.value != nil && $0.cost == nil })
        }
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
