import Domain
import Foundation
import Testing

@Suite("DailyLimit")
struct DailyLimitTests {
    let day = WorkFixture.date("2026-03-04")

    @Test(
        arguments: [
            // existing, new → free afterwards
            (0, 1, 1439),
            (0, 1440, 0),
            (1200, 240, 0),
            (480, 60, 900),
        ]
    )
    func anEntryThatFitsInTheDayIsAccepted(existing: Int, new: Int, free: Int) throws {
        #expect(try DailyLimit.check(date: day, existingMinutes: existing, newMinutes: new) == free)
    }

    @Test(
        arguments: [
            (1200, 241, "2026-03-04 already has 1200 minutes logged; at most 240 more minutes fit in that day."),
            (1439, 2, "2026-03-04 already has 1439 minutes logged; at most 1 more minute fits in that day."),
            (1440, 1, "2026-03-04 already has 1440 minutes logged; no more time fits in that day."),
            (1500, 30, "2026-03-04 already has 1500 minutes logged; no more time fits in that day."),
        ]
    )
    func anEntryBeyondTwentyFourHoursADayIsRefusedNamingTheDayAndWhatRemains(
        existing: Int,
        new: Int,
        message: String
    ) {
        #expect(throws: DomainError.invalid(field: "minutes", message: message)) {
            try DailyLimit.check(date: day, existingMinutes: existing, newMinutes: new)
        }
    }

    @Test(arguments: [0, -5, 1441, Int.max, Int.min])
    func minutesMustBeBetweenOneAndFourteenForty(minutes: Int) {
        #expect(throws: DomainError.invalid(field: "minutes", message: "Enter between 1 and 1440 minutes.")) {
            try DailyLimit.check(date: day, existingMinutes: 0, newMinutes: minutes)
        }
    }

    @Test func editingAnEntryExcludesItFromTheExistingMinutes() throws {
        // 8 h logged in two entries of 240; editing one of them to 1200 leaves 240 beside it.
        #expect(try DailyLimit.check(date: day, existingMinutes: 240, newMinutes: 1200) == 0)
    }

    @Test(arguments: [(0, 1440), (1000, 440), (1440, 0), (2000, 0), (-10, 1440)])
    func remainingMinutesAreNeverNegative(existing: Int, remaining: Int) {
        #expect(DailyLimit.remainingMinutes(existingMinutes: existing) == remaining)
    }
}
