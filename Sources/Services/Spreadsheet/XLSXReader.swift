public import Domain
public import Foundation
import ZIPFoundation

/// Reads the first worksheet of an XLSX workbook (Excel, LibreOffice, Google Sheets,
/// or Sheaf's own export) as a ``CSVTable``, so every CSV import reads workbooks too:
/// the first non-empty row is the header, a record's line is its row number, text
/// (shared or inline) as is, booleans as `true`/`false`, numbers as decimal text
/// (`1.5`), and numbers in a date format as ISO dates (`2026-03-02`).
public enum XLSXReader {
    /// What is wrong with a file that is not a readable workbook.
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The most bytes the parts may unpack to: a small file cannot unpack into an
    /// endless one (a "ZIP bomb").
    public static let maximumUnpackedBytes = 256 * 1024 * 1024

    /// The first worksheet of `data` as a table.
    /// - Throws: ``ReadError`` when `data` is not a workbook or a part is malformed.
    public static func table(_ data: Data) throws(ReadError) -> CSVTable {
        do {
            let archive: Archive
            do {
                archive = try Archive(data: data, accessMode: .read)
            } catch {
                throw ReadError(description: "The file is not an XLSX workbook (not a ZIP archive).")
            }
            var budget = maximumUnpackedBytes
            func part(_ path: String) throws -> Data? {
                guard let entry = archive[path] else { return nil }
                var content = Data()
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    budget -= chunk.count
                    guard budget >= 0 else { throw ReadError(description: "The workbook unpacks to more than \(maximumUnpackedBytes / 1_048_576) MB.") }
                    content.append(chunk)
                }
                return content
            }
            let sheetPath = try firstSheetPath(workbook: part("xl/workbook.xml"), relationships: part("xl/_rels/workbook.xml.rels"))
            guard let sheet = try part(sheetPath) else { throw ReadError(description: "The workbook has no worksheet.") }
            let strings = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
            let dateStyles = try part("xl/styles.xml").map(self.dateStyles) ?? []
            return try XLSXSheetReader(strings: strings, dateStyles: dateStyles).table(sheet)
        } catch let error as ReadError {
            throw error
        } catch let error as XMLPullParser.ParseError {
            throw ReadError(description: "The workbook is malformed: \(error.description).")
        } catch {
            throw ReadError(description: "The workbook is malformed: its archive cannot be unpacked.")
        }
    }

    /// The path of the workbook's first sheet, following its relationship.
    static func firstSheetPath(workbook: Data?, relationships: Data?) throws -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook, let relationships else { return fallback }
        var firstID: String?
        try XMLPullParser.parse(workbook) { event in
            if firstID == nil, case .start("sheet", let attributes, _) = event { firstID = attributes["id"] }
        }
        var target: String?
        try XMLPullParser.parse(relationships) { event in
            if target == nil, case .start("Relationship", let attributes, _) = event, attributes["Id"] == firstID {
                target = attributes["Target"]
            }
        }
        guard let target else { return fallback }
        // Targets are relative to xl/ unless absolute; never outside the package.
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        return path.split(separator: "/").contains("..") ? fallback : path
    }

    /// The shared string table: each `si`'s text runs joined (phonetic runs left out).
    static func sharedStrings(_ data: Data) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try XMLPullParser.parse(data) { event in
            switch event {
            case .start("si", _, let isEmpty):
                current = ""
                if isEmpty { strings.append("") }
            case .end("si"): strings.append(current)
            case .start("rPh", _, let isEmpty): if !isEmpty { phonetic += 1 }
            case .end("rPh"): phonetic -= 1
            case .start("t", _, let isEmpty): inText = !isEmpty
            case .end("t"): inText = false
            case .text(let text): if inText, phonetic == 0 { current += text }
            default: break
            }
        }
        return strings
    }

    /// For each cell format (`cellXfs` index), whether its number format shows a date.
    static func dateStyles(_ data: Data) throws -> [Bool] {
        var customFormats: [Int: String] = [:]
        var styles: [Bool] = []
        var inCellFormats = false
        try XMLPullParser.parse(data) { event in
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
            case .start("cellXfs", _, let isEmpty): inCellFormats = !isEmpty
            case .end("cellXfs"): inCellFormats = false
            case .start("xf", let attributes, _) where inCellFormats:
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                styles.append(isDateFormat(id: id, code: customFormats[id]))
            default: break
            }
        }
        return styles
    }

    /// Built-in date formats (14–22, 45–47) and custom codes that show a year or a
    /// day (quoted text and `[…]` sections aside).
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...22).contains(id) || (45...47).contains(id) { return true }
        guard let code else { return false }
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            default: if !quoted, !bracket { plain.append(character) }
            }
        }
        return plain.lowercased().contains { $0 == "y" || $0 == "d" }
    }
}
