import Domain
import Foundation

/// Turns one worksheet part into a ``CSVTable`` (see ``XLSXReader``).
struct XLSXSheetReader {
    let strings: [String]
    let dateStyles: [Bool]

    private struct Cell {
        var column: Int
        var type = "n"
        var style = 0
        var value = ""
        var inline = ""
    }

    func table(_ sheet: Data) throws -> CSVTable {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var line = 0
        var cell: Cell?
        var collecting: String?  // "v" or "t" (inside an inline string)
        try XMLPullParser.parse(sheet) { event in
            switch event {
            case .start("row", let attributes, let isEmpty):
                line = attributes["r"].flatMap(Int.init) ?? line + 1
                fields = []
                if isEmpty { rows.append((line, [])) }
            case .end("row"):
                rows.append((line, fields))
            case .start("c", let attributes, let isEmpty):
                let column = attributes["r"].flatMap(Self.columnIndex) ?? fields.count
                var started = Cell(column: column)
                started.type = attributes["t"] ?? "n"
                started.style = attributes["s"].flatMap(Int.init) ?? 0
                if isEmpty { place(try value(of: started), at: column, in: &fields) } else { cell = started }
            case .end("c"):
                if let finished = cell { place(try value(of: finished), at: finished.column, in: &fields) }
                cell = nil
            case .start("v", _, let isEmpty), .start("t", _, let isEmpty):
                if case .start(let name, _, _) = event, cell != nil, !isEmpty { collecting = name }
            case .end("v"), .end("t"):
                collecting = nil
            case .text(let text):
                if collecting == "v" { cell?.value += text } else if collecting == "t" { cell?.inline += text }
            default:
                break
            }
        }
        let kept = rows.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        guard let header = kept.first else { throw XLSXReader.ReadError(description: "The first worksheet is empty.") }
        let width = header.fields.count
        let records = kept.dropFirst().map { row in
            var fields = row.fields
            if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
            return CSVRecord(line: row.line, fields: fields)
        }
        return CSVTable(header: header.fields, headerLine: header.line, records: records, delimiter: .comma)
    }

    private func place(_ value: String, at column: Int, in fields: inout [String]) {
        guard column < 16_384 else { return }
        if fields.count <= column { fields += Array(repeating: "", count: column + 1 - fields.count) }
        fields[column] = value
    }

    private func value(of cell: Cell) throws -> String {
        switch cell.type {
        case "s":
            guard let index = Int(cell.value), strings.indices.contains(index) else {
                throw XLSXReader.ReadError(description: "A cell refers to a shared string the workbook does not have.")
            }
            return strings[index]
        case "inlineStr": return cell.inline
        case "b": return cell.value == "1" ? "true" : "false"
        case "d": return String(cell.value.prefix(10))
        case "str", "e": return cell.value
        default:
            let number = cell.value.trimmingCharacters(in: .whitespaces)
            if number.isEmpty { return "" }
            if dateStyles.indices.contains(cell.style), dateStyles[cell.style], let serial = Self.wholeDays(number),
                let date = XLSXDates.date(serial: serial)
            {
                return date.description
            }
            return Self.decimalText(number)
        }
    }

    /// `A1` → 0, `AB7` → 27.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard (UInt32(UInt8(ascii: "A"))...UInt32(UInt8(ascii: "Z"))).contains(scalar.value) else { break }
            index = index * 26 + Int(scalar.value) - Int(UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// The whole days of a date serial (a time of day, the fraction, dropped).
    static func wholeDays(_ number: String) -> Int? {
        Int(number.split(separator: ".", maxSplits: 1).first ?? "")
    }

    /// A number as written by a spreadsheet, as plain decimal text: `1.5` stays,
    /// `1E-3` becomes `0.001`, `0.30000000000000004` becomes `0.3` (nine decimals at
    /// most, rounded half away from zero).
    static func decimalText(_ number: String) -> String {
        if SheetCell.isDecimalLiteral(number, fraction: true),
            (number.split(separator: ".").dropFirst().first?.count ?? 0) <= 9
        {
            return number
        }
        guard var value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")) else { return number }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 9, .plain)
        return rounded.description
    }
}
