import Domain
import Foundation
import Testing

@Suite("Time import: Toggl Track")
struct TimeImportTogglTests {
    static let header =
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()"

    /// A Toggl export with a byte order mark and one row whose `Duration` is
    /// `duration` (quoted when it holds a decimal comma, as exports do).
    static func file(duration: String, billable: String = "Yes") -> Data {
        let row =
            "Alice Martin,alice@example.com,Acme,Website,Design,Mockups,\(billable),2024-03-05,09:00:00,2024-03-05,10:30:00,"
            + "\(duration.contains(",") ? "\"\(duration)\"" : duration),,150.00"
        return Data([0xEF, 0xBB, 0xBF]) + Data((header + "\r\n" + row + "\r\n").utf8)
    }

    @Test func aTogglExportWithAByteOrderMarkIsRead() throws {
        let text = """
            \u{FEFF}\(Self.header)
            Alice Martin,alice@example.com,Acme,Website,Design,"Mockups, v2",Yes,2024-03-05,09:00:00,2024-03-05,10:30:00,01:30:00,design,150.00
            Bob Durand,,,Internal,,,No,2024-03-06,23:30:00,2024-03-07,00:15:00,00:44:30,,
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .toggl)

        #expect(result.isClean)
        #expect(
            result.rows == [
                ImportedTimeRow(
                    line: 2, date: try #require(LocalDate(iso: "2024-03-05")), minutes: 90,
                    personEmail: "alice@example.com", personName: "Alice Martin", clientName: "Acme",
                    projectName: "Website", taskName: "Design", note: "Mockups, v2", billable: true
                ),
                ImportedTimeRow(
                    line: 3, date: try #require(LocalDate(iso: "2024-03-06")), minutes: 45,
                    personName: "Bob Durand", projectName: "Internal", billable: false
                ),
            ]
        )
    }

    @Test(
        arguments: [
            ("01:30:00", 90), ("1:30:00", 90), ("00:44:30", 45), ("00:44:29", 44), ("00:00:30", 1),
            ("23:59:59", 1440), ("24:00:00", 1440), ("24:00:29", 1440), ("10:05", 605), ("1.5", 90), ("1,5", 90),
            ("0.25", 15), ("2,125", 128),
        ] as [(String, Int)]
    )
    func aDurationIsRoundedToTheNearestMinuteHalfUp(duration: String, minutes: Int) {
        let result = TimeImportParser.parse(data: Self.file(duration: duration), format: .toggl)
        #expect(result.rows.map(\.minutes) == [minutes])
        #expect(result.isClean)
    }

    @Test(
        arguments: [
            ("00:00:00", "Duration '00:00:00' is less than a minute; a time entry needs at least 1 minute"),
            ("00:00:29", "Duration '00:00:29' is less than a minute; a time entry needs at least 1 minute"),
            ("25:00:00", "Duration '25:00:00' is more than 24 hours"),
            ("24:00:30", "Duration '24:00:30' is more than 24 hours"),
            ("1:60:00", "Duration '1:60:00' is not a duration such as 1:30:00 or 1.5"),
            ("1:30:00:00", "Duration '1:30:00:00' is not a duration such as 1:30:00 or 1.5"),
            ("-01:00:00", "Duration '-01:00:00' is not a duration such as 1:30:00 or 1.5"),
            ("1h30", "Duration '1h30' is not a duration such as 1:30:00 or 1.5"),
            ("-2", "Duration '-2' is negative"),
            ("", "Duration is empty"),
        ] as [(String, String)]
    )
    func anImpossibleDurationIsRejectedOnItsLine(duration: String, reason: String) {
        let result = TimeImportParser.parse(data: Self.file(duration: duration), format: .toggl)
        #expect(result.rows.isEmpty)
        #expect(result.rejected == [ImportRejection(line: 2, reason: reason)])
    }

    @Test(arguments: [("Yes", true), ("no", false), ("TRUE", true), ("0", false)] as [(String, Bool)])
    func theBillableFlagReadsYesAndNo(text: String, billable: Bool) {
        let result = TimeImportParser.parse(data: Self.file(duration: "1:00:00", billable: text), format: .toggl)
        #expect(result.rows.map(\.billable) == [billable])
    }

    @Test func malformedRowsAreRejectedWithTheirLinesAndTheOthersKept() {
        let text = """
            \(Self.header)
            Alice Martin,alice@example.com,Acme,Website,Design,ok,Yes,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,,
            Alice Martin,not-an-email,Acme,Website,Design,,Yes,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,,
            ,,Acme,Website,Design,,Yes,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,,
            Alice Martin,alice@example.com,Acme,,Design,,Yes,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,,
            ,,,,,,,,,,,,,
            Alice Martin,alice@example.com,Acme,Website,Design,ok,Yes,05/03/2024,09:00:00,2024-03-05,10:00:00,01:00:00,,
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .toggl)

        #expect(result.rows.map(\.line) == [2, 7])
        #expect(result.rows.last?.date == LocalDate(year: 2024, month: 5, day: 3))
        #expect(
            result.rejected.map(\.description) == [
                "line 3: Email 'not-an-email' is not a valid email address",
                "line 4: No person: Email and User are empty",
                "line 5: No project: Project is empty",
            ]
        )
    }
}
