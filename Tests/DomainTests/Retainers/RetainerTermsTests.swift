import Domain
import Foundation
import Testing

@Suite("RetainerTerms")
struct RetainerTermsTests {
    @Test(
        arguments: [
            (
                15, "2026-03-10",
                "With period start day 15, the retainer must start on a period start: use 2026-02-15 or 2026-03-15."
            ),
            (
                31, "2026-04-29",
                "With period start day 31, the retainer must start on a period start: use 2026-03-31 or 2026-04-30."
            ),
            (
                1, "2026-01-02",
                "With period start day 1, the retainer must start on a period start: use 2026-01-01 or 2026-02-01."
            ),
        ]
    )
    func aRetainerMustStartOnAPeriodStart(day: Int, start: String, message: String) {
        #expect(throws: DomainError.invalid(field: "start_date", message: message)) {
            try WorkFixture.retainer(day: day, start: start)
        }
    }

    @Test(arguments: [(31, "2026-04-30"), (31, "2026-02-28"), (30, "2024-02-29"), (15, "2026-03-15")])
    func aClampedStartDayIsAPeriodStart(day: Int, start: String) throws {
        #expect(try WorkFixture.retainer(day: day, start: start).startDate == WorkFixture.date(start))
    }

    @Test(
        arguments: [
            (
                1, "2026-06-15",
                "With period start day 1, the retainer must end on the day before a period start: use 2026-05-31 or 2026-06-30."
            ),
            (
                15, "2026-03-20",
                "With period start day 15, the retainer must end on the day before a period start: use 2026-04-14."
            ),
            (1, "2025-12-31", "The end date must be on or after the start date."),
        ]
    )
    func aRetainerMustEndOnTheLastDayOfAPeriod(day: Int, end: String, message: String) {
        let start = day == 15 ? "2026-03-15" : "2026-01-01"
        #expect(throws: DomainError.invalid(field: "end_date", message: message)) {
            try WorkFixture.retainer(day: day, start: start, end: end)
        }
    }

    @Test(arguments: [
        (1, "2026-01-01", "2026-12-31"), (31, "2026-01-31", "2026-02-27"), (15, "2026-03-15", "2027-03-14"),
    ])
    func anEndOnTheDayBeforeAPeriodStartIsAccepted(day: Int, start: String, end: String) throws {
        #expect(try WorkFixture.retainer(day: day, start: start, end: end).endDate == WorkFixture.date(end))
    }

    @Test func everyInvalidFieldIsReportedAtOnce() {
        let expected = DomainError.invalid([
            FieldError(field: "monthly_fee", message: "The monthly fee cannot be negative."),
            FieldError(field: "included_minutes", message: "The included time cannot be negative."),
            FieldError(field: "overage_rate", message: "The overage rate must be in EUR, like the monthly fee."),
            FieldError(field: "period_start_day", message: "The period start day must be between 1 and 31."),
            FieldError(field: "rollover_cap_minutes", message: "The rollover cap cannot be negative."),
            FieldError(
                field: "rollover_expiry_periods",
                message: "Rolled-over time must stay usable for at least 1 period."
            ),
            FieldError(field: "alert_threshold_percent", message: "The alert threshold must be between 1 % and 100 %."),
        ])
        #expect(throws: expected) {
            try RetainerTerms(
                monthlyFee: WorkFixture.eur("-1"),
                includedMinutes: -60,
                overageRate: WorkFixture.rate("95", .usd),
                periodStartDay: 32,
                startDate: WorkFixture.date("2026-01-01"),
                endDate: nil,
                unusedRule: .rollover(capMinutes: -1, expiryPeriods: 0),
                alertThresholdPercent: 0
            )
        }
    }
}
