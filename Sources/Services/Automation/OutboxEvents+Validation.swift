public import Domain
public import Foundation

extension OutboxEvents {
    struct ValidationPayload: Encodable, Sendable {
        let id: ValidationID
        let kind: String
        let projectId: ProjectID
        @Nullable var periodFrom: LocalDate?
        @Nullable var periodTo: LocalDate?
        /// The milestone or change request asked about.
        @Nullable var subjectId: UUID?
        let status: String
        let requestedBy: UserID
        let requestedAt: Date
        @Nullable var linkExpiresAt: Date?
        let timeEntryIds: [TimeEntryID]
        let expenseIds: [ExpenseID]
        @Nullable var decision: String?
        @Nullable var decidedVia: String?
        @Nullable var decidedByName: String?
        @Nullable var decidedAt: Date?
        @Nullable var comment: String?
        let disputedEntryIds: [TimeEntryID]

        init(_ record: ValidationRecord) {
            id = record.id
            kind = record.kind.rawValue
            projectId = record.projectID
            periodFrom = record.periodFrom
            periodTo = record.periodTo
            subjectId = record.subjectID
            status = record.status.rawValue
            requestedBy = record.requestedBy
            requestedAt = record.requestedAt
            linkExpiresAt = record.linkExpiresAt
            timeEntryIds = record.entryIDs
            expenseIds = record.expenseIDs
            decision = record.decision?.rawValue
            decidedVia = record.decidedVia?.rawValue
            decidedByName = record.decidedByName
            decidedAt = record.decidedAt
            comment = record.comment
            disputedEntryIds = record.disputedEntryIDs
        }
    }

    struct ValidationEventPayload: Encodable, Sendable {
        let validation: ValidationPayload
    }

    /// `validation.requested` or `validation.decided` about a client validation request
    /// (a timesheet period, a milestone delivery or a change-request quote). The signed
    /// link itself is never in an event: it is a credential for the client alone.
    public static func validation(_ type: OutboxEventType, _ record: ValidationRecord, at date: Date) throws -> OutboxEvent {
        try event(
            type, at: date, subjectType: "validation", subjectID: record.id.description, link: "/validations/\(record.id)",
            payload: ValidationEventPayload(validation: ValidationPayload(record)))
    }

    struct MilestonePayload: Encodable, Sendable {
        let id: MilestoneID
        let projectId: ProjectID
        let name: String
        let status: String
        @Nullable var amountMinor: Int64?
        @Nullable var shareBasisPoints: Int?
        let currency: String
        @Nullable var dueDate: LocalDate?
        @Nullable var decidedAt: Date?
        @Nullable var comment: String?
        @Nullable var validationId: ValidationID?
    }

    /// `milestone.accepted` or `milestone.rejected`.
    public static func milestone(_ milestone: Milestone, at date: Date) throws -> OutboxEvent {
        var fixed: Int64?
        if case .fixed(let money) = milestone.share { fixed = money.amountMinor }
        return try event(
            milestone.status == .accepted ? .milestoneAccepted : .milestoneRejected, at: date, subjectType: "milestone",
            subjectID: milestone.id.description, link: "/milestones/\(milestone.id)",
            payload: [
                "milestone": MilestonePayload(
                    id: milestone.id, projectId: milestone.projectID, name: milestone.name, status: milestone.status.rawValue,
                    amountMinor: milestone.deliveredAmount?.amountMinor ?? fixed, shareBasisPoints: milestone.share.basisPoints,
                    currency: milestone.currency.code, dueDate: milestone.dueDate, decidedAt: milestone.decidedAt,
                    comment: milestone.decisionComment, validationId: milestone.validationID)
            ])
    }

    struct ChangeRequestPayload: Encodable, Sendable {
        let id: ChangeRequestID
        let projectId: ProjectID
        let number: Int
        let title: String
        let description: String
        let pricing: String
        @Nullable var amountMinor: Int64?
        /// Ten-thousandths of the currency per hour.
        @Nullable var hourlyRateScaled: Int64?
        let currency: String
        @Nullable var estimatedMinutes: Int?
        @Nullable var taskId: TaskID?
        @Nullable var decidedAt: Date?
        @Nullable var comment: String?
    }

    /// `change_request.agreed`: the client accepted the quote.
    public static func changeRequestAgreed(_ change: ChangeRequest, at date: Date) throws -> OutboxEvent {
        try event(
            .changeRequestAgreed, at: date, subjectType: "change_request", subjectID: change.id.description, link: "/change-requests/\(change.id)",
            payload: [
                "change_request": ChangeRequestPayload(
                    id: change.id, projectId: change.projectID, number: change.number, title: change.title, description: change.description,
                    pricing: change.pricing.rawValue, amountMinor: change.amount?.amountMinor, hourlyRateScaled: change.hourlyRate?.scaled,
                    currency: change.currency.code, estimatedMinutes: change.estimatedMinutes, taskId: change.taskID,
                    decidedAt: change.decidedAt, comment: change.decisionComment)
            ])
    }
}
