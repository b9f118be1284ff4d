public import Domain
public import Foundation
public import Postgres

/// A stored PDF of an issued document, as rendered once (issue 13 item 3).
public struct StoredPDF: Sendable, Hashable {
    public let pdf: Data
    public let sha256: String
    public let renderer: String

    public init(pdf: Data, sha256: String, renderer: String) {
        self.pdf = pdf
        self.sha256 = sha256
        self.renderer = renderer
    }
}

/// `invoice_pdfs`: written once per issued document, never changed.
public struct InvoicePDFStore: Sendable {
    public init() {}

    public func find(_ id: InvoiceID, on db: some PostgresQueryable) async throws -> StoredPDF? {
        guard let row = try await db.queryOptional("SELECT pdf, sha256, renderer FROM invoice_pdfs WHERE invoice_id = \(id)") else {
            return nil
        }
        return StoredPDF(pdf: try row.decode("pdf"), sha256: try row.decode("sha256"), renderer: try row.decode("renderer"))
    }

    /// Stores `pdf` unless one is stored already (two first downloads may race: the
    /// first one stored wins, and both callers then serve that one).
    public func storeIfAbsent(_ id: InvoiceID, _ pdf: StoredPDF, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO invoice_pdfs (invoice_id, pdf, sha256, renderer) VALUES (\(id), \(pdf.pdf), \(pdf.sha256), \(pdf.renderer))
            ON CONFLICT (invoice_id) DO NOTHING
            """)
    }
}
