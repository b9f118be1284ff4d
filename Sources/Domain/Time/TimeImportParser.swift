public import Foundation

/// Turns a time-tracker CSV export into neutral ``ImportedTimeRow``s and
/// per-line ``ImportRejection``s. Pure: no matching against Sheaf's people or
/// projects, no writes.
///
/// Columns are found by header name (case-insensitive, trimmed), so their order
/// and any extra columns do not matter. The delimiter (`,` or `;`) is detected,
/// a byte order mark is skipped, and decimals may use `.` or `,`. Each record is
/// checked on its own: a valid date, 1…1440 minutes, a person (email or name) and
/// a project (name or code). Blank records (every field empty) are skipped.
public enum TimeImportParser {
    /// Reads `data` as a `format` export.
    ///
    /// A problem with the whole file (not UTF-8, no header, missing required
    /// columns) yields no rows and one rejection on line 1 (the header's line)
    /// naming it; otherwise every record becomes a row or a rejection.
    /// `columns` is the mapping of the `csv` format (ignored by the others).
    public static func parse(data: Data, format: TimeImportFormat, columns: TimeColumnMapping? = nil) -> TimeImportResult {
        do {
            let read = try CSVReader().readRecovering(data)
            return parse(
                table: read.table, format: format, columns: columns,
                rejected: read.problems.map { ImportRejection(line: $0.line, reason: $0.message) })
        } catch {
            return TimeImportResult(rows: [], rejected: [ImportRejection(line: error.line, reason: error.message)])
        }
    }

    /// Reads an already split table (a CSV file or an XLSX worksheet) as a `format`
    /// export; `rejected` holds the problems found while splitting it. A workbook's
    /// cells are never formula-neutralized (they are typed), so `fromWorkbook` keeps a
    /// leading `'` of Sheaf's own export as text.
    public static func parse(
        table: CSVTable, format: TimeImportFormat, columns mapped: TimeColumnMapping? = nil, rejected: [ImportRejection] = [],
        fromWorkbook: Bool = false
    ) -> TimeImportResult {
        let mapping = RowReader(format: format, columns: mapped ?? TimeColumnMapping())
        var rejected = rejected
        let columns = ImportColumns(header: table.header)
        let missing = columns.missing(mapping.requiredColumns)
        guard missing.isEmpty else {
            let question =
                switch format {
                case .csv: "Do the column_… parameters name the file's headers?"
                case .sheaf: "Is this a Sheaf time-entry export?"
                default: "Is this a \(format.displayName) detailed report export?"
                }
            let reason = "Missing required column\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", ")). " + question
            return TimeImportResult(rows: [], rejected: [ImportRejection(line: table.headerLine, reason: reason)])
        }

        var rows: [ImportedTimeRow] = []
        for csvRecord in table.records {
            let fields = csvRecord.fields
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            // A count that differs from the header's means values shifted columns
            // (typically an unquoted decimal comma): never guess which is which.
            guard fields.count == table.header.count else {
                let example = table.delimiter == .comma ? " (such as a decimal comma)" : ""
                let reason =
                    "The row has \(fields.count) fields but the header has \(table.header.count); "
                    + "is a value containing \"\(table.delimiter.character)\"\(example) missing its quotes?"
                rejected.append(ImportRejection(line: csvRecord.line, reason: reason))
                continue
            }
            var record = ImportRecord(
                line: csvRecord.line,
                fields: fields,
                columns: columns,
                restoresFormulas: mapping.restoresFormulas && !fromWorkbook
            )
            if let row = mapping.row(&record) {
                rows.append(row)
            } else {
                rejected.append(ImportRejection(line: record.line, reason: record.problems.joined(separator: "; ")))
            }
        }
        rejected.sort { $0.line < $1.line }
        return TimeImportResult(rows: rows, rejected: rejected)
    }

    /// The columns a format needs and how it reads a record.
    private struct RowReader {
        let requiredColumns: [[String]]
        let restoresFormulas: Bool
        let row: (inout ImportRecord) -> ImportedTimeRow?

        init(format: TimeImportFormat, columns: TimeColumnMapping) {
            let fixed: any TimeImportMapping.Type
            switch format {
            case .harvest: fixed = HarvestTimeImport.self
            case .toggl: fixed = TogglTimeImport.self
            case .clockify: fixed = ClockifyTimeImport.self
            case .sheaf: fixed = SheafTimeImport.self
            case .csv:
                let mapped = MappedTimeImport(mapping: columns)
                requiredColumns = mapped.requiredColumns
                restoresFormulas = false
                row = { mapped.row(from: &$0) }
                return
            }
            requiredColumns = fixed.requiredColumns
            restoresFormulas = fixed.restoresFormulas
            row = { fixed.row(from: &$0) }
        }
    }
}
