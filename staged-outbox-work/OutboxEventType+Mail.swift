extension OutboxEventType {
    /// An invoice was queued by e-mail to the client's billing contacts (`POST /invoices/{id}/send`).
    public static let invoiceSent = OutboxEventType(rawValue: "invoice.sent")
}

extension OutboxEventType {
    /// A project's progress summary was queued to its client's contacts (issue 14 item 6).
    public static let projectSummarySent = OutboxEventType(rawValue: "project.summary_sent")
}

extension OutboxEventType {
    /// A collaborator's or lead's Monday nudge was queued (issue 14 item 7).
    public static let teamNudgeSent = OutboxEventType(rawValue: "team.nudge_sent")
}
