import Domain
import Testing

/// The hours of the time annex (issue 13 item 1): each entry's own, and a line's total
/// as the line's quantity counts them — minutes summed, then rounded once.
@Suite struct TimeAnnexEntryTests {
    static func entry(_ minutes: Int) -> TimeAnnexEntry {
        TimeAnnexEntry(lineID: .random(), workDate: LocalDate(year: 2026, month: 11, day: 2)!, person: "Mia Member", minutes: minutes, note: "")
    }

    @Test(arguments: [
        ([20, 20, 20], "1"),  // each entry 0.33 h, the three 1.00 h, not 0.99
        ([90, 135], "3.75"),
        ([240, 20, 45], "5.08"),
        ([1], "0.02"),
    ])
    func aLinesHoursAreItsEntriesMinutesRoundedOnce(minutes: [Int], total: String) {
        #expect(TimeAnnexEntry.hours(of: minutes.map(Self.entry)).decimalString == total)
        #expect(TimeAnnexEntry.hours(of: minutes.map(Self.entry)) == .hours(fromMinutes: minutes.reduce(0, +)))
    }

    @Test func anEntryShowsItsOwnHoursWithTwoDecimals() {
        #expect(Self.entry(20).hours.decimalString == "0.33")
        #expect(Self.entry(45).hours.decimalString == "0.75")
        #expect(Self.entry(60).hours.decimalString == "1")
    }
}
