import Domain
import Foundation
import Services

/// `GET /reports/utilization`.
struct UtilizationReportDTO: Encodable, Sendable {
    static let counts =
        "Every time entry logged (any status) per active collaborator and ISO week (Monday to Sunday, clipped to the period), "
        + "against the collaborator's weekly target pro rata of the week's working days (Monday to Friday) in the period. "
        + "Missing = target - logged (never negative); missing days as in GET /reports/missing-time; utilization = billable / target."

    struct Week: Encodable, Sendable {
        let week: LocalDate
        let from: LocalDate
        let to: LocalDate
        let workingDays: Int
        let target: DurationDTO
        let billable: DurationDTO
        let nonBillable: DurationDTO
        let missing: DurationDTO
        let missingDays: Int
        @Nullable var utilizationPercent: String?

        init(_ week: UtilizationWeek) {
            self.week = week.week
            from = week.from
            to = week.to
            workingDays = week.workingDays
            target = DurationDTO(week.targetMinutes)
            billable = DurationDTO(week.billableMinutes)
            nonBillable = DurationDTO(week.nonBillableMinutes)
            missing = DurationDTO(week.missingMinutes)
            missingDays = week.missingDays
            utilizationPercent = week.utilizationPercent
        }
    }

    struct Person: Encodable, Sendable {
        let userId: UserID
        let name: String
        let email: String
        let weeklyTarget: DurationDTO
        let target: DurationDTO
        let billable: DurationDTO
        let nonBillable: DurationDTO
        let missing: DurationDTO
        let missingDays: Int
        @Nullable var utilizationPercent: String?
        let weeks: [Week]
    }

    struct Total: Encodable, Sendable {
        let target: DurationDTO
        let billable: DurationDTO
        let nonBillable: DurationDTO
        let missing: DurationDTO
        @Nullable var utilizationPercent: String?
    }

    let period: PeriodDTO
    @Nullable var teamId: TeamID?
    let counts: String
    let people: [Person]
    let total: Total
    /// With `limit`: the cursor of the next page, `null` on the last (and when unpaged).
    @Nullable var nextCursor: String?

    init(_ report: UtilizationReport) {
        period = PeriodDTO(report.range)
        teamId = report.teamID
        counts = Self.counts
        people = report.people.map { person in
            Person(
                userId: person.user.id, name: person.user.name, email: person.user.email,
                weeklyTarget: DurationDTO(Int64(person.weeklyTargetMinutes)), target: DurationDTO(person.targetMinutes),
                billable: DurationDTO(person.billableMinutes), nonBillable: DurationDTO(person.nonBillableMinutes),
                missing: DurationDTO(person.missingMinutes), missingDays: person.missingDays, utilizationPercent: person.utilizationPercent,
                weeks: person.weeks.map(Week.init))
        }
        let target = report.people.reduce(0) { $0 + $1.targetMinutes }
        let billable = report.people.reduce(0) { $0 + $1.billableMinutes }
        total = Total(
            target: DurationDTO(target), billable: DurationDTO(billable),
            nonBillable: DurationDTO(report.people.reduce(0) { $0 + $1.nonBillableMinutes }),
            missing: DurationDTO(report.people.reduce(0) { $0 + $1.missingMinutes }),
            utilizationPercent: ReportPercent.of(billable, over: target))
        nextCursor = report.nextAfter.map { Cursor.encode([$0.name, $0.email, $0.id.description]) }
    }

    /// One row per person and week.
    static func csv(_ report: UtilizationReport) -> CSVWriter {
        var writer = CSVWriter(header: [
            "user_id", "name", "email", "week", "from", "to", "working_days", "target_hours", "billable_hours", "non_billable_hours",
            "missing_hours", "missing_days", "utilization_percent",
        ])
        for person in report.people {
            for week in person.weeks {
                writer.append([
                    person.user.id.description, person.user.name, person.user.email, week.week.description, week.from.description,
                    week.to.description, String(week.workingDays), ReportResponse.hours(week.targetMinutes),
                    ReportResponse.hours(week.billableMinutes), ReportResponse.hours(week.nonBillableMinutes),
                    ReportResponse.hours(week.missingMinutes), String(week.missingDays), week.utilizationPercent ?? "",
                ])
            }
        }
        return writer
    }
}
