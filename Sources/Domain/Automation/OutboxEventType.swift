/// The type of an outbox event (issue 14 item 2), e.g. `invoice.issued`: the name a
/// webhook receiver filters on. A struct rather than an enum so that a feature adds its
/// type beside its code; every type a receiver may subscribe to is in ``known``.
public struct OutboxEventType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invoiceIssued = OutboxEventType(rawValue: "invoice.issued")
    public static let invoicePaid = OutboxEventType(rawValue: "invoice.paid")
    public static let invoiceOverdue = OutboxEventType(rawValue: "invoice.overdue")
    public static let paymentRecorded = OutboxEventType(rawValue: "payment.recorded")
    public static let creditNoteIssued = OutboxEventType(rawValue: "credit_note.issued")
    public static let timesheetSubmitted = OutboxEventType(rawValue: "timesheet.submitted")
    public static let approvalDecided = OutboxEventType(rawValue: "approval.decided")
    public static let validationRequested = OutboxEventType(rawValue: "validation.requested")
    public static let validationDecided = OutboxEventType(rawValue: "validation.decided")
    public static let milestoneAccepted = OutboxEventType(rawValue: "milestone.accepted")
    public static let milestoneRejected = OutboxEventType(rawValue: "milestone.rejected")
    public static let changeRequestAgreed = OutboxEventType(rawValue: "change_request.agreed")
    public static let reminderDue = OutboxEventType(rawValue: "reminder.due")
    /// An invoice was queued by e-mail to the client's billing contacts (`POST /invoices/{id}/send`).
    public static let invoiceSent = OutboxEventType(rawValue: "invoice.sent")
    /// A project's progress summary was queued to its client's contacts (issue 14 item 6).
    public static let projectSummarySent = OutboxEventType(rawValue: "project.summary_sent")
    /// A collaborator's or lead's Monday nudge was queued (issue 14 item 7).
    public static let teamNudgeSent = OutboxEventType(rawValue: "team.nudge_sent")

    /// Every type a webhook endpoint may subscribe to.
    public static let known: [OutboxEventType] = [
        .invoiceIssued, .invoicePaid, .invoiceOverdue, .paymentRecorded, .creditNoteIssued, .timesheetSubmitted, .approvalDecided,
        .validationRequested, .validationDecided, .milestoneAccepted, .milestoneRejected, .changeRequestAgreed, .reminderDue,
        .invoiceSent, .projectSummarySent, .teamNudgeSent,
    ]

    public static func < (lhs: OutboxEventType, rhs: OutboxEventType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
