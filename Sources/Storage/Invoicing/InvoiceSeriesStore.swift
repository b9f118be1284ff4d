public import Domain
import Foundation
public import Postgres

/// The gapless counters of the numbering series (SPEC §5). Taking a number locks the
/// series' row until the issuing transaction ends: a concurrent issue waits, and a
/// rolled-back issue gives its number back because the increment rolls back with it.
/// Never a PostgreSQL sequence, whose values are lost on rollback.
public struct InvoiceSeriesStore: Sendable {
    public init() {}

    /// Takes the next number of `series` for a document dated `issueDate`.
    /// - Throws: ``DomainError/invalid(_:)`` on `issue_date` when the series already
    ///   has a later document (numbers must follow dates).
    public func next(
        _ series: InvoiceSeries, format: InvoiceNumberFormat, issueDate: LocalDate, on tx: PostgresTransaction
    ) async throws -> (counter: Int, number: String) {
        let row = try await tx.queryOne(
            "SELECT year, last_counter, last_issue_date FROM invoice_series WHERE series = \(series.rawValue) FOR UPDATE")
        let lastDate: LocalDate? = try row.decode("last_issue_date")
        if let lastDate, issueDate < lastDate {
            throw DomainError.invalid(
                field: "issue_date",
                message: "The last document of this series is dated \(lastDate); a new one cannot be dated earlier.")
        }
        let year: Int? = try row.decode("year")
        let last: Int = try row.decode("last_counter")
        let counter = format.resetsYearly && year != issueDate.year ? 1 : last + 1
        try await tx.execute(
            """
            UPDATE invoice_series SET year = \(issueDate.year), last_counter = \(counter), last_issue_date = \(issueDate)
            WHERE series = \(series.rawValue)
            """)
        return (counter, format.render(year: issueDate.year, counter: counter))
    }
}
