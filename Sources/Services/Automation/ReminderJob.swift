public import Domain
import Foundation
import Logging
import Postgres
import Storage

/// The dunning job (issue 14 item 5, SPEC §4.6): for every issued invoice still unpaid,
/// makes each reminder rule's reminder once, on its date — an e-mail to the client's
/// billing contacts and a `reminder.due` webhook event, both through the outbox.
///
/// Exactly once across any number of runner instances: each invoice is handled in its
/// own transaction that locks the invoice row (as recording a payment does, so a
/// payment and a reminder are never decided on a stale balance), re-reads what was made,
/// and claims the reminder by its unique key (invoice, rule) before appending the event.
public struct ReminderJob: ScheduledJob {
    public let name = "invoice-reminders"
    public let schedule: JobSchedule
    /// Invoices handled per run at most (the rest on the next run).
    let batch: Int

    public init(schedule: JobSchedule = .every(.seconds(900)), batch: Int = 500) {
        self.schedule = schedule
        self.batch = batch
    }

    public func run(_ context: JobContext) async throws {
        let today = LocalDate.of(context.clock.now())
        let rules = try await ReminderSettingsStore().rules(on: context.pool)
        let ids = try await ReminderStore().invoicesWithDueReminders(offsets: rules.map(\.offsetDays), today: today, limit: batch, on: context.pool)
        for id in ids {
            try await remind(id, rules: rules, today: today, context: context)
        }
    }

    /// Makes the due reminders of one invoice, in one transaction.
    func remind(_ id: InvoiceID, rules: [ReminderRule], today: LocalDate, context: JobContext) async throws {
        let reminders = ReminderStore()
        let invoices = InvoiceStore()
        try await context.pool.withTransaction { tx in
            guard let invoice = try await invoices.findForUpdate(id, on: tx), invoice.isIssued, let issue = invoice.issue,
                let dueDate = invoice.dueDate
            else { return }
            let settlement = try await invoices.settlement(id, on: tx)
            let balance = issue.totals.payableMinor - settlement.credited - settlement.paid
            let credited = issue.totals.payableMinor > 0 && settlement.credited >= issue.totals.payableMinor
            guard balance > 0, !credited else { return }
            let made = Set(try await reminders.list(invoice: id, on: tx).map(\.offsetDays))
            let due = InvoiceReminder.due(dueDate: dueDate, rules: rules, madeOffsets: made, today: today)
            let now = context.clock.now()
            for rule in due.skip {
                let skipped = InvoiceReminder(
                    id: nil, invoiceID: id, offsetDays: rule.offsetDays, scheduledOn: try dueDate.adding(days: rule.offsetDays),
                    formalNotice: rule.formalNotice, status: .skipped, recipients: [], createdAt: now)
                _ = try await reminders.claim(skipped, id: .random(), eventID: nil, createdAt: now, on: tx)
            }
            guard let rule = due.send else { return }
            let letter = try await ReminderLetter.make(
                invoice: invoice, issue: issue, dueDate: dueDate, balanceMinor: balance, rule: rule, today: today, on: tx)
            let event = OutboxEvent(
                type: .reminderDue, occurredAt: now, subjectType: "invoice", subjectID: id.description, link: "/invoices/\(id)",
                payload: try SheafJSON.string(letter.payload))
            let reminder = InvoiceReminder(
                id: nil, invoiceID: id, offsetDays: rule.offsetDays, scheduledOn: try dueDate.adding(days: rule.offsetDays),
                formalNotice: rule.formalNotice, status: .sent, recipients: letter.deliveries.map(\.target), createdAt: now)
            guard try await reminders.claim(reminder, id: letter.reminderID, eventID: event.id.uuid, createdAt: now, on: tx) else { return }
            try await OutboxStore().append(event, deliveries: letter.deliveries, on: tx)
            context.logger.info(
                "reminder queued",
                metadata: ["invoice_id": "\(id)", "offset_days": "\(rule.offsetDays)", "recipients": "\(letter.deliveries.count)"])
        }
    }
}
