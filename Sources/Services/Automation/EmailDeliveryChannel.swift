import Crypto
public import Domain
import Foundation
public import Postgres
import Storage

/// The e-mail channel of the outbox (issue 14 item 4): one attempt sends one delivery's
/// message to its target address through the sendmail interface. The message is built
/// from the delivery's ``EmailContent``; attachments are read when sending (the stored
/// PDF of record, the UBL rendered from what was frozen at issue), so every attempt
/// sends the same bytes. The Message-ID is made from the event and the address: a retry
/// after a lost answer carries the same one, for the receiver to deduplicate.
public struct EmailDeliveryChannel: DeliveryChannel {
    public let kind = DeliveryChannelKind.email
    let pool: PostgresPool
    let transport: SendmailTransport?
    let documents: InvoiceDocumentService
    let clock: any WallClock

    public init(pool: PostgresPool, transport: SendmailTransport?, clock: any WallClock) {
        self.pool = pool
        self.transport = transport
        self.documents = InvoiceDocumentService(pool: pool, clock: clock)
        self.clock = clock
    }

    public func deliver(_ delivery: ClaimedDelivery) async -> DeliveryResult {
        guard let transport else {
            return DeliveryResult(.retry, error: "no mail transport: set SHEAF_SENDMAIL or install a sendmail interface (msmtp, postfix)")
        }
        let message: EmailMessage
        do {
            message = try await Self.message(for: delivery, pool: pool, documents: documents, date: clock.now())
        } catch let error as DomainError {
            return DeliveryResult(.giveUp, error: "the message cannot be built: \(error.message)")
        } catch let error as AttachmentNotReady {
            return DeliveryResult(.retry, error: error.description)
        } catch {
            return DeliveryResult(.retry, error: "the message could not be built now: \(String(describing: error).prefix(300))")
        }
        do {
            try await transport.send(message)
            return DeliveryResult(.succeeded)
        } catch let error as MailTransportFailed {
            return DeliveryResult(.retry, error: String(error.message.prefix(1000)))
        } catch let error as DomainError {
            return DeliveryResult(.giveUp, error: error.message)
        } catch {
            return DeliveryResult(.retry, error: String(String(describing: error).prefix(1000)))
        }
    }

    /// The message of a delivery, attachments read now.
    static func message(for delivery: ClaimedDelivery, pool: PostgresPool, documents: InvoiceDocumentService, date: Date) async throws
        -> EmailMessage
    {
        guard let json = delivery.message else { throw DomainError.invalid(field: "message", message: "is missing") }
        let content = try SheafJSON.decoder.decode(EmailContent.self, from: Data(json.utf8))
        var attachments: [EmailAttachment] = []
        for attachment in content.attachments {
            switch attachment.kind {
            case .invoicePDF:
                guard let stored = try await InvoicePDFStore().find(attachment.invoiceID, on: pool) else {
                    throw AttachmentNotReady(description: "the PDF of invoice \(attachment.invoiceID) is not rendered yet")
                }
                attachments.append(EmailAttachment(filename: attachment.filename, contentType: "application/pdf", data: stored.pdf))
            case .invoiceUBL:
                guard let invoice = try await InvoiceStore().find(attachment.invoiceID, on: pool) else {
                    throw DomainError.notFound(entity: "invoice")
                }
                attachments.append(
                    EmailAttachment(filename: attachment.filename, contentType: "application/xml", data: try await documents.ublData(for: invoice, on: pool)))
            }
        }
        let digest = SHA256.hash(data: Data(delivery.target.lowercased().utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let domain = content.from.address.split(separator: "@").last.map(String.init) ?? "sheaf.invalid"
        return EmailMessage(
            from: content.from, to: [EmailMailbox(name: content.toName, address: delivery.target)], replyTo: content.replyTo,
            subject: content.subject, text: content.text, html: content.html, attachments: attachments,
            messageID: "\(delivery.event.id.description.lowercased()).\(digest)@\(domain)", date: date)
    }
}

/// An attachment the message needs is not there yet (a PDF still to render): try later.
struct AttachmentNotReady: Error, CustomStringConvertible {
    let description: String
}
