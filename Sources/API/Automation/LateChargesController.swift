import Domain
import Foundation
import Hummingbird
import Services

/// `POST /api/v1/invoices/{id}/late-charges` (issue 14 item 5, admin): issues the
/// late-payment interest and the fixed 40.00 EUR compensation of an overdue invoice as
/// a separate invoice, each line stating its arithmetic. Answers 201 with the new
/// invoice; the overdue one never changes.
struct LateChargesController {
    let invoices: InvoiceService
    let pdfs: InvoicePDFService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/invoices/{id}/late-charges", use: issue)
    }

    /// `{"as_of": "YYYY-MM-DD"}` (the last day of interest, default today), or no body.
    struct LateChargesRequest: Decodable {
        let asOf: LocalDate?
        enum CodingKeys: String, CodingKey { case asOf }

        init(from decoder: any Decoder) throws {
            asOf = try decoder.strictContainer(keyedBy: CodingKeys.self).decodeOptional(LocalDate.self, forKey: .asOf)
        }
    }

    @Sendable func issue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let body = try await OptionalJSONBody.decode(LateChargesRequest.self, from: request, context: context)
        let result = try await invoices.issueLateCharges(for: id, asOf: body?.asOf, caller: context.caller)
        await pdfs.renderOfRecord(result.invoice.invoice.id, html: InvoiceDocumentsController.render)
        let view = result.invoice
        return try JSONBody.created(InvoiceDTO(view), location: "/api/v1/invoices/\(view.invoice.id)", version: view.invoice.version)
    }
}
