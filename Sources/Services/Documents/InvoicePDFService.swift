import Crypto
public import Domain
public import Foundation
public import Logging
public import Postgres
public import Storage

/// The PDF of record of an issued document (issue 13 item 3): rendered once — right
/// after issuing, or at the first download when the renderer was missing then — and
/// stored with its SHA-256, so every download is the same bytes and costs nothing.
/// The HTML comes from the API layer (the templates live there); the e-invoice to
/// embed from `ubl`.
public struct InvoicePDFService: Sendable {
    public typealias HTMLRendering = @Sendable (InvoiceDocumentData) throws -> String
    public typealias UBLRendering = @Sendable (Invoice, PostgresPool) async throws -> Data

    let pool: PostgresPool
    let invoices: InvoiceService
    let renderer: WeasyPrintRenderer?
    let ubl: UBLRendering?
    let logger: Logger
    let store = InvoicePDFStore()

    public init(pool: PostgresPool, invoices: InvoiceService, renderer: WeasyPrintRenderer?, ubl: UBLRendering?, logger: Logger) {
        self.pool = pool
        self.invoices = invoices
        self.renderer = renderer
        self.ubl = ubl
        self.logger = logger
    }

    /// The stored PDF of `id` for whoever may read the invoice, rendered now if none
    /// is stored yet. A draft has none (409); without a renderer and nothing stored,
    /// ``PDFRendererUnavailable``.
    public func pdf(_ id: InvoiceID, caller: Caller, html: HTMLRendering) async throws -> StoredPDF {
        let document = try await invoices.document(id, caller: caller)
        guard document.view.invoice.isIssued else {
            throw DomainError.conflict("A draft has no PDF; preview it with GET /invoices/{id}/document.")
        }
        if let stored = try await store.find(id, on: pool) { return stored }
        do {
            return try await renderAndStore(document, html: html)
        } catch let error as PDFRenderFailed {
            logger.error("invoice PDF rendering failed", metadata: ["invoice_id": "\(id)", "error": "\(error)"])
            throw error
        }
    }

    /// Renders and stores the PDF of a document just issued, when a renderer is there;
    /// a failure is logged, never raised: the invoice is issued either way, and the
    /// first download renders it again.
    public func renderOfRecord(_ id: InvoiceID, html: HTMLRendering) async {
        guard renderer != nil else { return }
        do {
            guard let invoice = try await invoices.stored(id), invoice.isIssued else { return }
            if try await store.find(id, on: pool) != nil { return }
            _ = try await renderAndStore(try await invoices.document(of: invoice, on: pool), html: html)
        } catch {
            logger.warning("invoice PDF not rendered at issue", metadata: ["invoice_id": "\(id)", "error": "\(error)"])
        }
    }

    private func renderAndStore(_ document: InvoiceDocumentData, html: HTMLRendering) async throws -> StoredPDF {
        guard let renderer else { throw PDFRendererUnavailable() }
        let invoice = document.view.invoice
        var attachment: (name: String, data: Data)?
        if let ubl {
            let number = invoice.issue?.number ?? invoice.id.description
            attachment = ("\(number).xml", try await ubl(invoice, pool))
        }
        let started = ContinuousClock.now
        let pdf = try await renderer.render(
            html: try html(document), attachment: attachment, identifier: invoice.id.description,
            modified: invoice.issue?.issuedAt ?? invoice.createdAt)
        let digest = SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined()
        logger.info(
            "invoice PDF rendered",
            metadata: ["invoice_id": "\(invoice.id)", "bytes": "\(pdf.count)", "duration": "\(ContinuousClock.now - started)"])
        let version = await renderer.version() ?? "weasyprint"
        try await store.storeIfAbsent(invoice.id, StoredPDF(pdf: pdf, sha256: digest, renderer: String(version.prefix(200))), on: pool)
        // Whoever stored first wins; serve what is stored.
        guard let stored = try await store.find(invoice.id, on: pool) else { throw DomainError.notFound(entity: "invoice") }
        return stored
    }
}
