import Domain
import Foundation

/// Audit snapshots of time entries and timesheet submissions.
extension AuditJSON {
    private struct TimeEntrySnapshot: Encodable {
        let id: String
        let userID: String
        let projectID: String
        let taskID: String
        let workDate: String
        let minutes: Int
        let note: String
        let billable: Bool
        let status: String
        let rejectionReason: String?
        let billableRateScaled: Int64?
        let costRateScaled: Int64?
        let rateCurrency: String?
        let approvedBy: String?
        enum CodingKeys: String, CodingKey {
            case id, minutes, note, billable, status
            case userID = "user_id"
            case projectID = "project_id"
            case taskID = "task_id"
            case workDate = "work_date"
            case rejectionReason = "rejection_reason"
            case billableRateScaled = "billable_rate_scaled"
            case costRateScaled = "cost_rate_scaled"
            case rateCurrency = "rate_currency"
            case approvedBy = "approved_by"
        }
    }

    static func timeEntry(_ entry: TimeEntry) throws -> String {
        try encode(
            TimeEntrySnapshot(
                id: entry.id.description, userID: entry.userID.description, projectID: entry.projectID.description,
                taskID: entry.taskID.description, workDate: entry.workDate.description, minutes: entry.minutes, note: entry.note,
                billable: entry.billable, status: entry.status.rawValue, rejectionReason: entry.rejectionReason,
                billableRateScaled: entry.billableRate?.scaled, costRateScaled: entry.costRate?.scaled,
                rateCurrency: entry.billableRate?.currency.code, approvedBy: entry.approvedBy?.description))
    }

    private struct SubmissionSnapshot: Encodable {
        let weekStart: String
        let weekEnd: String
        let entryIDs: [String]
        enum CodingKeys: String, CodingKey {
            case weekStart = "week_start"
            case weekEnd = "week_end"
            case entryIDs = "entry_ids"
        }
    }

    static func submission(week: ClosedRange<LocalDate>, entries: [TimeEntryID]) throws -> String {
        try encode(
            SubmissionSnapshot(
                weekStart: week.lowerBound.description, weekEnd: week.upperBound.description, entryIDs: entries.map(\.description)))
    }

    private struct ImportSnapshot: Encodable {
        let format: String
        let imported: Int
        let duplicates: Int
        let rejected: Int
        let entryIDs: [String]
        enum CodingKeys: String, CodingKey {
            case format, imported, duplicates, rejected
            case entryIDs = "entry_ids"
        }
    }

    static func timeImport(_ report: TimeImportReport) throws -> String {
        try encode(
            ImportSnapshot(
                format: report.format.rawValue, imported: report.imported, duplicates: report.duplicateLines.count,
                rejected: report.rejected.count, entryIDs: report.entryIDs.map(\.description)))
    }
}
