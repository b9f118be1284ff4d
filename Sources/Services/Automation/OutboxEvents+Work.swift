public import Domain
public import Foundation

extension OutboxEvents {
    struct TimesheetPayload: Encodable, Sendable {
        let userId: UserID
        let weekStart: LocalDate
        let weekEnd: LocalDate
        let timeEntryIds: [TimeEntryID]
        let submittedAt: Date
    }

    /// `timesheet.submitted`: a collaborator submitted their week's open entries.
    public static func timesheetSubmitted(user: UserID, week: ClosedRange<LocalDate>, entries: [TimeEntryID], at date: Date) throws
        -> OutboxEvent
    {
        try event(
            .timesheetSubmitted, at: date, subjectType: "user", subjectID: user.description,
            link: "/time-entries?user_id=\(user)&from=\(week.lowerBound)&to=\(week.upperBound)",
            payload: TimesheetPayload(userId: user, weekStart: week.lowerBound, weekEnd: week.upperBound, timeEntryIds: entries, submittedAt: date))
    }

    struct ApprovalPayload: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            let id: TimeEntryID
            let userId: UserID
            let projectId: ProjectID
            let workDate: LocalDate
            let minutes: Int
            let status: String
        }

        struct Spent: Encodable, Sendable {
            let id: ExpenseID
            let userId: UserID
            let projectId: ProjectID
            let date: LocalDate
            let amountMinor: Int64
            let currency: String
            let status: String
        }

        let decision: String
        @Nullable var reason: String?
        let decidedBy: UserID
        let timeEntries: [Entry]
        let expenses: [Spent]
    }

    /// `approval.decided`: one approver's decision on time entries and expenses, all at once.
    public static func approvalDecided(
        _ decision: ApprovalDecision, reason: String?, by approver: UserID, entries: [TimeEntry], expenses: [Expense], at date: Date
    ) throws -> OutboxEvent {
        let subject = entries.first.map { $0.id.description } ?? expenses.first.map { $0.id.description } ?? approver.description
        return try event(
            .approvalDecided, at: date, subjectType: entries.isEmpty ? "expense" : "time_entry", subjectID: subject, link: "/approvals",
            payload: ApprovalPayload(
                decision: decision.rawValue, reason: decision == .reject ? reason : nil, decidedBy: approver,
                timeEntries: entries.map {
                    .init(id: $0.id, userId: $0.userID, projectId: $0.projectID, workDate: $0.workDate, minutes: $0.minutes, status: $0.status.rawValue)
                },
                expenses: expenses.map {
                    .init(
                        id: $0.id, userId: $0.userID, projectId: $0.projectID, date: $0.date, amountMinor: $0.amount.amountMinor,
                        currency: $0.amount.currency.code, status: $0.status.rawValue)
                }))
    }
}
