public import Domain
import Foundation
import Postgres
import Storage

/// One collaborator's weeks and their sum.
public struct UtilizationPerson: Sendable {
    public let user: StaffMember
    public let weeklyTargetMinutes: Int
    public let weeks: [UtilizationWeek]

    public var targetMinutes: Int64 { weeks.reduce(0) { $0 + $1.targetMinutes } }
    public var billableMinutes: Int64 { weeks.reduce(0) { $0 + $1.billableMinutes } }
    public var nonBillableMinutes: Int64 { weeks.reduce(0) { $0 + $1.nonBillableMinutes } }
    public var missingMinutes: Int64 { weeks.reduce(0) { $0 + $1.missingMinutes } }
    public var missingDays: Int { weeks.reduce(0) { $0 + $1.missingDays } }
    public var utilizationPercent: String? { ReportPercent.of(billableMinutes, over: targetMinutes) }
}

/// `GET /reports/utilization` (issue 15 item 3).
public struct UtilizationReport: Sendable {
    public let range: ReportRange
    public let teamID: TeamID?
    public let people: [UtilizationPerson]
    /// When paged and more people follow: the last person of this page (the next page's
    /// `after`).
    public let nextAfter: StaffMember?
}

extension ReportService {
    /// Billable, non-billable and missing time per active collaborator and week against
    /// their target: the admin sees everyone (or one team), a manager their teams (and
    /// themselves), a member themselves — the missing-time report's selection.
    /// With `limit`, the first `limit` of them after `after` (in the report's order: name,
    /// email, id), so that everyone's utilization is read a page at a time.
    public func utilization(
        _ range: ReportRange, teamID: TeamID?, after: StaffMember? = nil, limit: Int? = nil, caller: Caller
    ) async throws -> UtilizationReport {
        try await database.read { pool in try await utilization(range, teamID: teamID, after: after, limit: limit, caller: caller, on: pool) }
    }

    private func utilization(
        _ range: ReportRange, teamID: TeamID?, after: StaffMember?, limit: Int?, caller: Caller, on pool: PostgresPool
    ) async throws -> UtilizationReport {
        let selection = try await StaffSelection.visible(to: caller, teamID: teamID, on: pool)
        var members = try await staff.activeStaff(selection, after: after, limit: limit.map { $0 + 1 }, on: pool)
        var nextAfter: StaffMember?
        if let limit, members.count > limit {
            members.removeLast(members.count - limit)
            nextAfter = members.last
        }
        let ids = members.map(\.id)
        let targets = try await utilizationStore.weeklyTargets(of: ids, on: pool)
        var minutes: [UserID: [LocalDate: WeekMinutes]] = [:]
        for week in try await utilizationStore.weeks(of: ids, in: range, on: pool) { minutes[week.userID, default: [:]][week.week] = week }
        let logged = try await staff.loggedDates(of: ids, from: range.from, to: range.to, on: pool)
        let mondays = UtilizationWeek.weeks(of: range)
        let people = try members.map { member in
            let target = targets[member.id] ?? 0
            let weeks = try mondays.map { monday in
                let week = minutes[member.id]?[monday]
                return try UtilizationWeek(
                    week: monday, range: range, weeklyTargetMinutes: target, billableMinutes: week?.billableMinutes ?? 0,
                    nonBillableMinutes: week?.nonBillableMinutes ?? 0, loggedDates: logged[member.id] ?? [])
            }
            return UtilizationPerson(user: member, weeklyTargetMinutes: target, weeks: weeks)
        }
        return UtilizationReport(range: range, teamID: teamID, people: people, nextAfter: nextAfter)
    }
}
