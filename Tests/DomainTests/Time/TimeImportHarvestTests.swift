import Domain
import Foundation
import Testing

@Suite("Time import: Harvest")
struct TimeImportHarvestTests {
    static let header =
        "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,"
        + "First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL"

    /// Lines: 1 header · 2–5 good (4 spans two lines) · 6 bad date · 7 too long ·
    /// 8 zero hours · 9 no project · 10 unquoted decimal comma · 11 unterminated quote · 12 good.
    static let fixture =
        [
            header,
            "2024-03-05,Acme,Website,WEB,Design,Homepage mockups,1.5,1.5,Yes,No,Yes,Alice,Martin,Designer,Yes,100,150,50,75,EUR,",
            "03/06/2024,Acme,Website,WEB,Development,\"Fix header, footer\",\"0,25\",0.25,No,No,No,Bob,Durand,Dev,Yes,100,25,60,15,EUR,",
            "2024-03-07,,Internal,,Admin,\"Line one\nLine \"\"two\"\"\",8,8,,No,No,Chloé,,Ops,Yes,0,0,40,320,EUR,",
            "2024-02-30,Acme,Website,WEB,Design,,1,1,Yes,No,No,Alice,Martin,,Yes,100,100,50,50,EUR,",
            "2024-03-08,Acme,Website,WEB,Design,,25,25,Yes,No,No,Alice,Martin,,Yes,100,2500,50,1250,EUR,",
            "2024-03-08,Acme,Website,WEB,Design,,0,0,Yes,No,No,Alice,Martin,,Yes,100,0,50,0,EUR,",
            "2024-03-08,Acme,,,Design,,1,1,Yes,No,No,Alice,Martin,,Yes,100,100,50,50,EUR,",
            "2024-03-08,Acme,Website,WEB,Design,,1,5,1.5,Yes,No,No,Alice,Martin,,Yes,100,150,50,75,EUR,",
            "2024-03-08,Acme,Website,WEB,Design,\"oops,1,1,Yes,No,No,Alice,Martin,,Yes,100,100,50,50,EUR,",
            "2024-03-09,Acme,Website,WEB,Design,Last one,2:15,2.25,yes,No,No,Alice,Martin,,Yes,100,225,50,112.5,EUR,",
        ].joined(separator: "\r\n") + "\r\n"

    @Test func goodRowsBecomeNeutralRowsWithTheirLines() throws {
        let result = TimeImportParser.parse(data: Data(Self.fixture.utf8), format: .harvest)

        let expected = [
            ImportedTimeRow(
                line: 2, date: try #require(LocalDate(iso: "2024-03-05")), minutes: 90, personName: "Alice Martin",
                clientName: "Acme", projectName: "Website", projectCode: "WEB", taskName: "Design",
                note: "Homepage mockups", billable: true
            ),
            ImportedTimeRow(
                line: 3, date: try #require(LocalDate(iso: "2024-03-06")), minutes: 15, personName: "Bob Durand",
                clientName: "Acme", projectName: "Website", projectCode: "WEB", taskName: "Development",
                note: "Fix header, footer", billable: false
            ),
            ImportedTimeRow(
                line: 4, date: try #require(LocalDate(iso: "2024-03-07")), minutes: 480, personName: "Chloé",
                projectName: "Internal", taskName: "Admin", note: "Line one\nLine \"two\""
            ),
            ImportedTimeRow(
                line: 12, date: try #require(LocalDate(iso: "2024-03-09")), minutes: 135, personName: "Alice Martin",
                clientName: "Acme", projectName: "Website", projectCode: "WEB", taskName: "Design",
                note: "Last one", billable: true
            ),
        ]
        #expect(result.rows == expected)
    }

    @Test func eachMalformedRowIsRejectedWithItsLineAndAClearReason() {
        let result = TimeImportParser.parse(data: Data(Self.fixture.utf8), format: .harvest)

        #expect(
            result.rejected.map(\.description) == [
                "line 6: Date '2024-02-30' is not a valid date (expected YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY)",
                "line 7: Hours '25' is more than 24 hours",
                "line 8: Hours '0' is less than a minute; a time entry needs at least 1 minute",
                "line 9: No project: Project and Project Code are empty",
                "line 10: The row has 22 fields but the header has 21; is a value containing \",\" (such as a decimal comma) missing its quotes?",
                "line 11: A quoted field is never closed: a closing \" is missing.",
            ]
        )
        #expect(!result.isClean)
    }

    @Test func severalProblemsOfOneRowAreReportedTogether() {
        let text = Self.header + "\n13/45/2024,Acme,,,Design,,-1,,Maybe,,,,,,,,,,,,\n"

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .harvest)

        #expect(result.rows.isEmpty)
        #expect(
            result.rejected == [
                ImportRejection(
                    line: 2,
                    reason: "Date '13/45/2024' is not a valid date (expected YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY); "
                        + "Hours '-1' is negative; Billable? 'Maybe' is not Yes or No; "
                        + "No person: First Name and Last Name are empty; No project: Project and Project Code are empty"
                )
            ]
        )
    }

    @Test func aSemicolonExportWithDecimalCommasAndEuropeanDatesIsRead() throws {
        let text = """
            Date;Client;Project;Task;Notes;Hours;Billable?;First Name;Last Name
            05.03.2024;Acme;Website;Design;Kick-off; 20,5 ;Yes;Alice;Martin
            2024-03-06;Acme;Website;Design;Review;0,5;No;Alice;Martin
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .harvest)

        #expect(result.rows.map(\.minutes) == [1230, 30])
        #expect(result.rows.map(\.date.description) == ["2024-03-05", "2024-03-06"])
        #expect(result.rows.map(\.billable) == [true, false])
        #expect(result.isClean)
    }
}
