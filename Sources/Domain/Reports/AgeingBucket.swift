/// The ageing buckets of the receivables report (days past the due date) and of the
/// unbilled report (days since the work became billable), issue 15 item 4.
public enum AgeingBucket: String, CaseIterable, Sendable, Hashable {
    /// Receivables only: not yet due.
    case notDue = "not_due"
    /// Unbilled only: 0 to 30 days old.
    case days0To30 = "days_0_30"
    case days1To30 = "days_1_30"
    case days31To60 = "days_31_60"
    case days61To90 = "days_61_90"
    case over90 = "over_90"

    /// The receivables buckets, in order.
    public static let receivables: [AgeingBucket] = [.notDue, .days1To30, .days31To60, .days61To90, .over90]
    /// The unbilled buckets, in order.
    public static let unbilled: [AgeingBucket] = [.days0To30, .days31To60, .days61To90, .over90]

    /// The receivables bucket of an invoice `daysPastDue` days after its due date
    /// (zero or less: not due).
    public static func receivable(daysPastDue days: Int) -> AgeingBucket {
        switch days {
        case ...0: .notDue
        case 1...30: .days1To30
        case 31...60: .days31To60
        case 61...90: .days61To90
        default: .over90
        }
    }

    /// The first age (in days) of each unbilled bucket, oldest first: a statement groups
    /// by the greatest bound at or below an item's age, ``unbilled(ageDays:)`` of which
    /// is that item's bucket.
    public static let unbilledLowerBounds = [91, 61, 31, 0]

    /// The unbilled bucket of work that became billable `ageDays` days ago.
    public static func unbilled(ageDays days: Int) -> AgeingBucket {
        switch days {
        case ...30: .days0To30
        case 31...60: .days31To60
        case 61...90: .days61To90
        default: .over90
        }
    }
}

/// One currency's amounts per ageing bucket, and how many documents or items they sum.
public struct AgeingTotal: Sendable, Hashable {
    public let currency: Currency
    public let buckets: [AgeingBucket: Int64]
    public let count: Int

    public init(currency: Currency, buckets: [AgeingBucket: Int64], count: Int) {
        self.currency = currency
        self.buckets = buckets
        self.count = count
    }

    public var totalMinor: Int64 { buckets.values.reduce(0, +) }

    /// The rows summed per currency (never across), by currency code.
    public static func sum(_ rows: [AgeingTotal]) -> [AgeingTotal] {
        var byCurrency: [Currency: AgeingTotal] = [:]
        for row in rows {
            let current = byCurrency[row.currency] ?? AgeingTotal(currency: row.currency, buckets: [:], count: 0)
            byCurrency[row.currency] = AgeingTotal(
                currency: row.currency, buckets: current.buckets.merging(row.buckets, uniquingKeysWith: +), count: current.count + row.count)
        }
        return byCurrency.values.sorted { $0.currency.code < $1.currency.code }
    }
}
