import Domain
import Foundation
import Testing

@Suite("WorkHours")
struct WorkHoursTests {
    @Test(
        arguments: [
            (90, 150, "1.50"),
            (60, 100, "1.00"),
            (480, 800, "8.00"),
            (1, 2, "0.02"),  // 1.67 hundredths → 2
            (10, 17, "0.17"),  // 16.67 → 17
            (20, 33, "0.33"),  // 33.33 → 33
            (50, 83, "0.83"),
            (3, 5, "0.05"),  // exactly 5 hundredths
            (0, 0, "0.00"),
            (1560, 2600, "26.00"),
        ]
    )
    func hoursHaveTwoDecimalsRoundedHalfUpFromMinutes(minutes: Int, hundredths: Int64, text: String) {
        #expect(WorkHours.hundredths(fromMinutes: minutes) == hundredths)
        #expect(WorkHours.decimalString(fromMinutes: minutes) == text)
    }

    @Test func absurdMinutesDoNotTrap() {
        #expect(WorkHours.hundredths(fromMinutes: .max) == .max)
    }
}
