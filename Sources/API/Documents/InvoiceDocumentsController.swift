import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import Services
import Storage

/// Invoice documents over HTTP (issue 13 items 1–3, 7): the printable HTML page and
/// the PDF of record of an invoice, deposit invoice or credit note. Same read rules
/// as `GET /invoices/{id}`: the admin, the leads of the projects it bills (drafts
/// too, as a DRAFT preview), a client's contacts for their client's issued documents.
struct InvoiceDocumentsController {
    let invoices: InvoiceService
    let pdfs: InvoicePDFService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/invoices/{id}/document", use: html)
        api.get("/invoices/{id}/document.pdf", use: pdf)
    }

    /// `default-src 'none'`: no script, image, font, frame or form; the styles are inline
    /// and the QR code is inline SVG, so nothing else is needed.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    @Sendable func html(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let document = try await invoices.document(try context.pathID(entity: "invoice"), caller: context.caller)
        var response = try HTMLPage.response(Self.template, view: InvoiceDocumentView(document))
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return response
    }

    @Sendable func pdf(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let stored = try await pdfs.pdf(id, caller: context.caller, html: Self.render)
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.cacheControl] = "private, no-cache"
        headers[.eTag] = "\"\(stored.sha256)\""
        headers[.contentDisposition] = "inline; filename=\"\(Self.fileName(id: id))\""
        headers[HTTPField.Name("Digest-SHA256")!] = stored.sha256
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.pdf)))
    }

    static let template = "invoice-document"

    /// The document's HTML, as the PDF renderer gets it.
    @Sendable static func render(_ document: InvoiceDocumentData) throws -> String {
        guard let html = HTMLPage.library.render(InvoiceDocumentView(document), withTemplate: template) else {
            throw MissingTemplate(name: template)
        }
        return html
    }

    static func fileName(id: InvoiceID) -> String {
        "invoice-\(id).pdf"
    }
}

extension PDFRendererUnavailable: ProblemConvertible {
    var problem: Problem {
        Problem(
            status: .serviceUnavailable, code: "pdf_renderer_unavailable",
            detail: "No PDF of this document is stored and the server has no PDF renderer: \(WeasyPrintRenderer.installHint), then ask again. The HTML document (GET /invoices/{id}/document) works without it.")
    }
}

extension PDFRenderFailed: ProblemConvertible {
    var problem: Problem {
        Problem(
            status: .serviceUnavailable, code: "pdf_render_failed",
            detail: "The PDF renderer failed and nothing was stored; try again later (the server log has the renderer's message).")
    }
}
