import Domain
import Foundation
import Testing

@Suite("SheafTimeCSV")
struct SheafTimeCSVTests {
    static let firstID = UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E")!
    static let secondID = UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7")!

    static func export() throws -> CSVWriter {
        var writer = CSVWriter(header: SheafTimeCSV.header)
        writer.append(
            SheafTimeCSV.row(
                id: firstID, date: try #require(LocalDate(iso: "2024-03-05")), userEmail: "alice@example.com",
                userName: "Alice Martin", client: "Acme, Inc.", projectCode: "WEB", project: "Website",
                task: "Design", minutes: 90, billable: true, status: "client_validated",
                note: "=HYPERLINK(\"http://evil.example\",\"x\")\r\nsecond line", billableRate: try HourlyRate(parsing: "87.5", currency: .eur),
                costRate: try HourlyRate(parsing: "41.6667", currency: .eur)
            )
        )
        writer.append(
            SheafTimeCSV.row(
                id: secondID, date: try #require(LocalDate(iso: "2024-03-06")), userEmail: "bob@example.com",
                userName: "-Bob-", client: "Acme, Inc.", projectCode: nil, project: "@Internal", task: nil,
                minutes: 20, billable: false, status: "open", note: "", billableRate: nil, costRate: nil
            )
        )
        return writer
    }

    @Test func theHeaderIsPinned() {
        #expect(
            CSVWriter.line(SheafTimeCSV.header)
                == "id,date,user_email,user_name,client,project_code,project,task,minutes,hours,billable,status,note,billable_rate,cost_rate\r\n"
        )
    }

    @Test func anExportedRowIsQuotedAndProtectedAgainstFormulas() throws {
        let lines = try Self.export().text.components(separatedBy: "\r\n")
        #expect(
            lines[1]
                == "0f8fad5b-d9cb-469f-a165-70867728950e,2024-03-05,alice@example.com,Alice Martin,\"Acme, Inc.\",WEB,Website,Design,"
                + "90,1.50,true,client_validated,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")"
        )
        #expect(lines[2] == "second line\",87.50,41.6667")
        #expect(
            lines[3]
                == "7c9e6679-7425-40de-944b-e07fc1f90ae7,2024-03-06,bob@example.com,'-Bob-,\"Acme, Inc.\",,'@Internal,,20,0.33,false,open,,,"
        )
    }

    @Test func anExportReadsBackAsTheSameEntriesWithTheirIDs() throws {
        let result = TimeImportParser.parse(data: try Self.export().data(byteOrderMark: true), format: .sheaf)

        #expect(result.isClean)
        #expect(
            result.rows == [
                ImportedTimeRow(
                    line: 2, date: try #require(LocalDate(iso: "2024-03-05")), minutes: 90,
                    personEmail: "alice@example.com", personName: "Alice Martin", clientName: "Acme, Inc.",
                    projectName: "Website", projectCode: "WEB", taskName: "Design",
                    note: "=HYPERLINK(\"http://evil.example\",\"x\")\nsecond line", billable: true,
                    externalID: "0f8fad5b-d9cb-469f-a165-70867728950e"
                ),
                ImportedTimeRow(
                    line: 4, date: try #require(LocalDate(iso: "2024-03-06")), minutes: 20,
                    personEmail: "bob@example.com", personName: "-Bob-", clientName: "Acme, Inc.",
                    projectName: "@Internal", billable: false, externalID: "7c9e6679-7425-40de-944b-e07fc1f90ae7"
                ),
            ]
        )
    }

    @Test(arguments: [(90, "1.50"), (20, "0.33"), (10, "0.17"), (1, "0.02"), (1440, "24.00"), (0, "0.00")] as [(Int, String)])
    func hoursAreMinutesOverSixtyRoundedHalfUpToTwoDecimals(minutes: Int, hours: String) {
        #expect(SheafTimeCSV.hours(minutes: minutes) == hours)
    }

    @Test func malformedSheafRowsAreRejectedWithTheirLines() {
        let header = SheafTimeCSV.header.joined(separator: ",")
        let text = """
            \(header)
            a,2024-03-05,alice@example.com,,,,Website,,1.5,,true,open,,,
            b,03/05/2024,alice@example.com,,,,Website,,90,,true,open,,,
            c,2024-03-05,alice@example.com,,,,,,90,,true,open,,,
            d,2024-03-05,,,,,Website,,1441,,true,open,,,
            e,2024-03-05,,Alice,,WEB,,,60,,,open,,,
            """

        let result = TimeImportParser.parse(data: Data(text.utf8), format: .sheaf)

        #expect(result.rows.map(\.externalID) == ["e"])
        #expect(
            result.rejected.map(\.description) == [
                "line 2: minutes '1.5' is not a whole number of minutes",
                "line 3: date '03/05/2024' is not a valid date (expected YYYY-MM-DD)",
                "line 4: No project: project and project_code are empty",
                "line 5: minutes '1441' is more than 24 hours; No person: user_email and user_name are empty",
            ]
        )
    }
}
