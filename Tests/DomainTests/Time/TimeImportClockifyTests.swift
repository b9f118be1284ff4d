import Domain
import Foundation
import Testing

@Suite("Time import: Clockify")
struct TimeImportClockifyTests {
    static let header =
        "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,"
        + "Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)"

    @Test func aClockifyExportWithUSDatesIsRead() throws {
        let text = #"""
            \#(Self.header)
            Website,Acme,"Call with client
            about the ""menu""",Meetings,Alice Martin,Design,alice@example.com,,Yes,03/05/2024,09:00 AM,03/05/2024,10:30 AM,01:30:00,1.50,100.00,150.00
            Website,Acme,Review,,Bob Durand,,bob@example.com,,No,12/31/2024,04:00 PM,12/31/2024,04:45 PM,,"0,75",100.00,0.00
            """#

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .clockify)

        #expect(result.isClean)
        #expect(
            result.rows == [
                ImportedTimeRow(
                    line: 2, date: try #require(LocalDate(iso: "2024-03-05")), minutes: 90,
                    personEmail: "alice@example.com", personName: "Alice Martin", clientName: "Acme",
                    projectName: "Website", taskName: "Meetings", note: "Call with client\nabout the \"menu\"",
                    billable: true
                ),
                ImportedTimeRow(
                    line: 4, date: try #require(LocalDate(iso: "2024-12-31")), minutes: 45,
                    personEmail: "bob@example.com", personName: "Bob Durand", clientName: "Acme",
                    projectName: "Website", note: "Review", billable: false
                ),
            ]
        )
    }

    @Test func aSemicolonExportWithOnlyDecimalDurationsIsRead() {
        let text = """
            Project;Client;Description;Task;User;Group;Email;Tags;Billable;Start Date;Start Time;End Date;End Time;Duration (decimal)
            Website;Acme;Design, round 2;;Alice Martin;;alice@example.com;;Yes;03/05/2024;09:00;03/05/2024;17:30;20,5
            Website;Acme;Design;;Alice Martin;;alice@example.com;;Yes;03/06/2024;09:00;03/06/2024;17:30;8.5
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .clockify)

        #expect(result.isClean)
        #expect(result.rows.map(\.minutes) == [1230, 510])
        #expect(result.rows.map(\.note) == ["Design, round 2", "Design"])
    }

    @Test func malformedRowsAreRejectedWithTheirLines() {
        let text = """
            \(Self.header)
            Website,Acme,ok,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/05/2024,10:00,01:00:00,1.00,,
            Website,Acme,,,Alice Martin,,alice@example.com,,Yes,13/05/2024,09:00,13/05/2024,10:00,01:00:00,1.00,,
            Website,Acme,,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/06/2024,10:00,25:00:00,25.00,,
            Website,Acme,,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/05/2024,09:00,00:00:00,0.00,,
            ,Acme,,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/05/2024,10:00,01:00:00,1.00,,
            Website,Acme,"unterminated,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/05/2024,10:00,01:00:00,1.00,,
            Website,Acme,ok,,Alice Martin,,alice@example.com,,Yes,03/07/2024,09:00,03/07/2024,10:00,,2.00,,
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .clockify)

        #expect(result.rows.map(\.line) == [2, 8])
        #expect(result.rows.map(\.minutes) == [60, 120])
        #expect(
            result.rejected.map(\.description) == [
                "line 3: Start Date '13/05/2024' is not a valid date (expected YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY)",
                "line 4: Duration (h) '25:00:00' is more than 24 hours",
                "line 5: Duration (h) '00:00:00' is less than a minute; a time entry needs at least 1 minute",
                "line 6: No project: Project is empty",
                "line 7: A quoted field is never closed: a closing \" is missing.",
            ]
        )
    }

    @Test func withBothDurationsEmptyTheReasonNamesTheHoursColumn() {
        let text = Self.header + "\nWebsite,Acme,,,Alice Martin,,alice@example.com,,Yes,03/05/2024,09:00,03/05/2024,10:00,,,,\n"
        let result = TimeImportParser.parse(data: Data(text.utf8), format: .clockify)
        #expect(result.rejected == [ImportRejection(line: 2, reason: "Duration (h) is empty")])
    }
}
