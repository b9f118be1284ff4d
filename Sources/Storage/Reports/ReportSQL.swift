import Domain
import Postgres

/// SQL fragments the reports share: money computed per row in PostgreSQL exactly as
/// the domain computes it, so that sums can be taken in the database.
enum ReportSQL {
    /// The statuses of time and expenses whose rates and cost are captured (approved).
    static let approvedStatuses: SQL = "('approved', 'client_validated', 'invoiced')"

    /// `minutes × rate_scaled` in minor units of the row's currency, rounded half away
    /// from zero per row — `HourlyRate.amount(forMinutes:)` in SQL (PostgreSQL's
    /// `round(numeric)` rounds half away from zero). Needs the `cur` join of
    /// ``currencyDigitsJoin(_:)``.
    static func amount(minutes: String, rateScaled: String) -> SQL {
        SQL(unsafeRaw: "round(\(minutes)::numeric * \(rateScaled) * (10::numeric ^ COALESCE(cur.digits, 2)) / 600000)")
    }

    /// Joins `cur(code, digits)`: the currencies whose minor unit is not 2 digits
    /// (`Currency.minorUnitDigitsByCode`, the one list of them), on `column`.
    static func currencyDigitsJoin(_ column: String) -> SQL {
        let exceptions = Currency.minorUnitDigitsByCode.sorted { $0.key < $1.key }
        return "LEFT JOIN unnest(\(exceptions.map(\.key))::text[], \(exceptions.map(\.value))::int[]) AS cur(code, digits) ON cur.code = "
            + SQL(unsafeRaw: column)
    }

    /// `column` within any of `runs` (of days, or of months' first days): a condition
    /// an index on `column` serves as ranges.
    static func within(_ runs: [ClosedRange<LocalDate>], _ column: String) -> SQL {
        guard !runs.isEmpty else { return "false" }
        return SQL.joined(runs.map { SQL(unsafeRaw: column) + " BETWEEN \($0.lowerBound) AND \($0.upperBound)" }, separator: " OR ")
    }
}
