public import Domain
public import Foundation
import ZIPFoundation

/// Writes a ``SheetTable`` as an Office Open XML workbook (`.xlsx`, ECMA-376): one
/// sheet, a bold header row that stays frozen while scrolling, column widths from the
/// content, and typed cells — dates as date serials with a `yyyy-mm-dd` format,
/// amounts as numbers with their currency's decimals and code, hours and rates as
/// numbers with two decimals, flags as booleans, text as inline strings (never a
/// formula). Every part is an ``XMLTreeElement`` serialized by libxml2
/// (``UBLWriter/data(_:)``); ZIPFoundation packs them.
public enum XLSXWriter {
    /// The media type of a workbook.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The most characters one cell holds (a spreadsheet limit); longer text is cut.
    static let maximumCellText = 32_767

    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The workbook holding `sheet`.
    public static func data(_ sheet: SheetTable) throws -> Data {
        var styles = XLSXStyles()
        let worksheet = worksheet(sheet, styles: &styles)
        let parts: [(String, XMLTreeElement)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", relationships([("rId1", officeDocument, "xl/workbook.xml")])),
            ("xl/workbook.xml", workbook(sheetName: sheet.name)),
            (
                "xl/_rels/workbook.xml.rels",
                relationships([("rId1", relationshipType("worksheet"), "worksheets/sheet1.xml"), ("rId2", relationshipType("styles"), "styles.xml")])
            ),
            ("xl/styles.xml", styles.stylesheet),
            ("xl/worksheets/sheet1.xml", worksheet),
        ]
        do {
            let archive = try Archive(accessMode: .create)
            for (path, root) in parts {
                let content = try UBLWriter.data(root)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(content.count), modificationDate: fixedDate, compressionMethod: .deflate
                ) { position, size in
                    content.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw WriteError(description: "the in-memory archive has no data") }
            return data
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(description: "packing the workbook failed: \(error)")
        }
    }

    /// Entries carry a fixed date, so the same sheet always gives the same bytes.
    private static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let officeDocument = "\(officeRelationships)/officeDocument"

    private static func relationshipType(_ name: String) -> String { "\(officeRelationships)/\(name)" }

    private static var contentTypes: XMLTreeElement {
        let base = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        func override(_ part: String, _ type: String) -> XMLTreeElement {
            XMLTreeElement(name: "Override", attributes: [.init("PartName", part), .init("ContentType", type)])
        }
        return XMLTreeElement(
            name: "Types", attributes: [.init("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")],
            children: [
                XMLTreeElement(
                    name: "Default",
                    attributes: [.init("Extension", "rels"), .init("ContentType", "application/vnd.openxmlformats-package.relationships+xml")]),
                XMLTreeElement(name: "Default", attributes: [.init("Extension", "xml"), .init("ContentType", "application/xml")]),
                override("/xl/workbook.xml", "\(base).sheet.main+xml"),
                override("/xl/worksheets/sheet1.xml", "\(base).worksheet+xml"),
                override("/xl/styles.xml", "\(base).styles+xml"),
            ])
    }

    private static func relationships(_ targets: [(id: String, type: String, target: String)]) -> XMLTreeElement {
        XMLTreeElement(
            name: "Relationships", attributes: [.init("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")],
            children: targets.map { target in
                XMLTreeElement(
                    name: "Relationship", attributes: [.init("Id", target.id), .init("Type", target.type), .init("Target", target.target)])
            })
    }

    private static func workbook(sheetName: String) -> XMLTreeElement {
        XMLTreeElement(
            name: "workbook", attributes: [.init("xmlns", mainNamespace), .init("xmlns:r", officeRelationships)],
            children: [
                XMLTreeElement(
                    name: "sheets",
                    children: [XMLTreeElement(name: "sheet", attributes: [.init("name", sheetName), .init("sheetId", "1"), .init("r:id", "rId1")])])
            ])
    }

