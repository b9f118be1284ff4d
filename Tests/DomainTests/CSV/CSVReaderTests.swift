import Domain
import Foundation
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    @Test(arguments: ["\r\n", "\n", "\r"])
    func recordsCarryThePhysicalLineTheyStartOnWhateverTheLineEnd(lineEnd: String) throws {
        let text = ["name,hours", "Alice,1.5", "Bob,2", ""].joined(separator: lineEnd)

        let table = try CSVReader().read(text)

        #expect(table.header == ["name", "hours"])
        #expect(table.headerLine == 1)
        #expect(table.delimiter == .comma)
        #expect(table.records == [CSVRecord(line: 2, fields: ["Alice", "1.5"]), CSVRecord(line: 3, fields: ["Bob", "2"])])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let table = try CSVReader().read(Data([0xEF, 0xBB, 0xBF]) + Data("User,Email\r\nAlice,a@x.io".utf8))
        #expect(table.header == ["User", "Email"])
        #expect(table.records == [CSVRecord(line: 2, fields: ["Alice", "a@x.io"])])
    }

    @Test(
        arguments: [
            ("Date;Hours;Note\n", CSVDelimiter.semicolon), ("Date,Hours,Note\n", .comma), ("Date\n", .comma),
            ("\"a;b;c\",d\n", .comma), ("a,b;c;d\n", .semicolon), ("a;b,c,d\n", .comma),
        ] as [(String, CSVDelimiter)]
    )
    func theDelimiterIsDetectedFromTheHeaderLineOutsideQuotes(header: String, delimiter: CSVDelimiter) throws {
        #expect(try CSVReader().read(header + "1;2,3;4,5").delimiter == delimiter)
    }

    @Test func aEuropeanExportSplitsOnSemicolonsAndKeepsDecimalCommas() throws {
        let table = try CSVReader().read("Date;Hours;Note\r\n05.03.2024;1,5;Design, review\r\n")
        #expect(table.records == [CSVRecord(line: 2, fields: ["05.03.2024", "1,5", "Design, review"])])
    }

    @Test func anExplicitDelimiterOverridesDetection() throws {
        let table = try CSVReader(delimiter: .comma).read("a;b\n1;2")
        #expect(table.header == ["a;b"])
        #expect(table.records.map(\.fields) == [["1;2"]])
    }

    @Test func quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws {
        let text = "id,note,hours\r\n1,\"Call, then \"\"fix\"\"\r\nsecond line\nthird\",2\r\n2,\"\",3\r\n3,x,\r\n"

        let table = try CSVReader().read(text)

        #expect(
            table.records == [
                CSVRecord(line: 2, fields: ["1", "Call, then \"fix\"\r\nsecond line\nthird", "2"]),
                CSVRecord(line: 5, fields: ["2", "", "3"]),
                CSVRecord(line: 6, fields: ["3", "x", ""]),
            ]
        )
    }

    @Test func fieldsAreNotTrimmedAndAStrayQuoteInAnUnquotedFieldIsText() throws {
        let table = try CSVReader().read("item,size\n 24\" screen , \"quoted\"\n")
        #expect(table.records.map(\.fields) == [[" 24\" screen ", " \"quoted\""]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let table = try CSVReader().read("\nh\n\n1\r\n\r\n\r\n2\n\n")
        #expect(table.headerLine == 2)
        #expect(table.records == [CSVRecord(line: 4, fields: ["1"]), CSVRecord(line: 7, fields: ["2"])])
    }

    @Test(
        arguments: [
            ("h1,h2\n1,ok\n2,\"never closed\n3,fine\n", 3, "A quoted field is never closed: a closing \" is missing."),
            (
                "h1,h2\n1,\"multi\nline\"\n2,\"abc\"x\n", 4,
                "Unexpected text after the closing \" of a quoted field; a \" inside a quoted field must be doubled (\"\")."
            ),
            ("h1,h2\n1,\"a\"\"b\" ,c\n", 2, "Unexpected text after the closing \" of a quoted field; a \" inside a quoted field must be doubled (\"\")."),
        ] as [(String, Int, String)]
    )
    func malformedQuotingIsAnErrorCitingTheLineWhereTheFieldOpens(text: String, line: Int, message: String) {
        #expect(throws: CSVError(line: line, message: message)) { try CSVReader().read(text) }
    }

    @Test func recoveringSkipsAMalformedRecordAndGoesOnWithTheNextLine() throws {
        let text = "h1,h2\n1,ok\n2,\"never closed\n3,fine\n4,\"bad\"x\n5,\"also \"\"fine\"\"\"\n"

        let (table, problems) = try CSVReader().readRecovering(Data(text.utf8))

        #expect(problems.map(\.line) == [3, 5])
        #expect(problems.first?.message == "A quoted field is never closed: a closing \" is missing.")
        #expect(
            table.records == [
                CSVRecord(line: 2, fields: ["1", "ok"]),
                CSVRecord(line: 4, fields: ["3", "fine"]),
                CSVRecord(line: 6, fields: ["5", "also \"fine\""]),
            ]
        )
    }

    @Test func recoveringReportsATextAfterClosingQuoteAndKeepsLaterRecords() throws {
        let text = "h1,h2\n1,\"bad\"x\n2,good\n"
        let (table, problems) = try CSVReader().readRecovering(Data(text.utf8))
        #expect(problems.map(\.description) == [CSVError.textAfterClosingQuoteMessage(line: 2)])
        #expect(table.records == [CSVRecord(line: 3, fields: ["2", "good"])])
    }

    @Test(arguments: [Data(), Data([0xEF, 0xBB, 0xBF]), Data("\r\n\n".utf8)])
    func anEmptyFileIsAnErrorOnLine1(data: Data) {
        #expect(throws: CSVError(line: 1, message: "The file is empty; a header row is expected.")) {
            try CSVReader().read(data)
        }
    }

    @Test func textThatIsNotUTF8IsAnErrorOnTheLineOfTheFirstBadByte() {
        var data = Data("User,Note\r\nAlice,ok\r\nBob,caf".utf8)
        data.append(0xE9)  // "é" in Windows-1252
        let expected = CSVError(line: 3, message: "The file is not UTF-8 text; export or save it as \"CSV UTF-8\".")
        #expect(throws: expected) { try CSVReader().read(data) }
        #expect(throws: expected) { try CSVReader().readRecovering(data) }
    }

    @Test func aMalformedHeaderFailsEvenWhenRecovering() {
        #expect(throws: CSVError.self) { try CSVReader().readRecovering(Data("\"Date,Hours\n1,2\n".utf8)) }
    }

    @Test func anErrorDescribesItselfWithItsLine() {
        #expect(CSVError(line: 7, message: "Broken.").description == "line 7: Broken.")
    }
}

extension CSVError {
    fileprivate static func textAfterClosingQuoteMessage(line: Int) -> String {
        "line \(line): Unexpected text after the closing \" of a quoted field; a \" inside a quoted field must be doubled (\"\")."
    }
}
