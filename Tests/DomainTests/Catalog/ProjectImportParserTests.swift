import Domain
import Testing

@Suite("Project import parsing")
struct ProjectImportParserTests {
    @Test(arguments: [
        ("Acme (https://www.notion.so/Acme-4f1c)", ["Acme"]),
        ("Acme, Inc. (https://www.notion.so/Acme-Inc-1), Beta (https://www.notion.so/Beta-2)", ["Acme, Inc.", "Beta"]),
        ("  Plain name ", ["Plain name"]),
        ("", []),
    ])
    func notionRelationCellsReadAsTheirTitles(cell: String, titles: [String]) {
        #expect(NotionCell.titles(cell) == titles)
    }

    @Test func numbersFollowTheLocale() {
        #expect(NumberStyle(locale: "de-DE") == .decimalComma && NumberStyle(locale: "fr_BE") == .decimalComma)
        #expect(NumberStyle(locale: "en-GB") == .decimalPoint && NumberStyle(locale: "") == .decimalPoint)
        #expect(NumberStyle.decimalComma.plain("1.234,5") == "1234.5")
        #expect(NumberStyle.decimalComma.plain("12 500,00") == "12500.00")
        #expect(NumberStyle.decimalPoint.plain("1,234.5") == "1234.5")
        #expect(NumberStyle.decimalPoint.plain("1.234,5") == nil)
        #expect(NumberStyle.decimalPoint.plain("12h") == nil)
        #expect(NumberStyle.decimalPoint.plain("12,5") == nil, "a comma between groups of three only")
        #expect(NumberStyle.decimalComma.plain("1.5") == nil && NumberStyle.decimalComma.plain("1,5") == "1.5")
        #expect(NumberStyle.decimalPoint.plain("12,500") == "12500" && NumberStyle.decimalPoint.plain("1.500") == "1.500")
        #expect(NumberStyle.undeclared.plain("1.500") == nil && NumberStyle.undeclared.plain("1,500") == nil)
        #expect(NumberStyle.undeclared.plain("0.125") == "0.125" && NumberStyle.undeclared.plain("1,234.5") == "1234.5")
        #expect(NumberStyle.undeclared.plain("1.234,5") == nil && NumberStyle.undeclared.plain("12.5") == "12.5")
    }

    @Test func everyBadCellIsReportedWithItsRowAndColumn() throws {
        let table = try CSVReader().read(
            "Name,Client,Status,Budget\r\nA,Acme,Active,10\r\n,Acme,Paused,x\r\n\r\nC,\"X (https://www.notion.so/x), Y (https://www.notion.so/y)\",Someday,5\r\n")
        let parsed = ProjectImportParser.parse(
            table, mapping: ProjectImportMapping(name: "Name", client: "Client", status: "Status", budgetHours: "Budget"), numbers: .decimalPoint)
        #expect(parsed.rows.map(\.name) == ["A"])
        #expect(parsed.rows.first?.status == .active && parsed.rows.first?.budgetMinutes == 600)
        #expect(parsed.problems.map(\.description) == [
            "row 3, column 'Name': is empty",
            "row 3, column 'Budget': 'x' is not a positive number such as 1,234.50",
            "row 5, column 'Client': names 2 related pages; one is needed",
            "row 5, column 'Status': 'Someday' is not one of active, on_hold or closed",
        ])
    }

    @Test func aMappedColumnTheFileLacksIsReportedOnTheHeader() throws {
        let table = try CSVReader().read("Name\r\nA\r\n")
        let parsed = ProjectImportParser.parse(table, mapping: ProjectImportMapping(name: "Name", code: "Code"), numbers: .decimalPoint)
        #expect(parsed.rows.isEmpty)
        #expect(parsed.problems.map { "\($0.row) \($0.column ?? "")" } == ["1 Code"])
    }

    @Test func aTimeMappingNamesEveryMissingPart() {
        #expect(TimeColumnMapping().problems.map(\.parameter) == ["column_date", "column_person", "column_project", "column_hours"])
        #expect(TimeColumnMapping(date: "D", email: "E", project: "P", hours: "H", start: "S").problems.map(\.parameter) == ["column_hours"])
        #expect(TimeColumnMapping(date: "D", person: "N", projectCode: "C", end: "E").problems.map(\.parameter) == ["column_start"])
        #expect(TimeColumnMapping(date: "D", person: "N", project: "P", start: "S", end: "E").problems.isEmpty)
    }
}
