import Domain
import Foundation
import Testing

@Suite("MissingTime")
struct MissingTimeTests {
    private func dates(_ texts: [String]) -> [LocalDate] { texts.map(WorkFixture.date) }

    @Test(
        arguments: [
            // from, to, logged → missing (weekdays Mon–Fri)
            ("2026-03-02", "2026-03-08", [], ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]),
            (
                "2026-03-02", "2026-03-08", ["2026-03-02", "2026-03-04", "2026-03-07"],
                ["2026-03-03", "2026-03-05", "2026-03-06"]
            ),
            ("2026-03-02", "2026-03-06", ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"], []),
            ("2026-03-07", "2026-03-08", [], []),  // a weekend only
            ("2026-03-04", "2026-03-04", [], ["2026-03-04"]),  // one day
            ("2026-02-27", "2026-03-03", ["2026-03-02"], ["2026-02-27", "2026-03-03"]),  // across a month
        ] as [(String, String, [String], [String])]
    )
    func workingDaysWithoutTimeAreMissing(from: String, to: String, logged: [String], missing: [String]) throws {
        let result = try MissingTime.missingDays(
            from: WorkFixture.date(from),
            to: WorkFixture.date(to),
            loggedDates: Set(dates(logged))
        )
        #expect(result == dates(missing))
    }

    @Test func aCollaboratorsOwnWorkingDaysAndHolidaysAreRespected() throws {
        // A four-day week Tue–Fri, with Friday 2026-03-06 a public holiday.
        let result = try MissingTime.missingDays(
            from: WorkFixture.date("2026-03-02"),
            to: WorkFixture.date("2026-03-08"),
            workingDays: [.tuesday, .wednesday, .thursday, .friday],
            loggedDates: [WorkFixture.date("2026-03-03")],
            nonWorkingDates: [WorkFixture.date("2026-03-06")]
        )
        #expect(result == dates(["2026-03-04", "2026-03-05"]))
    }

    @Test func aWholeLeapYearIsAllowed() throws {
        let result = try MissingTime.missingDays(
            from: WorkFixture.date("2024-01-01"),
            to: WorkFixture.date("2024-12-31"),
            loggedDates: []
        )
        #expect(result.count == 262)  // 366 days, 52 weeks + Mon and Tue
    }

    @Test(
        arguments: [
            ("2026-03-08", "2026-03-02", "The end date must be on or after the start date."),
            ("2026-01-01", "2027-01-02", "A range may cover at most 366 days; this one covers 367."),
            ("0001-01-01", "9999-12-31", "A range may cover at most 366 days; this one covers 3652059."),
        ]
    )
    func anInvertedOrTooLongRangeIsRefused(from: String, to: String, message: String) {
        #expect(throws: DomainError.invalid(field: "to", message: message)) {
            try MissingTime.missingDays(from: WorkFixture.date(from), to: WorkFixture.date(to), loggedDates: [])
        }
    }
}
