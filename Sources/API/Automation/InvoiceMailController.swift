import Domain
import Foundation
import Hummingbird
import Services

/// `POST /api/v1/invoices/{id}/send` (issue 14 item 4, admin): e-mails an issued
/// document to the client's billing contacts with its PDF of record and its UBL
/// attached. The PDF is rendered first if it was not yet (503 without a renderer);
/// the e-mails are then queued in the outbox and sent by the dispatcher: 202.
struct InvoiceMailController {
    let mail: InvoiceMailService
    let pdfs: InvoicePDFService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/invoices/{id}/send", use: send)
    }

    /// The route takes no fields: an empty object or no body.
    struct NoFields: Decodable {
        /// Names no key: every key sent is refused.
        struct NoKey: CodingKey {
            var stringValue: String { "" }
            var intValue: Int? { nil }
            init?(stringValue: String) { nil }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws { try decoder.rejectUnknownKeys(NoKey.self) }
    }

    struct QueuedDTO: Encodable, Sendable {
        let invoiceId: InvoiceID
        let eventId: String
        let status: String
        let recipients: [String]
    }

    @Sendable func send(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        _ = try await OptionalJSONBody.decode(NoFields.self, from: request, context: context)
        // The admin check first: only then may the PDF be rendered on their behalf.
        try mail.authorize(caller: context.caller)
        _ = try await pdfs.pdf(id, caller: context.caller, html: InvoiceDocumentsController.render)
        let queued = try await mail.send(id, caller: context.caller)
        return try JSONBody.response(
            QueuedDTO(invoiceId: queued.invoiceID, eventId: queued.eventID.description, status: "queued", recipients: queued.recipients),
            status: .accepted)
    }
}
