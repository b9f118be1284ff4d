import Domain
import Foundation
import Services

/// A captured rate on the wire: decimal text and the exact scaled integer.
struct CapturedRateDTO: Encodable, Sendable {
    let rate: String
    let rateScaled: Int64
    let currency: String

    init(_ rate: HourlyRate) {
        self.rate = rate.decimalString
        rateScaled = rate.scaled
        currency = rate.currency.code
    }
}

/// A time entry on the wire. `cost_rate` is present only for those who may see cost
/// rates (the admin); nullable fields are written as `null`.
struct TimeEntryDTO: Encodable, Sendable {
    let id: TimeEntryID
    let userId: UserID
    let projectId: ProjectID
    let taskId: TaskID
    let workDate: LocalDate
    let minutes: Int
    let hours: String
    let note: String
    let billable: Bool
    let status: String
    @Nullable var rejectionReason: String?
    @Nullable var clientRejectionComment: String?
    @Nullable var billableRate: CapturedRateDTO?
    /// Absent (outer nil) for those who may not see cost rates; `null` when the entry has none.
    let costRate: CapturedRateDTO??
    @Nullable var approvedBy: UserID?
    @Nullable var approvedAt: Date?
    @Nullable var externalId: String?
    @Nullable var validationId: ValidationID?
    /// What the reader should know about the entry's numbers (`no_cost_rate`), for those
    /// who see cost rates; empty for everyone else.
    let flags: [ApprovalItemDTO.FlagDTO]
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ entry: TimeEntry, showsCost: Bool) {
        validationId = entry.validationID
        flags = showsCost ? entry.flags.map { ApprovalItemDTO.FlagDTO(code: $0.code, message: $0.message) } : []
        id = entry.id
        userId = entry.userID
        projectId = entry.projectID
        taskId = entry.taskID
        workDate = entry.workDate
        minutes = entry.minutes
        hours = WorkHours.decimalString(fromMinutes: entry.minutes)
        note = entry.note
        billable = entry.billable
        status = entry.status.rawValue
        rejectionReason = entry.rejectionReason
        clientRejectionComment = entry.clientRejectionComment
        billableRate = entry.billableRate.map(CapturedRateDTO.init)
        costRate = showsCost ? .some(entry.costRate.map(CapturedRateDTO.init)) : .none
        approvedBy = entry.approvedBy
        approvedAt = entry.approvedAt
        externalId = entry.externalID
        version = entry.version
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
    }
}

/// One line of the approver's queue: the entry with who, where and what, and the
/// client's comment when the client rejected a validation covering it.
struct ApprovalItemDTO: Encodable, Sendable {
    struct Named: Encodable, Sendable {
        let id: String
        let name: String
        let code: String?
        let email: String?
    }

    let id: TimeEntryID
    let user: Named
    let project: Named
    let task: Named
    let workDate: LocalDate
    let minutes: Int
    let hours: String
    let note: String
    let billable: Bool
    /// Whether it came back because the client rejected a validation covering it.
    let rejectedByClient: Bool
    @Nullable var clientRejectionComment: String?
    /// Whether the client named this entry among the disputed entries of that rejection.
    let disputedByClient: Bool
    let version: Int
    @Nullable var changeRequest: ChangeRequestRefDTO?
    let flags: [FlagDTO]

    struct ChangeRequestRefDTO: Encodable, Sendable {
        let id: ChangeRequestID
        let reference: String
        let status: String
    }

    struct FlagDTO: Encodable, Sendable {
        let code: String
        let message: String
    }

    init(_ detail: TimeEntryDetail) {
        let entry = detail.entry
        id = entry.id
        user = Named(id: entry.userID.description, name: detail.userName, code: nil, email: detail.userEmail)
        project = Named(id: entry.projectID.description, name: detail.projectName, code: detail.projectCode, email: nil)
        task = Named(id: entry.taskID.description, name: detail.taskName, code: nil, email: nil)
        workDate = entry.workDate
        minutes = entry.minutes
        hours = WorkHours.decimalString(fromMinutes: entry.minutes)
        note = entry.note
        billable = entry.billable
        rejectedByClient = entry.clientRejectionComment != nil
        clientRejectionComment = entry.clientRejectionComment
        disputedByClient = detail.disputedByClient
        version = entry.version
        changeRequest = detail.changeRequest.map { ChangeRequestRefDTO(id: $0.id, reference: $0.reference, status: $0.status.rawValue) }
        flags = detail.approvalFlags.map { FlagDTO(code: $0.code, message: $0.message) }
    }
}
