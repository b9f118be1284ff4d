import Domain
import Foundation
import Postgres
import Storage

/// One reminder as it leaves: the e-mail to each billing contact (from the rule's
/// template in the client's language, with the late-payment terms when the rule is a
/// formal notice to a business client) and the `reminder.due` payload.
struct ReminderLetter {
    let reminderID: InvoiceReminderID
    let deliveries: [NewDelivery]
    let payload: ReminderDuePayload

    static func make(
        invoice: Invoice, issue: IssuedFacts, dueDate: LocalDate, balanceMinor: Int64, rule: ReminderRule, today: LocalDate,
        on tx: PostgresTransaction
    ) async throws -> ReminderLetter {
        guard let client = try await ClientStore().find(invoice.clientID, on: tx) else { throw DomainError.notFound(entity: "client") }
        let seller = try await SettingsStore().get(on: tx).seller
        let contacts = try await ContactStore().billingContacts(clientID: client.id, on: tx)
        let language = client.language
        let amount = "\(Money(amountMinor: balanceMinor, currency: invoice.currency).decimalString) \(invoice.currency.code)"
        let isBusiness = client.vatNumber != nil || client.companyNumber != nil
        var terms: String?
        if rule.formalNotice, isBusiness {
            let rate = try await ReminderSettingsStore().rates(on: tx).rateBP(for: HalfYear(containing: today))
            terms = LatePaymentTerms.paragraph(language: language, dueDate: dueDate, rateBP: rate)
        }
        let reminderID = InvoiceReminderID.random()
        var deliveries: [NewDelivery] = []
        // Without a sender address the reminder still goes out as a webhook event.
        if let from = try? InvoiceMailService.sender(seller) {
            let template = rule.template(for: language)
            for contact in contacts {
                let values = [
                    "client_name": contact.name, "invoice_number": issue.number, "issue_date": issue.issueDate.description,
                    "due_date": dueDate.description, "amount_due": amount,
                    "payment_reference": issue.structuredCommunication?.description ?? issue.number,
                    "days": String(abs(rule.offsetDays)), "agency_name": from.name,
                ]
                var text = ReminderTemplate.fill(template.body, with: values)
                if let terms { text += "\n\n" + terms }
                let content = EmailContent(
                    from: from, replyTo: from, toName: contact.name, subject: ReminderTemplate.fill(template.subject, with: values), text: text,
                    html: EmailContent.html(fromText: text, language: language), attachments: [])
                deliveries.append(NewDelivery(channel: .email, target: contact.email.lowercased(), message: try SheafJSON.string(content)))
            }
        }
        let payload = ReminderDuePayload(
            reminderId: reminderID, invoiceId: invoice.id, invoiceNumber: issue.number, clientId: client.id, offsetDays: rule.offsetDays,
            scheduledOn: try dueDate.adding(days: rule.offsetDays), dueDate: dueDate, formalNotice: rule.formalNotice,
            latePaymentTermsStated: terms != nil,
            amountDue: ReminderDuePayload.Amount(amountMinor: balanceMinor, currency: invoice.currency.code),
            paymentReference: issue.structuredCommunication?.description, recipients: deliveries.map(\.target))
        return ReminderLetter(reminderID: reminderID, deliveries: deliveries, payload: payload)
    }
}

/// What a `reminder.due` receiver gets: enough to chase the invoice without calling back.
struct ReminderDuePayload: Encodable {
    struct Amount: Encodable {
        let amountMinor: Int64
        let currency: String
    }

    let reminderId: InvoiceReminderID
    let invoiceId: InvoiceID
    let invoiceNumber: String
    let clientId: ClientID
    let offsetDays: Int
    let scheduledOn: LocalDate
    let dueDate: LocalDate
    let formalNotice: Bool
    let latePaymentTermsStated: Bool
    let amountDue: Amount
    let paymentReference: String?
    let recipients: [String]
}
