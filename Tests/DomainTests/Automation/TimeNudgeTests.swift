import Domain
import Foundation
import Testing

@Suite("Monday nudges: less than the expected hours")
struct TimeNudgeTests {
    let monday = LocalDate(year: 2026, month: 12, day: 14)!

    @Test func thirtyHoursAgainstAThirtyEightHourTargetIsNudgedThirtyEightIsNot() throws {
        // Target 38 h = 2280 min for a whole week (5 of 5 working days); 30 h = 1800 min.
        let short = try TimeNudge(week: monday, weeklyTargetMinutes: 2280, loggedMinutes: 1800)
        #expect(short.targetMinutes == 2280)
        #expect(short.isDue)
        #expect(short.shortMinutes == 480)
        let exact = try TimeNudge(week: monday, weeklyTargetMinutes: 2280, loggedMinutes: 2280)
        #expect(!exact.isDue)
        #expect(exact.shortMinutes == 0)
        #expect(try !TimeNudge(week: monday, weeklyTargetMinutes: 2280, loggedMinutes: 2281).isDue)
        #expect(try TimeNudge(week: monday, weeklyTargetMinutes: 2280, loggedMinutes: 2279).isDue)
        // No target (e.g. a contractor at 0 h): never nudged for time.
        #expect(try !TimeNudge(week: monday, weeklyTargetMinutes: 0, loggedMinutes: 0).isDue)
    }

    @Test func theTargetIsTheUtilizationReportsTargetOfTheWeek() throws {
        let range = try ReportRange(from: monday, to: try monday.adding(days: 6))
        for target in [0, 1, 2280, 2400, 1234] {
            let report = try UtilizationWeek(
                week: monday, range: range, weeklyTargetMinutes: target, billableMinutes: 0, nonBillableMinutes: 0, loggedDates: [])
            #expect(try TimeNudge(week: monday, weeklyTargetMinutes: target, loggedMinutes: 0).targetMinutes == report.targetMinutes)
        }
    }

    @Test func nudgesGoOutOnMondayAboutTheWeekBefore() {
        #expect(TimeNudge.week(nudgedOn: LocalDate(year: 2026, month: 12, day: 21)!) == monday)
        for day in 15...20 { #expect(TimeNudge.week(nudgedOn: LocalDate(year: 2026, month: 12, day: day)!) == nil) }
        // Monday in the collaborator's own time zone: 2026-12-20 13:00 UTC is Monday 02:00 in Auckland.
        let instant = Date(timeIntervalSince1970: 1_797_757_200 + 4 * 3600)
        #expect(TimeNudge.week(nudgedOn: LocalDate.of(instant, timeZone: "Pacific/Auckland")) == monday)
        #expect(TimeNudge.week(nudgedOn: LocalDate.of(instant, timeZone: "UTC")) == nil)
    }
}
