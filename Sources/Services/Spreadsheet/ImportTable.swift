public import Domain
public import Foundation

/// The table of an import file: a CSV file (UTF-8 with or without BOM, `,` or `;`) or
/// the first worksheet of an XLSX workbook.
public enum ImportTable {
    /// - Throws: ``DomainError/invalid(_:)`` naming the row (`rows[4]`) of a malformed
    ///   CSV record, or `file` for a workbook that cannot be read.
    public static func read(_ data: Data, isWorkbook: Bool) throws(DomainError) -> CSVTable {
        if isWorkbook {
            do throws(XLSXReader.ReadError) {
                return try XLSXReader.table(data)
            } catch {
                throw .invalid(field: "file", message: error.description)
            }
        }
        do throws(CSVError) {
            return try CSVReader().read(data)
        } catch {
            throw .invalid(field: "rows[\(error.line)]", message: error.message)
        }
    }
}
