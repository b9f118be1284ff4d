public import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Monday-morning nudges (issue 14 item 7): each collaborator with working days of last
/// week (Monday to Friday) without any time — the missing-time report's rule — and each
/// lead whose approval queue waits gets one e-mail, unless they opted out
/// (`PUT /me/notifications`). One per user and week (`team_nudges`).
public struct TeamNudgeJob: ScheduledJob {
    public let name = "team-nudges"
    public let schedule: JobSchedule

    public init(schedule: JobSchedule = .every(.seconds(3600))) {
        self.schedule = schedule
    }

    public func run(_ context: JobContext) async throws {
        let today = LocalDate.of(context.clock.now())
        guard today.weekday == .monday else { return }
        let week = try LocalDate.weekContaining(try today.adding(days: -7))
        let store = NudgeStore()
        let staff = try await store.recipients(on: context.pool)
        let logged = try await TimeReportStore().loggedDates(of: staff.map(\.id), from: week.lowerBound, to: week.upperBound, on: context.pool)
        let queues = try await store.waitingQueues(on: context.pool)
        guard let from = try? InvoiceMailService.sender(try await SettingsStore().get(on: context.pool).seller) else {
            context.logger.warning("team nudges not sent: the agency has no e-mail address (seller.email)")
            return
        }
        for member in staff {
            let missing = try MissingTime.missingDays(from: week.lowerBound, to: week.upperBound, loggedDates: logged[member.id] ?? [])
            let queue = queues[member.id]
            guard !missing.isEmpty || queue != nil else { continue }
            let text = NudgeText.body(name: member.name, missing: missing, entries: queue?.entries ?? 0, expenses: queue?.expenses ?? 0, agency: from.name)
            let content = EmailContent(
                from: from, replyTo: nil, toName: member.name, subject: NudgeText.subject(missing: missing.count, waiting: queue != nil),
                text: text, html: EmailContent.html(fromText: text, language: .en), attachments: [])
            let now = context.clock.now()
            let event = OutboxEvent(
                type: .teamNudgeSent, occurredAt: now, subjectType: "user", subjectID: member.id.description, link: "/users/\(member.id)",
                payload: try SheafJSON.string(
                    NudgePayload(userId: member.id, weekFrom: week.lowerBound, missingDates: missing, waitingEntries: queue?.entries ?? 0,
                                 waitingExpenses: queue?.expenses ?? 0)))
            try await context.pool.withTransaction { tx in
                guard try await store.claim(member.id, weekFrom: week.lowerBound, eventID: event.id.uuid, at: now, on: tx) else { return }
                try await OutboxStore().append(
                    event, deliveries: [NewDelivery(channel: .email, target: member.email.lowercased(), message: try SheafJSON.string(content))],
                    on: tx)
            }
        }
    }
}

struct NudgePayload: Encodable {
    let userId: UserID
    let weekFrom: LocalDate
    let missingDates: [LocalDate]
    let waitingEntries: Int
    let waitingExpenses: Int
}
