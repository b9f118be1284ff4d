public import Domain
import Foundation
import Logging
import Postgres
import Storage

/// E-mails the client progress summaries (issue 14 item 6): every morning it looks for
/// the projects whose summary is due — weekly ones on Mondays (the week before),
/// monthly ones on the 1st (the month before) — and queues one e-mail per contact of the
/// project's client, with the figures of ``ProjectSummaryService`` as the client sees
/// them. Each project's summary of a period is claimed once (`project_summaries`); in the
/// same transaction each pending validation gets a fresh signed link for the e-mail
/// (under `publicURL`), so a summary that is not sent mints none.
public struct ProjectSummaryJob: ScheduledJob {
    public let name = "project-summaries"
    public let schedule: JobSchedule
    let linkSecret: [UInt8]
    let publicURL: String

    public init(linkSecret: [UInt8], publicURL: String = "", schedule: JobSchedule = .every(.seconds(3600))) {
        self.linkSecret = linkSecret
        self.publicURL = publicURL
        self.schedule = schedule
    }

    public func run(_ context: JobContext) async throws {
        let today = LocalDate.of(context.clock.now())
        let store = SummaryStore()
        for frequency in [SummaryFrequency.weekly, .monthly] {
            guard let period = SummaryPeriod.due(frequency, on: today) else { continue }
            for (project, client) in try await store.subscribed(frequency, on: context.pool) {
                try await send(project, client: client, period: period, context: context)
            }
        }
    }

    func send(_ projectID: ProjectID, client clientID: ClientID, period: SummaryPeriod, context: JobContext) async throws {
        let now = context.clock.now()
        let service = ProjectSummaryService(pool: context.pool, clock: context.clock, linkSecret: linkSecret)
        let summary = try await service.summary(
            projectID, kind: period.kind, day: period.from, caller: ProjectSummaryService.clientView(clientID, at: now))
        try await context.pool.withTransaction { tx in
            guard let client = try await ClientStore().find(clientID, on: tx) else { return }
            let contacts = try await ContactStore().list(clientID: clientID, on: tx)
            let seller = try await SettingsStore().get(on: tx).seller
            let event = OutboxEvent(
                type: .projectSummarySent, occurredAt: now, subjectType: "project", subjectID: projectID.description,
                link: "/projects/\(projectID)/summary?period=\(period.kind.rawValue)&date=\(period.from)",
                payload: try SheafJSON.string(
                    SummarySentPayload(projectId: projectID, period: period.kind.rawValue, from: period.from, to: period.to,
                                       recipients: contacts.map { $0.email.lowercased() })))
            let from = try? InvoiceMailService.sender(seller)
            let recipients = from == nil ? [] : contacts.map { $0.email.lowercased() }
            guard try await SummaryStore().claim(
                project: projectID, period: period, recipients: recipients, eventID: event.id.uuid, at: now, on: tx)
            else { return }
            var deliveries: [NewDelivery] = []
            if let from {
                let tokens = try await ClientValidationService(pool: context.pool, clock: context.clock, linkSecret: linkSecret)
                    .freshLinks(for: summary.pendingValidations.map(\.id), on: tx)
                let links = tokens.mapValues { ClientValidationService.linkURL(publicURL, token: $0) }
                let subject = ProjectSummaryText.subject(summary, language: client.language, agency: from.name)
                for contact in contacts {
                    let text = ProjectSummaryText.body(
                        summary, recipient: contact.name, language: client.language, agency: from.name, links: links)
                    let content = EmailContent(
                        from: from, replyTo: from, toName: contact.name, subject: subject, text: text,
                        html: EmailContent.html(fromText: text, language: client.language), attachments: [])
                    deliveries.append(NewDelivery(channel: .email, target: contact.email.lowercased(), message: try SheafJSON.string(content)))
                }
            }
            try await OutboxStore().append(event, deliveries: deliveries, on: tx)
        }
    }
}

struct SummarySentPayload: Encodable {
    let projectId: ProjectID
    let period: String
    let from: LocalDate
    let to: LocalDate
    let recipients: [String]
}
