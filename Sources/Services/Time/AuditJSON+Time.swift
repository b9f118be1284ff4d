import Domain
import Foundation

/// Audit snapshots of time entries and timesheet submissions.
extension AuditJSON {
    struct TimeEntrySnapshot: Encodable, Sendable {
        let id: TimeEntryID
        let userId: UserID
        let projectId: ProjectID
        let taskId: TaskID
        let workDate: LocalDate
        let minutes: Int
        let note: String
        let billable: Bool
        let status: String
        let rejectionReason: String?
        let billableRateScaled: Int64?
        let costRateScaled: Int64?
        let rateCurrency: String?
        let approvedBy: UserID?

        init(_ entry: TimeEntry) {
            id = entry.id
            userId = entry.userID
            projectId = entry.projectID
            taskId = entry.taskID
            workDate = entry.workDate
            minutes = entry.minutes
            note = entry.note
            billable = entry.billable
            status = entry.status.rawValue
            rejectionReason = entry.rejectionReason
            billableRateScaled = entry.billableRate?.scaled
            costRateScaled = entry.costRate?.scaled
            rateCurrency = entry.billableRate?.currency.code
            approvedBy = entry.approvedBy
        }
    }

    static func timeEntry(_ entry: TimeEntry) throws -> String {
        try encode(TimeEntrySnapshot(entry))
    }

    struct SubmissionSnapshot: Encodable, Sendable {
        let weekStart: LocalDate
        let weekEnd: LocalDate
        let entryIds: [TimeEntryID]
    }

    static func submission(week: ClosedRange<LocalDate>, entries: [TimeEntryID]) throws -> String {
        try encode(SubmissionSnapshot(weekStart: week.lowerBound, weekEnd: week.upperBound, entryIds: entries))
    }

    struct ImportSnapshot: Encodable, Sendable {
        let format: String
        let imported: Int
        let duplicates: Int
        let rejected: Int
        let entryIds: [TimeEntryID]

        init(_ report: TimeImportReport) {
            format = report.format.rawValue
            imported = report.imported
            duplicates = report.duplicateLines.count
            rejected = report.rejected.count
            entryIds = report.entryIDs
        }
    }

    static func timeImport(_ report: TimeImportReport) throws -> String {
        try encode(ImportSnapshot(report))
    }
}
