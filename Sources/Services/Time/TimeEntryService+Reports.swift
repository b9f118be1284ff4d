public import Domain
import Foundation
import Postgres
import Storage

/// One collaborator's working days without any time.
public struct MissingTimeLine: Sendable {
    public let user: StaffMember
    public let missingDates: [LocalDate]
}

/// The missing-time report of a range (issue 4 item 7).
public struct MissingTimeReport: Sendable {
    public let from: LocalDate
    public let to: LocalDate
    /// Working days (Monday to Friday) in the range.
    public let workingDays: Int
    /// Collaborators with at least one working day without time, by name.
    public let lines: [MissingTimeLine]
}

extension TimeEntryService {
    /// Active collaborators with working days (Monday to Friday) from `from` through
    /// `to` on which they logged no time. The admin sees everyone (or one team); a
    /// manager the teams they lead (and themselves); a member only themselves.
    /// A read-only report: runs on the reports database (``ReportDatabase``).
    public func missingTime(from: LocalDate, to: LocalDate, teamID: TeamID?, caller: Caller) async throws -> MissingTimeReport {
        try await reportsDatabase.read { pool in try await missingTime(from: from, to: to, teamID: teamID, caller: caller, on: pool) }
    }

    private func missingTime(from: LocalDate, to: LocalDate, teamID: TeamID?, caller: Caller, on pool: PostgresPool) async throws -> MissingTimeReport {
        let actor = caller.actor
        try Policy.require(actor, .read, .agency)
        let workingDays = try MissingTime.missingDays(from: from, to: to, loggedDates: []).count
        let selection = try await StaffSelection.visible(to: caller, teamID: teamID, on: pool)
        let staff = try await reports.activeStaff(selection, on: pool)
        let logged = try await reports.loggedDates(of: staff.map(\.id), from: from, to: to, on: pool)
        var lines: [MissingTimeLine] = []
        for member in staff {
            let missing = try MissingTime.missingDays(from: from, to: to, loggedDates: logged[member.id] ?? [])
            if !missing.isEmpty { lines.append(MissingTimeLine(user: member, missingDates: missing)) }
        }
        return MissingTimeReport(from: from, to: to, workingDays: workingDays, lines: lines)
    }
}
