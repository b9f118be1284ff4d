import Domain
import Foundation
import Testing

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func aDocumentIsAHeaderRowThenOneCRLFEndedLinePerRecord() {
        var writer = CSVWriter(header: ["date", "minutes", "note"])
        writer.append(["2024-03-05", "90", "Kick-off"])
        writer.append(["2024-03-06", "30", ""])
        #expect(writer.text == "date,minutes,note\r\n2024-03-05,90,Kick-off\r\n2024-03-06,30,\r\n")
        #expect(writer.recordCount == 2)
    }

    @Test(
        arguments: [
            ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""), ("two\r\nlines", "\"two\r\nlines\""), ("end\r", "\"end\r\""),
            ("Café – 日本 😀", "Café – 日本 😀"), ("a;b", "a;b"), ("  padded  ", "  padded  "),
        ] as [(String, String)]
    )
    func aFieldIsQuotedOnlyWhenItHoldsTheDelimiterAQuoteOrALineBreak(value: String, written: String) {
        #expect(CSVWriter.field(value) == written)
    }

    @Test(
        arguments: [
            ("a;b", "\"a;b\""), ("1,5", "1,5"), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("x\ny", "\"x\ny\""),
        ] as [(String, String)]
    )
    func withASemicolonDelimiterSemicolonsAreQuotedAndCommasAreNot(value: String, written: String) {
        #expect(CSVWriter.field(value, delimiter: .semicolon) == written)
        #expect(CSVWriter.line(["x", value], delimiter: .semicolon) == "x;\(written)\r\n")
    }

    @Test(
        arguments: [
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("=HYPERLINK(\"http://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+1", "'+1+1"), ("+5", "'+5"), ("@SUM(1)", "'@SUM(1)"), ("-2+3", "'-2+3"), ("-", "'-"),
            ("-1.2.3", "'-1.2.3"), ("-5a", "'-5a"), ("-.5", "'-.5"), ("-5.", "'-5."), ("-1,25", "\"'-1,25\""),
            ("\t=1", "'\t=1"), ("\r=1", "\"'\r=1\""), ("\r\n=1", "\"'\r\n=1\""),
            ("'=1", "''=1"), ("''-x", "'''-x"),
            ("-5", "-5"), ("-1.25", "-1.25"), ("-0", "-0"), ("12", "12"), ("1.5", "1.5"),
            ("'quoted'", "'quoted'"), ("a=b", "a=b"), ("Meeting - notes", "Meeting - notes"), (" =1", " =1"),
        ] as [(String, String)]
    )
    func aFieldThatAFormulaCouldStartWithIsPrefixedWithAQuoteButNegativeNumbersAreNot(value: String, written: String) {
        #expect(CSVWriter.field(value) == written)
    }

    @Test(arguments: ["=1+1", "'=1+1", "''=1", "+x", "-5", "'-5", "-x", "@a", "\tt", "\r\nx", "'", "''", "'plain", "", "plain"])
    func restoringAFormulaPrefixGivesBackTheOriginalValue(value: String) {
        #expect(CSVWriter.restoringFormula(CSVWriter.neutralizingFormula(value)) == value)
    }

    @Test func restoringLeavesTextThatNoWriterPrefixedAlone() {
        #expect(CSVWriter.restoringFormula("'hello'") == "'hello'")
        #expect(CSVWriter.restoringFormula("=raw") == "=raw")
    }

    @Test func dataIsUTF8WithAnOptionalByteOrderMark() {
        var writer = CSVWriter(header: ["name"])
        writer.append(["Zoë"])
        #expect(writer.data() == Data("name\r\nZoë\r\n".utf8))
        #expect(writer.data(byteOrderMark: true) == Data([0xEF, 0xBB, 0xBF]) + Data("name\r\nZoë\r\n".utf8))
    }

    @Test func whatTheWriterWritesTheReaderReadsBackExactly() throws {
        let awkward = [
            ["plain", "with, comma", "with \"quotes\"", "multi\r\nline\nnote", ""],
            ["=1+1", "-5", "-1.25", "@here", "'=kept"],
            ["Café", "日本語", "tab\tinside", "trailing space ", "\"\""],
        ]
        for delimiter in CSVDelimiter.allCases {
            var writer = CSVWriter(header: ["a", "b", "c", "d", "e"], delimiter: delimiter)
            for record in awkward { writer.append(record) }

            let table = try CSVReader().read(writer.data(byteOrderMark: true))

            #expect(table.delimiter == delimiter)
            #expect(table.header == ["a", "b", "c", "d", "e"])
            #expect(table.records.map { $0.fields.map(CSVWriter.restoringFormula) } == awkward)
            #expect(table.records.map(\.line) == [2, 5, 6])
        }
    }
}
