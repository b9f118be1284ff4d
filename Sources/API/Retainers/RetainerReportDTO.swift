import Domain
import Foundation
import Services

/// `GET /reports/retainers`: one item per retainer the caller may report on.
struct RetainerReportDTO: Encodable, Sendable {
    let asOf: LocalDate
    let items: [Item]

    enum CodingKeys: String, CodingKey {
        case items
        case asOf = "as_of"
    }

    init(_ report: RetainerReport) {
        asOf = report.asOf
        items = report.lines.map(Item.init)
    }

    /// One completed period of the trend: consumption against the minutes the period
    /// includes by contract (rollover left out, as for the renewal suggestion).
    struct TrendDTO: Encodable, Sendable {
        let start: LocalDate
        let end: LocalDate
        let includedMinutes: Int
        let consumedMinutes: Int
        let consumedHours: String
        let consumedPercent: Int?

        enum CodingKeys: String, CodingKey {
            case start, end
            case includedMinutes = "included_minutes"
            case consumedMinutes = "consumed_minutes"
            case consumedHours = "consumed_hours"
            case consumedPercent = "consumed_percent"
        }

        init(_ usage: RetainerPeriodUsage, includedMinutes: Int) {
            start = usage.period.start
            end = usage.period.lastDay
            self.includedMinutes = includedMinutes
            consumedMinutes = usage.consumedMinutes
            consumedHours = WorkHours.decimalString(fromMinutes: usage.consumedMinutes)
            consumedPercent =
                includedMinutes == 0
                ? nil : Int(clamping: FixedPoint.divideRoundingHalfUp(Int128(usage.consumedMinutes) * 100, by: Int128(includedMinutes)))
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(includedMinutes, forKey: .includedMinutes)
            try container.encode(consumedMinutes, forKey: .consumedMinutes)
            try container.encode(consumedHours, forKey: .consumedHours)
            try container.encode(consumedPercent, forKey: .consumedPercent)
        }
    }

    struct RenewalDTO: Encodable, Sendable {
        let kind: String
        let message: String
        let deviationPercent: Int?
        let suggestedIncludedMinutes: Int?
        let suggestedIncludedHours: String?

        enum CodingKeys: String, CodingKey {
            case kind, message
            case deviationPercent = "deviation_percent"
            case suggestedIncludedMinutes = "suggested_included_minutes"
            case suggestedIncludedHours = "suggested_included_hours"
        }

        init(_ renewal: RetainerRenewal) {
            kind = renewal.kind.rawValue
            message = renewal.message
            deviationPercent = renewal.deviationPercent
            suggestedIncludedMinutes = renewal.suggestedIncludedMinutes
            suggestedIncludedHours = renewal.suggestedIncludedMinutes.map(WorkHours.decimalString(fromMinutes:))
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(message, forKey: .message)
            try container.encode(deviationPercent, forKey: .deviationPercent)
            try container.encode(suggestedIncludedMinutes, forKey: .suggestedIncludedMinutes)
            try container.encode(suggestedIncludedHours, forKey: .suggestedIncludedHours)
        }
    }

    struct Item: Encodable, Sendable {
        let projectID: ProjectID
        let projectName: String
        let projectCode: String
        let clientID: ClientID
        let clientName: String
        let currency: String
        let monthlyFee: MoneyDTO
        let includedMinutes: Int
        let includedHours: String
        let startDate: LocalDate
        let endDate: LocalDate?
        let currentPeriod: RetainerPeriodDTO?
        let trend: [TrendDTO]
        let renewal: RenewalDTO

        enum CodingKeys: String, CodingKey {
            case currency, trend, renewal
            case projectID = "project_id"
            case projectName = "project_name"
            case projectCode = "project_code"
            case clientID = "client_id"
            case clientName = "client_name"
            case monthlyFee = "monthly_fee"
            case includedMinutes = "included_minutes"
            case includedHours = "included_hours"
            case startDate = "start_date"
            case endDate = "end_date"
            case currentPeriod = "current_period"
        }

        init(_ line: RetainerReportLine) {
            let terms = line.listing.retainer.terms
            projectID = line.listing.retainer.projectID
            projectName = line.listing.projectName
            projectCode = line.listing.projectCode
            clientID = line.listing.scope.clientID
            clientName = line.listing.clientName
            currency = terms.monthlyFee.currency.code
            monthlyFee = MoneyDTO(terms.monthlyFee)
            includedMinutes = terms.includedMinutes
            includedHours = WorkHours.decimalString(fromMinutes: terms.includedMinutes)
            startDate = terms.startDate
            endDate = terms.endDate
            // Only admins and team leads reach the report: they see money.
            currentPeriod = line.current.map { RetainerPeriodDTO(usage: $0, complete: false, showsMoney: true) }
            trend = line.trend.map { TrendDTO($0, includedMinutes: terms.includedMinutes) }
            renewal = RenewalDTO(line.renewal)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(projectID, forKey: .projectID)
            try container.encode(projectName, forKey: .projectName)
            try container.encode(projectCode, forKey: .projectCode)
            try container.encode(clientID, forKey: .clientID)
            try container.encode(clientName, forKey: .clientName)
            try container.encode(currency, forKey: .currency)
            try container.encode(monthlyFee, forKey: .monthlyFee)
            try container.encode(includedMinutes, forKey: .includedMinutes)
            try container.encode(includedHours, forKey: .includedHours)
            try container.encode(startDate, forKey: .startDate)
            try container.encode(endDate, forKey: .endDate)
            try container.encode(currentPeriod, forKey: .currentPeriod)
            try container.encode(trend, forKey: .trend)
            try container.encode(renewal, forKey: .renewal)
        }
    }
}