    private static func worksheet(_ sheet: SheetTable, styles: inout XLSXStyles) -> XMLTreeElement {
        let lastColumn = columnName(max(sheet.columns.count, 1) - 1)
        let lastRow = sheet.rows.count + 1
        var rows = [
            XMLTreeElement(
                name: "row", attributes: [.init("r", "1")],
                children: sheet.columns.enumerated().map { index, column in
                    textCell(reference: "\(columnName(index))1", column.name, style: XLSXStyles.header)
                })
        ]
        for (offset, cells) in sheet.rows.enumerated() {
            let row = offset + 2
            rows.append(
                XMLTreeElement(
                    name: "row", attributes: [.init("r", String(row))],
                    children: cells.enumerated().compactMap { index, cell in
                        self.cell(cell, reference: "\(columnName(index))\(row)", styles: &styles)
                    }))
        }
        let pane = XMLTreeElement(
            name: "pane", attributes: [.init("ySplit", "1"), .init("topLeftCell", "A2"), .init("activePane", "bottomLeft"), .init("state", "frozen")])
        let selection = XMLTreeElement(
            name: "selection", attributes: [.init("pane", "bottomLeft"), .init("activeCell", "A2"), .init("sqref", "A2")])
        let columns = sheet.widths.enumerated().map { index, width in
            XMLTreeElement(
                name: "col",
                attributes: [
                    .init("min", String(index + 1)), .init("max", String(index + 1)), .init("width", String(width)), .init("customWidth", "1"),
                ])
        }
        var children = [
            XMLTreeElement(name: "dimension", attributes: [.init("ref", "A1:\(lastColumn)\(lastRow)")]),
            XMLTreeElement(
                name: "sheetViews",
                children: [XMLTreeElement(name: "sheetView", attributes: [.init("workbookViewId", "0")], children: [pane, selection])]),
            XMLTreeElement(name: "sheetFormatPr", attributes: [.init("defaultRowHeight", "15")]),
        ]
        if !columns.isEmpty { children.append(XMLTreeElement(name: "cols", children: columns)) }
        children.append(XMLTreeElement(name: "sheetData", children: rows))
        return XMLTreeElement(name: "worksheet", attributes: [.init("xmlns", mainNamespace)], children: children)
    }

    private static func cell(_ cell: SheetCell, reference: String, styles: inout XLSXStyles) -> XMLTreeElement? {
        switch cell {
        case .empty:
            return nil
        case .text(let text):
            return textCell(reference: reference, text, style: nil)
        case .date(let date):
            return numberCell(reference: reference, String(XLSXDates.serial(of: date)), style: XLSXStyles.date)
        case .integer(let digits):
            return numberCell(reference: reference, digits, style: XLSXStyles.integer)
        case .decimal(let digits):
            return numberCell(reference: reference, digits, style: XLSXStyles.decimal)
        case .money(let digits, let currency):
            return numberCell(reference: reference, digits, style: styles.money(currency))
        case .flag(let value):
            return XMLTreeElement(
                name: "c", attributes: [.init("r", reference), .init("t", "b")], children: [XMLTreeElement(name: "v", text: value ? "1" : "0")])
        }
    }

    private static func numberCell(reference: String, _ literal: String, style: Int) -> XMLTreeElement {
        XMLTreeElement(
            name: "c", attributes: [.init("r", reference), .init("s", String(style))], children: [XMLTreeElement(name: "v", text: literal)])
    }

    /// An inline string: a spreadsheet shows it as text, whatever it starts with.
    private static func textCell(reference: String, _ text: String, style: Int?) -> XMLTreeElement {
        let cut = text.count > maximumCellText ? String(text.prefix(maximumCellText)) : text
        var attributes: [XMLTreeElement.Attribute] = [.init("r", reference), .init("t", "inlineStr")]
        if let style { attributes.append(.init("s", String(style))) }
        let keepsSpace = cut.first?.isWhitespace == true || cut.last?.isWhitespace == true
        let textElement = XMLTreeElement(name: "t", attributes: keepsSpace ? [.init("xml:space", "preserve")] : [], text: cut)
        return XMLTreeElement(name: "c", attributes: attributes, children: [XMLTreeElement(name: "is", children: [textElement])])
    }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let letter = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(letter))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}
