public import Domain
import Foundation
public import Postgres
import Storage

/// An invoice queued for e-mail: the outbox event and who will receive it.
public struct QueuedInvoiceEmail: Sendable {
    public let invoiceID: InvoiceID
    public let eventID: OutboxEventID
    public let recipients: [String]
}

/// `POST /invoices/{id}/send` (issue 14 item 4): e-mails an issued document to the
/// client's billing contacts, with its PDF of record and its UBL attached. Nothing is
/// sent in the request: one `invoice.sent` outbox event is appended with one e-mail
/// delivery per contact, in the same transaction as the audit event; the dispatcher
/// sends them with the retries and record of every delivery.
public struct InvoiceMailService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let invoices = InvoiceStore()
    let contacts = ContactStore()
    let clients = ClientStore()
    let settings = SettingsStore()
    let outbox = OutboxStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// The sender of the agency's e-mails: its trading (or legal) name and e-mail address.
    static func sender(_ seller: SellerParty) throws(DomainError) -> EmailMailbox {
        guard let address = seller.email, EmailAddress.isValid(address) else {
            throw DomainError.conflict("The agency has no e-mail address to send from: set seller.email in the settings.")
        }
        return EmailMailbox(name: seller.tradingName ?? seller.legalName, address: address)
    }

    /// Only the admin sends invoices.
    public func authorize(caller: Caller) throws(DomainError) {
        try Policy.require(caller.actor, .issueInvoice, .agency)
    }

    public func send(_ id: InvoiceID, caller: Caller) async throws -> QueuedInvoiceEmail {
        try authorize(caller: caller)
        return try await pool.withTransaction { tx in
            guard let invoice = try await invoices.find(id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
            guard invoice.isIssued, let issue = invoice.issue else {
                throw DomainError.conflict("A draft is not sent: issue it first.")
            }
            guard let client = try await clients.find(invoice.clientID, on: tx) else { throw DomainError.notFound(entity: "client") }
            let recipients = try await contacts.billingContacts(clientID: client.id, on: tx)
            guard !recipients.isEmpty else {
                throw DomainError.conflict(
                    "The client has no billing contact: add a contact with \"receives_invoices\": true to send it invoices.")
            }
            let seller = try await settings.get(on: tx).seller
            let from = try Self.sender(seller)
            let language = client.language
            let facts = InvoiceEmailText.Facts(
                number: issue.number, issueDate: issue.issueDate, dueDate: invoice.dueDate,
                amount: "\(Money(amountMinor: issue.totals.payableMinor, currency: invoice.currency).decimalString) \(invoice.currency.code)",
                paymentReference: issue.structuredCommunication?.description, agencyName: from.name,
                isCreditNote: invoice.kind == .creditNote)
            let attachments = [
                EmailContent.Attachment(kind: .invoicePDF, invoiceID: id, filename: "\(Self.fileName(issue.number)).pdf"),
                EmailContent.Attachment(kind: .invoiceUBL, invoiceID: id, filename: "\(Self.fileName(issue.number)).xml"),
            ]
            var deliveries: [NewDelivery] = []
            for contact in recipients {
                let text = InvoiceEmailText.body(facts, recipient: contact.name, language: language)
                let content = EmailContent(
                    from: from, replyTo: from, toName: contact.name, subject: InvoiceEmailText.subject(facts, language: language), text: text,
                    html: EmailContent.html(fromText: text, language: language), attachments: attachments)
                deliveries.append(NewDelivery(channel: .email, target: contact.email.lowercased(), message: try SheafJSON.string(content)))
            }
            let addresses = recipients.map { $0.email.lowercased() }
            let event = OutboxEvent(
                type: .invoiceSent, occurredAt: clock.now(), subjectType: "invoice", subjectID: id.description, link: "/invoices/\(id)",
                payload: try SheafJSON.string(
                    InvoiceSentPayload(
                        invoiceId: id, number: issue.number, clientId: client.id, recipients: addresses,
                        payable: InvoiceSentPayload.Amount(amountMinor: issue.totals.payableMinor, currency: invoice.currency.code))))
            try await outbox.append(event, deliveries: deliveries, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .invoiceSent, subjectType: .invoice, subjectID: id.description,
                    after: try SheafJSON.string(["event_id": event.id.description, "recipients": addresses.joined(separator: ", ")])),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return QueuedInvoiceEmail(invoiceID: id, eventID: event.id, recipients: addresses)
        }
    }

    /// A number as a file name (`2026-0001`): letters, digits, `-`, `_` and `.` kept.
    static func fileName(_ number: String) -> String {
        String(number.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }
}

/// The `invoice.sent` event's payload.
struct InvoiceSentPayload: Encodable {
    struct Amount: Encodable {
        let amountMinor: Int64
        let currency: String
    }

    let invoiceId: InvoiceID
    let number: String
    let clientId: ClientID
    let recipients: [String]
    let payable: Amount
}
