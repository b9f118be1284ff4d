import Domain
import Foundation

extension WorkFixture {
    /// A retainer of 2 000.00 EUR a month, 20 h included, 95.00 EUR/h overage, 80 % alert.
    static func retainer(
        day: Int = 1,
        start: String = "2026-01-01",
        end: String? = nil,
        includedMinutes: Int = 1200,
        rule: RetainerTerms.UnusedRule = .forfeit,
        threshold: Int = 80
    ) throws -> RetainerTerms {
        try RetainerTerms(
            monthlyFee: eur("2000"),
            includedMinutes: includedMinutes,
            overageRate: rate("95"),
            periodStartDay: day,
            startDate: date(start),
            endDate: end.map(date),
            unusedRule: rule,
            alertThresholdPercent: threshold
        )
    }
}
