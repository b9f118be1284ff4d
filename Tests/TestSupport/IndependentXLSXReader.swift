public import Foundation

/// Opens a workbook with openpyxl, a reader that shares nothing with Sheaf's writer
/// (`scripts/lib/read_xlsx.py`, installed by scripts/test in `SHEAF_TEST_XLSX_PYTHON`),
/// and answers what a spreadsheet user would see (issue 16 item 4).
public struct IndependentXLSXReader {
    /// One non-empty cell as openpyxl reads it.
    public struct Cell: Equatable, CustomStringConvertible {
        /// `text`, `number`, `date` or `bool`.
        public let type: String
        /// The value: `String` (text, ISO date), `Double` (number) or `Bool`.
        public let value: AnyHashable
        /// The number format code (`yyyy-mm-dd`, `#,##0.00 "EUR"`, `General`).
        public let format: String
        public let bold: Bool

        public var description: String { "\(type):\(value) [\(format)]" }
        public var text: String? { value as? String }
        public var number: Double? { type == "number" ? (value as? NSNumber)?.doubleValue ?? (value as? Double) : nil }
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public let sheet: String
    /// The top-left cell of the scrolling pane (`A2` when the header row is frozen).
    public let frozen: String?
    /// Column letter → width, for columns with a set width.
    public let widths: [String: Double]
    /// Every row, each cell nil when empty.
    public let rows: [[Cell?]]

    /// The header row's texts.
    public var header: [String] { rows.first?.map { $0?.text ?? "" } ?? [] }

    /// The cell of data row `row` (0 = the first row after the header) in the column named `column`.
    public func cell(_ row: Int, _ column: String) -> Cell? {
        guard let index = header.firstIndex(of: column), rows.indices.contains(row + 1), rows[row + 1].indices.contains(index) else {
            return nil
        }
        return rows[row + 1][index]
    }

    /// Reads `workbook` with openpyxl; throws when it cannot open it.
    public init(_ workbook: Data) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-\(UUID().uuidString).xlsx")
        try workbook.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let python = ProcessInfo.processInfo.environment["SHEAF_TEST_XLSX_PYTHON"] ?? "python3"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/lib/read_xlsx.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, file.path]
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sheaf-xlsx-\(UUID().uuidString).json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "openpyxl could not read the workbook (exit \(process.terminationStatus)); run the tests with scripts/test")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any] else {
            throw Failed(description: "read_xlsx.py printed no object")
        }
        sheet = object["sheet"] as? String ?? ""
        frozen = object["frozen"] as? String
        widths = (object["widths"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
        rows = (object["rows"] as? [[Any]] ?? []).map { row in
            row.map { item in
                guard let cell = item as? [String: Any], let type = cell["type"] as? String else { return nil }
                let value: AnyHashable
                switch type {
                case "bool": value = cell["value"] as? Bool ?? false
                case "number": value = (cell["value"] as? NSNumber)?.doubleValue ?? 0
                default: value = cell["value"] as? String ?? ""
                }
                return Cell(type: type, value: value, format: cell["format"] as? String ?? "", bold: cell["bold"] as? Bool ?? false)
            }
        }
    }
}
