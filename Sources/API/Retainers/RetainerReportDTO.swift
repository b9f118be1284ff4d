import Domain
import Foundation
import Services

/// `GET /reports/retainers`: one item per retainer the caller may report on.
struct RetainerReportDTO: Encodable, Sendable {
    let asOf: LocalDate
    let items: [Item]

    init(_ report: RetainerReport) {
        asOf = report.asOf
        items = report.lines.map(Item.init)
    }

    /// One completed period of the trend: consumption against the minutes the period
    /// includes by contract (rollover left out, as for the renewal suggestion); `from`
    /// and `to` are its first and last days.
    struct TrendDTO: Encodable, Sendable {
        let from: LocalDate
        let to: LocalDate
        let includedMinutes: Int
        let consumedMinutes: Int
        let consumedHours: String
        @Nullable var consumedPercent: Int?

        init(_ usage: RetainerPeriodUsage, includedMinutes: Int) {
            from = usage.period.start
            to = usage.period.lastDay
            self.includedMinutes = includedMinutes
            consumedMinutes = usage.consumedMinutes
            consumedHours = WorkHours.decimalString(fromMinutes: usage.consumedMinutes)
            consumedPercent =
                includedMinutes == 0
                ? nil : Int(clamping: FixedPoint.divideRoundingHalfUp(Int128(usage.consumedMinutes) * 100, by: Int128(includedMinutes)))
        }
    }

    struct RenewalDTO: Encodable, Sendable {
        let kind: String
        let message: String
        @Nullable var deviationPercent: Int?
        @Nullable var suggestedIncludedMinutes: Int?
        @Nullable var suggestedIncludedHours: String?

        init(_ renewal: RetainerRenewal) {
            kind = renewal.kind.rawValue
            message = renewal.message
            deviationPercent = renewal.deviationPercent
            suggestedIncludedMinutes = renewal.suggestedIncludedMinutes
            suggestedIncludedHours = renewal.suggestedIncludedMinutes.map(WorkHours.decimalString(fromMinutes:))
        }
    }

    struct Item: Encodable, Sendable {
        let projectId: ProjectID
        let projectName: String
        let projectCode: String
        let clientId: ClientID
        let clientName: String
        let currency: String
        let monthlyFee: MoneyDTO
        let includedMinutes: Int
        let includedHours: String
        let startDate: LocalDate
        @Nullable var endDate: LocalDate?
        @Nullable var currentPeriod: RetainerPeriodDTO?
        let trend: [TrendDTO]
        let renewal: RenewalDTO

        init(_ line: RetainerReportLine) {
            let terms = line.listing.retainer.terms
            projectId = line.listing.retainer.projectID
            projectName = line.listing.projectName
            projectCode = line.listing.projectCode
            clientId = line.listing.scope.clientID
            clientName = line.listing.clientName
            currency = terms.monthlyFee.currency.code
            monthlyFee = MoneyDTO(terms.monthlyFee)
            includedMinutes = terms.includedMinutes
            includedHours = WorkHours.decimalString(fromMinutes: terms.includedMinutes)
            startDate = terms.startDate
            endDate = terms.endDate
            // Only admins and team leads reach the report: they see money.
            currentPeriod = line.currentPeriod.map(RetainerPeriodDTO.init)
            trend = line.trend.map { TrendDTO($0, includedMinutes: terms.includedMinutes) }
            renewal = RenewalDTO(line.renewal)
        }
    }
}
