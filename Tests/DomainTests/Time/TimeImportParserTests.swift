import Domain
import Foundation
import Testing

@Suite("TimeImportParser")
struct TimeImportParserTests {
    @Test(
        arguments: [
            (
                TimeImportFormat.harvest, "Date,Client,Project,Notes,Billable?,First Name",
                "Missing required columns: 'Hours', 'Last Name'. Is this a Harvest detailed report export?"
            ),
            (
                .toggl, "User,Client,Project,Description,Billable,Start time,Duration",
                "Missing required column: 'Start date'. Is this a Toggl Track detailed report export?"
            ),
            (
                .toggl, "Client,Project,Start date,Duration",
                "Missing required column: 'Email' (or 'User'). Is this a Toggl Track detailed report export?"
            ),
            (
                .clockify, "Project,Client,Description,User,Email,Start Date,Duration",
                "Missing required column: 'Duration (h)' (or 'Duration (decimal)'). Is this a Clockify detailed report export?"
            ),
            (
                .sheaf, "id,date,client,minutes",
                "Missing required columns: 'project' (or 'project_code'), 'user_email' (or 'user_name'). Is this a Sheaf time-entry export?"
            ),
        ] as [(TimeImportFormat, String, String)]
    )
    func missingRequiredColumnsAreOneFileLevelRejectionNamingThem(format: TimeImportFormat, header: String, reason: String) {
        let text = header + "\r\n" + "x,y\r\n"

        let result = TimeImportParser.parse(data: Data(text.utf8), format: format)

        #expect(result.rows.isEmpty)
        #expect(result.rejected == [ImportRejection(line: 1, reason: reason)])
    }

    @Test func aTogglFileImportedAsHarvestIsRejectedAsAWhole() {
        let text = TimeImportTogglTests.header + "\nAlice,a@x.io,,Web,,,Yes,2024-03-05,,,,01:00:00,,\n"
        let result = TimeImportParser.parse(data: Data(text.utf8), format: .harvest)
        #expect(result.rows.isEmpty)
        #expect(result.rejected.map(\.line) == [1])
    }

    @Test func columnsAreMatchedByNameInAnyOrderAndCaseWithSurroundingSpaces() throws {
        let text = "  DURATION , start DATE,Project,EMAIL,Unrelated\n01:00:00,2024-03-05,Website,alice@example.com,whatever\n"

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .toggl)

        #expect(
            result.rows == [
                ImportedTimeRow(
                    line: 2, date: try #require(LocalDate(iso: "2024-03-05")), minutes: 60,
                    personEmail: "alice@example.com", projectName: "Website"
                )
            ]
        )
    }

    @Test func valuesAreTrimmedAndBlankRowsSkipped() {
        let text = "Start date,Duration,Project,User,Description\n 2024-03-05 , 1:00:00 ,  Website , Alice ,  note  \n, , , ,\n\n"

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .toggl)

        #expect(result.isClean)
        #expect(result.rows.map(\.projectName) == ["Website"])
        #expect(result.rows.map(\.personName) == ["Alice"])
        #expect(result.rows.map(\.note) == ["note"])
    }

    @Test(
        arguments: [
            (Data(), 1, "The file is empty; a header row is expected."),
            (Data("Date,Hours\r\n2024-03-05,1\r\n".utf8) + Data([0xFF]), 3, "The file is not UTF-8 text; export or save it as \"CSV UTF-8\"."),
            (Data("\"Date,Hours\r\n2024-03-05,1\r\n".utf8), 1, "A quoted field is never closed: a closing \" is missing."),
        ] as [(Data, Int, String)]
    )
    func anUnreadableFileIsOneRejection(data: Data, line: Int, reason: String) {
        let result = TimeImportParser.parse(data: data, format: .harvest)
        #expect(result == TimeImportResult(rows: [], rejected: [ImportRejection(line: line, reason: reason)]))
    }

    @Test func aHeaderOnlyFileHasNoRowsAndNoRejections() {
        let result = TimeImportParser.parse(data: Data((TimeImportHarvestTests.header + "\r\n").utf8), format: .harvest)
        #expect(result == TimeImportResult(rows: [], rejected: []))
        #expect(result.isClean)
    }

    @Test func aShiftedRowInASemicolonFileBlamesTheSemicolon() {
        let text = "Start date;Duration;Project;User\n2024-03-05;1:00:00;Web;site;Alice\n"
        let result = TimeImportParser.parse(data: Data(text.utf8), format: .toggl)
        #expect(
            result.rejected.map(\.reason) == [
                "The row has 5 fields but the header has 4; is a value containing \";\" missing its quotes?"
            ]
        )
    }

    @Test(
        arguments: [
            ("2024-03-05", "2024-03-05"), ("03/05/2024", "2024-03-05"), ("3/5/2024", "2024-03-05"),
            ("05.03.2024", "2024-03-05"), ("5.3.2024", "2024-03-05"), ("2024-02-29", "2024-02-29"), ("02/29/2024", "2024-02-29"),
        ] as [(String, String)]
    )
    func datesAreReadAsISOUSOrEuropean(text: String, iso: String) {
        let file = "Date,Project,Hours,First Name,Last Name\n\(text),Web,1,Alice,Martin\n"
        let result = TimeImportParser.parse(data: Data(file.utf8), format: .harvest)
        #expect(result.rows.map(\.date.description) == [iso])
    }

    @Test(arguments: ["2023-02-29", "13/05/2024", "2024-3-5", "05-03-2024", "2024/03/05", "03/05/24", "٠٣/٠٥/٢٠٢٤", "yesterday"])
    func anImpossibleOrAmbiguousDateIsRejected(text: String) {
        let file = "Date,Project,Hours,First Name,Last Name\n\(text),Web,1,Alice,Martin\n"
        let result = TimeImportParser.parse(data: Data(file.utf8), format: .harvest)
        #expect(result.rows.isEmpty)
        #expect(
            result.rejected == [
                ImportRejection(
                    line: 2,
                    reason: "Date '\(text)' is not a valid date (expected YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY)"
                )
            ]
        )
    }

    @Test func anAbsurdlyLongValueIsCutInTheReason() {
        let long = String(repeating: "9", count: 100)
        let file = "Date,Project,Hours,First Name,Last Name\n2024-03-05,Web,\(long)x,Alice,Martin\n"
        let result = TimeImportParser.parse(data: Data(file.utf8), format: .harvest)
        let expected = "Hours '\(String(repeating: "9", count: 39))…' is not a duration such as 1:30:00 or 1.5"
        #expect(result.rejected.map(\.reason) == [expected])
    }

    @Test func formatsAreNamedByTheirQueryParameter() {
        #expect(TimeImportFormat.allCases.map(\.rawValue) == ["harvest", "toggl", "clockify", "sheaf", "csv"])
        #expect(TimeImportFormat(rawValue: "toggl")?.displayName == "Toggl Track")
    }
}
