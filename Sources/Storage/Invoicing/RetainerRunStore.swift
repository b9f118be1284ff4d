public import Domain
import Foundation
public import Postgres

/// `retainer_invoice_runs`: the one invoice run per retainer and period.
public struct RetainerRunStore: Sendable {
    public init() {}

    /// The day of the month retainer invoices are made (1–15, settings).
    public func invoiceDay(on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne("SELECT retainer_invoice_day FROM agency_settings WHERE id = 1").decode("retainer_invoice_day")
    }

    /// Claims the run of `period`: false when another run (another instance, an earlier
    /// tick) already has it. A concurrent claim waits on the first one's transaction and
    /// then sees its row, so exactly one wins.
    public func claim(project: ProjectID, periodFrom: LocalDate, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO retainer_invoice_runs (project_id, period_from) VALUES (\(project), \(periodFrom))
            ON CONFLICT (project_id, period_from) DO NOTHING
            """) == 1
    }

    public func record(project: ProjectID, periodFrom: LocalDate, invoice: InvoiceID, on tx: PostgresTransaction) async throws {
        try await tx.execute(
            "UPDATE retainer_invoice_runs SET invoice_id = \(invoice) WHERE project_id = \(project) AND period_from = \(periodFrom)")
    }

    /// Whether the retainer issues its invoices directly (else they stay drafts).
    public func autoIssue(project: ProjectID, on db: some PostgresQueryable) async throws -> Bool {
        try await db.queryOne("SELECT auto_issue FROM retainers WHERE project_id = \(project)").decode("auto_issue")
    }
}
