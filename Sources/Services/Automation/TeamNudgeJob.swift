public import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Monday-morning nudges (issue 14 item 7): each collaborator who logged less than their
/// expected hours last week (``TimeNudge``: the utilization and missing-time reports'
/// working-time target) and each lead whose approval queue waits gets one e-mail, unless
/// they opted out (`PUT /me/notifications`). Monday and last week are those of each
/// collaborator's own time zone. One per user and week (`team_nudges`).
public struct TeamNudgeJob: ScheduledJob {
    public let name = "team-nudges"
    public let schedule: JobSchedule

    public init(schedule: JobSchedule = .every(.seconds(3600))) {
        self.schedule = schedule
    }

    public func run(_ context: JobContext) async throws {
        let now = context.clock.now()
        let store = NudgeStore()
        // Those whose Monday it is, with the Monday of their last week.
        let due: [(NudgeStore.Recipient, LocalDate)] = try await store.recipients(on: context.pool).compactMap { recipient in
            TimeNudge.week(nudgedOn: LocalDate.of(now, timeZone: recipient.timeZone)).map { (recipient, $0) }
        }
        guard !due.isEmpty else { return }
        guard let from = try? InvoiceMailService.sender(try await SettingsStore().get(on: context.pool).seller) else {
            context.logger.warning("team nudges not sent: the agency has no e-mail address (seller.email)")
            return
        }
        let logged = try await loggedMinutes(due, on: context.pool)
        let queues = try await store.waitingQueues(on: context.pool)
        for (recipient, week) in due {
            let member = recipient.member
            let time = try TimeNudge(
                week: week, weeklyTargetMinutes: recipient.weeklyTargetMinutes, loggedMinutes: logged[member.id]?[week] ?? 0)
            let queue = queues[member.id]
            guard time.isDue || queue != nil else { continue }
            let shortfall = time.isDue ? time : nil
            let text = NudgeText.body(name: member.name, time: shortfall, entries: queue?.entries ?? 0, expenses: queue?.expenses ?? 0, agency: from.name)
            let content = EmailContent(
                from: from, replyTo: nil, toName: member.name, subject: NudgeText.subject(time: shortfall, waiting: queue != nil),
                text: text, html: EmailContent.html(fromText: text, language: .en), attachments: [])
            let event = OutboxEvent(
                type: .teamNudgeSent, occurredAt: now, subjectType: "user", subjectID: member.id.description, link: "/users/\(member.id)",
                payload: try SheafJSON.string(
                    NudgePayload(userId: member.id, weekFrom: week, targetMinutes: time.targetMinutes, loggedMinutes: time.loggedMinutes,
                                 waitingEntries: queue?.entries ?? 0, waitingExpenses: queue?.expenses ?? 0)))
            try await context.pool.withTransaction { tx in
                guard try await store.claim(member.id, weekFrom: week, eventID: event.id.uuid, at: now, on: tx) else { return }
                try await OutboxStore().append(
                    event, deliveries: [NewDelivery(channel: .email, target: member.email.lowercased(), message: try SheafJSON.string(content))],
                    on: tx)
            }
        }
    }

    /// Minutes logged (any status) per user and Monday, for the weeks of `due`.
    func loggedMinutes(_ due: [(NudgeStore.Recipient, LocalDate)], on pool: PostgresPool) async throws -> [UserID: [LocalDate: Int64]] {
        var logged: [UserID: [LocalDate: Int64]] = [:]
        for (week, group) in Dictionary(grouping: due, by: { $0.1 }) {
            let range = try ReportRange(from: week, to: try week.adding(days: 6))
            for minutes in try await UtilizationStore().weeks(of: group.map { $0.0.member.id }, in: range, on: pool) {
                logged[minutes.userID, default: [:]][minutes.week] = minutes.billableMinutes + minutes.nonBillableMinutes
            }
        }
        return logged
    }
}

struct NudgePayload: Encodable {
    let userId: UserID
    let weekFrom: LocalDate
    let targetMinutes: Int64
    let loggedMinutes: Int64
    let waitingEntries: Int
    let waitingExpenses: Int
}
