public import Foundation

extension IDTag {
    /// Tags an ``InvoiceReminderID``.
    public enum InvoiceReminder {}
}

public typealias InvoiceReminderID = ID<IDTag.InvoiceReminder>

/// A reminder of an unpaid invoice (SPEC §2 "Reminder"): the rule that fired, when it
/// was due, and what became of it.
public struct InvoiceReminder: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Queued in the outbox: e-mailed to the billing contacts and sent as `reminder.due`.
        case sent
        /// Passed over: a later rule was already due when the invoice was first seen.
        case skipped
        /// Not made yet: it will be, on its date, while the invoice is unpaid.
        case scheduled
        /// Never to be made: the invoice was paid or fully credited first.
        case cancelled
    }

    /// Nil for the reminders not made (scheduled, cancelled).
    public let id: InvoiceReminderID?
    public let invoiceID: InvoiceID
    public let offsetDays: Int
    public let scheduledOn: LocalDate
    public let formalNotice: Bool
    public let status: Status
    public let recipients: [String]
    /// When it was made (sent or skipped).
    public let createdAt: Date?

    public init(
        id: InvoiceReminderID?, invoiceID: InvoiceID, offsetDays: Int, scheduledOn: LocalDate, formalNotice: Bool, status: Status,
        recipients: [String], createdAt: Date?
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.offsetDays = offsetDays
        self.scheduledOn = scheduledOn
        self.formalNotice = formalNotice
        self.status = status
        self.recipients = recipients
        self.createdAt = createdAt
    }

    /// The reminders of an invoice due on `dueDate` as the rules make them: those made
    /// (`made`), then one per rule not made yet — scheduled while `isOpen`, cancelled
    /// once paid or credited. By date.
    public static func timeline(
        invoiceID: InvoiceID, dueDate: LocalDate, rules: [ReminderRule], made: [InvoiceReminder], isOpen: Bool
    ) -> [InvoiceReminder] {
        let madeOffsets = Set(made.map(\.offsetDays))
        var all = made
        for rule in rules where !madeOffsets.contains(rule.offsetDays) {
            guard let date = try? dueDate.adding(days: rule.offsetDays) else { continue }
            all.append(
                InvoiceReminder(
                    id: nil, invoiceID: invoiceID, offsetDays: rule.offsetDays, scheduledOn: date, formalNotice: rule.formalNotice,
                    status: isOpen ? .scheduled : .cancelled, recipients: [], createdAt: nil))
        }
        return all.sorted { ($0.scheduledOn, $0.offsetDays) < ($1.scheduledOn, $1.offsetDays) }
    }

    /// Which rules to make for an open invoice on `today`: every rule whose date has come
    /// and that was not made; the latest of them is sent, the earlier ones skipped (a
    /// "3 days before" is not worth sending after a later one is due).
    public static func due(
        dueDate: LocalDate, rules: [ReminderRule], madeOffsets: Set<Int>, today: LocalDate
    ) -> (send: ReminderRule?, skip: [ReminderRule]) {
        let pending = rules.filter { rule in
            !madeOffsets.contains(rule.offsetDays) && ((try? dueDate.adding(days: rule.offsetDays)).map { $0 <= today } ?? false)
        }
        .sorted { $0.offsetDays < $1.offsetDays }
        guard let latest = pending.last else { return (nil, []) }
        return (latest, Array(pending.dropLast()))
    }
}
