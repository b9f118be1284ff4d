import Domain
import Foundation
import Services
import Testing
import ZIPFoundation

/// Sheaf's workbook writer and reader against each other, and the reader against
/// workbooks it did not write (openpyxl's, and hand-made parts).
@Suite("XLSX round trip")
struct XLSXRoundTripTests {
    @Test func aWrittenSheetReadsBackAsItsCSVFields() throws {
        var sheet = SheetTable(
            name: "Time entries",
            columns: [
                SheetColumn("date", .date), SheetColumn("minutes", .integer), SheetColumn("hours", .decimal),
                SheetColumn("amount", .money(currencyColumn: "currency")), SheetColumn("currency"), SheetColumn("billable", .flag),
                SheetColumn("note"),
            ])
        let rows = [
            ["2026-03-02", "90", "1.50", "1210.00", "EUR", "true", "=HYPERLINK(\"http://x\",\"y\") & <b> \u{1F600}"],
            ["1900-03-01", "-5", "0.33", "-7.5", "KWD", "false", "  line one\nline two  "],
            ["", "", "", "", "", "", ""],
            ["9999-12-31", "1440", "24.00", "0", "", "", "'quoted"],
        ]
        for row in rows { sheet.append(row) }

        let table = try XLSXReader.table(try XLSXWriter.data(sheet))

        #expect(table.header == sheet.columns.map(\.name))
        #expect(table.headerLine == 1)
        #expect(table.records.map(\.line) == [2, 3, 5], "the empty row is no record; lines are row numbers")
        #expect(table.records[0].fields == rows[0])
        #expect(table.records[1].fields == rows[1])
        #expect(table.records[2].fields == rows[3])
    }

    @Test func theSameSheetAlwaysGivesTheSameBytes() throws {
        var sheet = SheetTable(name: "x", columns: [SheetColumn("a")])
        sheet.append(["1"])
        #expect(try XLSXWriter.data(sheet) == XLSXWriter.data(sheet))
    }

    @Test func aWorkbookWrittenByOpenpyxlReadsWithDatesNumbersAndFlags() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/XLSX/openpyxl-time.xlsx")
        let table = try XLSXReader.table(try Data(contentsOf: fixture))
        #expect(table.header == ["Datum", "Person", "Projekt", "Stunden", "Abrechenbar", "Notiz", "Tag"])
        #expect(table.headerLine == 2, "the empty first row is skipped")
        #expect(table.records.map(\.line) == [3, 4, 6])
        #expect(table.records[0].fields == ["2026-03-02", "Mia Member", "Website relaunch", "1.5", "true", #"Kick-off, "v2""#, "2026-03-02"])
        #expect(table.records[1].fields == ["2026-03-03", "Mia Member", "Website relaunch", "0.3", "false", "", "2026-03-03"])
        #expect(table.records[2].fields == ["2026-03-04", "Mia Member", "", "8", "", "  spaces kept  ", ""])
    }

    /// A workbook of hand-written parts: shared strings with rich-text runs and a
    /// phonetic run, numbers in exponent form and with binary noise, cells without
    /// references, a relationship to a sheet not called sheet1.
    @Test func sharedStringsExponentsAndUnreferencedCellsAreRead() throws {
        let workbook = try Self.zip([
            "xl/workbook.xml": #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="3" r:id="rId7"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>"#,
            "xl/sharedStrings.xml": #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><r><t>Ama</t></r><r><rPr><b/></rPr><t xml:space="preserve">ra </t></r><rPh><t>x</t></rPh></si><si><t>Hours</t></si></sst>"#,
            "xl/worksheets/data.xml": #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>2</v></c></row><row><c t="s"><v>1</v></c><c><v>1.0000000000000002</v></c></row><row r="9"><c r="B9"><v>1E-3</v></c></row></sheetData></worksheet>"#,
        ])
        let table = try XLSXReader.table(workbook)
        #expect(table.header == ["Name", "Hours"])
        #expect(table.records == [CSVRecord(line: 2, fields: ["Amara ", "1"]), CSVRecord(line: 9, fields: ["", "0.001"])])
    }

    @Test func whatIsNotAReadableWorkbookIsRefusedWithAReason() throws {
        #expect(throws: XLSXReader.ReadError.self) { try XLSXReader.table(Data("date,minutes\n".utf8)) }
        let entity = try Self.zip([
            "xl/worksheets/sheet1.xml": #"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>"#
        ])
        #expect(throws: XLSXReader.ReadError(description: "The workbook is malformed: a document type declaration is not allowed.")) {
            try XLSXReader.table(entity)
        }
        let broken = try Self.zip(["xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"])
        #expect(throws: XLSXReader.ReadError.self) { try XLSXReader.table(broken) }
        let empty = try Self.zip(["xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>"])
        #expect(throws: XLSXReader.ReadError(description: "The first worksheet is empty.")) { try XLSXReader.table(empty) }
        let missing = try Self.zip(["xl/worksheets/sheet1.xml": #"<worksheet><sheetData><row><c t="s"><v>4</v></c></row></sheetData></worksheet>"#])
        #expect(throws: XLSXReader.ReadError.self) { try XLSXReader.table(missing) }
    }

    @Test func dateFormatsAreToldFromNumberFormats() {
        #expect(XLSXReader.isDateFormat(id: 14, code: nil))
        #expect(XLSXReader.isDateFormat(id: 170, code: "dd/mm/yyyy"))
        #expect(!XLSXReader.isDateFormat(id: 4, code: nil))
        #expect(!XLSXReader.isDateFormat(id: 171, code: #"#,##0.00 "EUR""#))
        #expect(!XLSXReader.isDateFormat(id: 172, code: #"0.00 "days""#))
        #expect(!XLSXReader.isDateFormat(id: 173, code: "[Red]0.00"))
    }

    static func zip(_ parts: [String: String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let content = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(content.count), compressionMethod: .deflate) { position, size in
                content.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }
}
