import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The budget burn over time (issue 19 item 6) on the manager's and the portal's project
/// pages: the same figures, worked out by hand, in the sentence, the table and the chart.
@Suite struct ConsoleBurnTests {
    @Test func theLeadAndTheClientSeeTheBurnPerWeekAndItsForecast() async throws {
        try await ConsoleTestApp.with { fixture, client in
            // A 100 h budget; 10 h approved last week and 15 h this week: 12:30 h a week,
            // so 22:30, 30:00 … and 100:00 h six weeks after this one.
            let project = try await fixture.newFixedPriceProject()
            let task = TaskID.random()
            try await fixture.pool.execute("INSERT INTO tasks (id, project_id, name, billable) VALUES (\(task), \(project), 'Build', true)")
            let monday = LocalDate.of(Date(), timeZone: fixture.world.manager.timeZone).startOfWeek
            let lastMonday = try monday.adding(days: -7)
            for (date, minutes) in [(lastMonday, 600), (monday, 900)] {
                try await fixture.pool.execute(
                    """
                    INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status, billable_rate_scaled,
                                              cost_rate_scaled, rate_currency, approved_by, approved_at)
                    VALUES (\(TimeEntryID.random()), \(fixture.world.member.id), \(project), \(task), \(date), \(minutes), true, 'approved', 950000,
                            500000, 'EUR', \(fixture.world.manager.id), now())
                    """)
            }
            let reached = try monday.adding(days: 42)
            let sentence = "25:00 h consumed so far, 12:30 h a week on average. At this pace the budget of 100:00 h is used up in the week of \(reached)."
            var lead = try await ConsoleTestApp.browser(.manager, fixture: fixture, client: client)
            let page = try await lead.page("/app/projects/\(project)")
            #expect(page.contains("Budget burn over time") && page.contains(sentence))
            #expect(page.contains(#"<tr><th scope="row">\#(lastMonday)</th><td class="num">10:00 h</td><td class="num">10:00 h</td><td>Consumed (to date)</td></tr>"#))
            #expect(page.contains(#"<tr><th scope="row">\#(monday)</th><td class="num">15:00 h</td><td class="num">25:00 h</td><td>Consumed (to date)</td></tr>"#))
            #expect(page.contains(#"<tr><th scope="row">\#(reached)</th><td class="num"></td><td class="num">100:00 h</td><td>Forecast</td></tr>"#))
            // The chart: 8 columns (2 weeks, 6 forecast), the budget as a line, forecast columns named so.
            // (After the budget's own chart, which has a "consumed" bar of its own.)
            let burnSection = try #require(page.components(separatedBy: #"<section aria-labelledby="burn-heading-"#).last)
            #expect(burnSection.components(separatedBy: #"class="bar bar-consumed""#).count - 1 == 2)
            #expect(burnSection.components(separatedBy: #"class="bar bar-forecast""#).count - 1 == 6)
            #expect(page.contains(#"class="mark mark-baseline""#) && page.contains("Baseline 100:00 h"))
            #expect(page.contains("\(String(reached.description.dropFirst(5))) Forecast: 100:00 h"))

            var contact = try await ConsoleTestApp.browser(.client, fixture: fixture, client: client)
            let portal = try await contact.page("/portal/projects/\(project)")
            #expect(portal.contains("Budget burn over time") && portal.contains(sentence))
            // The portal's home lists projects without their burn (no per-week query there).
            #expect(!(try await contact.page("/portal")).contains("Budget burn over time"))
        }
    }
}
