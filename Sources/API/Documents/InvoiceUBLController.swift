import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `GET /invoices/{id}/ubl` (issue 13 item 4): the Peppol BIS Billing 3.0 UBL file of
/// an issued invoice, deposit invoice or credit note, under the invoice's read rules.
/// A draft answers 409: it has no number yet, so it is no e-invoice.
struct InvoiceUBLController {
    let documents: InvoiceDocumentService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/invoices/{id}/ubl", use: ubl)
    }

    @Sendable func ubl(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let data = try await documents.ubl(id, caller: context.caller)
        let headers: HTTPFields = [
            .contentType: "application/xml; charset=utf-8",
            .contentDisposition: #"inline; filename="\#(id).xml""#,
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
