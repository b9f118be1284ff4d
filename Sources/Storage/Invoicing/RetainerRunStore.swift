public import Domain
import Foundation
public import Postgres

/// `retainer_invoice_runs`: the one invoice run per retainer and period.
public struct RetainerRunStore: Sendable {
    public init() {}

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

    /// Every (project, period) that already has its run: a tick skips them without a transaction.
    public func done(on db: some PostgresQueryable) async throws -> Set<String> {
        Set(
            try await db.query("SELECT project_id, period_from FROM retainer_invoice_runs") { row in
                "\(try row.decode("project_id", as: ProjectID.self))/\(try row.decode("period_from", as: LocalDate.self))"
            })
    }
}
