import Domain
import Foundation

/// A captured rate on the wire: decimal text and the exact scaled integer.
struct CapturedRateDTO: Encodable, Sendable {
    let rate: String
    let rateScaled: Int64
    let currency: String

    enum CodingKeys: String, CodingKey {
        case rate, currency
        case rateScaled = "rate_scaled"
    }

    init(_ rate: HourlyRate) {
        self.rate = rate.decimalString
        rateScaled = rate.scaled
        currency = rate.currency.code
    }
}

/// A time entry on the wire. `cost_rate` is present only for those who may see cost
/// rates (the admin); nullable fields are written as `null`.
struct TimeEntryDTO: Encodable, Sendable {
    let entry: TimeEntry
    let showsCost: Bool

    enum CodingKeys: String, CodingKey {
        case id, minutes, hours, note, billable, status, version
        case userID = "user_id"
        case projectID = "project_id"
        case taskID = "task_id"
        case workDate = "work_date"
        case rejectionReason = "rejection_reason"
        case disputeComment = "dispute_comment"
        case billableRate = "billable_rate"
        case costRate = "cost_rate"
        case approvedBy = "approved_by"
        case approvedAt = "approved_at"
        case externalID = "external_id"
        case validationID = "validation_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ entry: TimeEntry, showsCost: Bool) {
        self.entry = entry
        self.showsCost = showsCost
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(entry.userID, forKey: .userID)
        try container.encode(entry.projectID, forKey: .projectID)
        try container.encode(entry.taskID, forKey: .taskID)
        try container.encode(entry.workDate, forKey: .workDate)
        try container.encode(entry.minutes, forKey: .minutes)
        try container.encode(WorkHours.decimalString(fromMinutes: entry.minutes), forKey: .hours)
        try container.encode(entry.note, forKey: .note)
        try container.encode(entry.billable, forKey: .billable)
        try container.encode(entry.status.rawValue, forKey: .status)
        try container.encode(entry.rejectionReason, forKey: .rejectionReason)
        try container.encode(entry.disputeComment, forKey: .disputeComment)
        try container.encode(entry.billableRate.map(CapturedRateDTO.init), forKey: .billableRate)
        if showsCost { try container.encode(entry.costRate.map(CapturedRateDTO.init), forKey: .costRate) }
        try container.encode(entry.approvedBy, forKey: .approvedBy)
        try container.encode(entry.approvedAt, forKey: .approvedAt)
        try container.encode(entry.externalID, forKey: .externalID)
        try container.encode(entry.validationID, forKey: .validationID)
        try container.encode(entry.version, forKey: .version)
        try container.encode(entry.createdAt, forKey: .createdAt)
        try container.encode(entry.updatedAt, forKey: .updatedAt)
    }
}

/// One line of the approver's queue: the entry with who, where and what, and the
/// client's comment when a validation disputed it.
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
    let disputed: Bool
    let disputeComment: String?
    let version: Int
    let changeRequest: ChangeRequestRefDTO?
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

    enum CodingKeys: String, CodingKey {
        case id, user, project, task, minutes, hours, note, billable, disputed, version, flags
        case workDate = "work_date"
        case disputeComment = "dispute_comment"
        case changeRequest = "change_request"
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
        disputed = entry.disputeComment != nil
        disputeComment = entry.disputeComment
        version = entry.version
        changeRequest = detail.changeRequest.map { ChangeRequestRefDTO(id: $0.id, reference: $0.reference, status: $0.status.rawValue) }
        flags = detail.approvalFlags.map { FlagDTO(code: $0.code, message: $0.message) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(user, forKey: .user)
        try container.encode(project, forKey: .project)
        try container.encode(task, forKey: .task)
        try container.encode(workDate, forKey: .workDate)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(hours, forKey: .hours)
        try container.encode(note, forKey: .note)
        try container.encode(billable, forKey: .billable)
        try container.encode(disputed, forKey: .disputed)
        try container.encode(disputeComment, forKey: .disputeComment)
        try container.encode(version, forKey: .version)
        try container.encode(changeRequest, forKey: .changeRequest)
        try container.encode(flags, forKey: .flags)
    }
}
