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
    public static func parse(data: Data, format: TimeImportFormat) -> TimeImportResult {
        let mapping = mapping(for: format)
        let table: CSVTable
        var rejected: [ImportRejection] = []
        do {
            let read = try CSVReader().readRecovering(data)
            table = read.table
            rejected = read.problems.map { ImportRejection(line: $0.line, reason: $0.message) }
        } catch {
            return TimeImportResult(rows: [], rejected: [ImportRejection(line: error.line, reason: error.message)])
        }

        let columns = ImportColumns(header: table.header)
        let missing = columns.missing(mapping.requiredColumns)
        guard missing.isEmpty else {
            let reason =
                "Missing required column\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", ")). "
                + "Is this a \(format.displayName) \(format == .sheaf ? "time-entry export" : "detailed report export")?"
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
                restoresFormulas: mapping.restoresFormulas
            )
            if let row = mapping.row(from: &record) {
                rows.append(row)
            } else {
                rejected.append(ImportRejection(line: record.line, reason: record.problems.joined(separator: "; ")))
            }
        }
        rejected.sort { $0.line < $1.line }
        return TimeImportResult(rows: rows, rejected: rejected)
    }

    private static func mapping(for format: TimeImportFormat) -> any TimeImportMapping.Type {
        switch format {
        case .harvest: HarvestTimeImport.self
        case .toggl: TogglTimeImport.self
        case .clockify: ClockifyTimeImport.self
        case .sheaf: SheafTimeImport.self
        }
    }
}
