import Domain
import Postgres
import Storage

/// The VAT a draft's lines get by default (issue 12 item 2): the client's treatment at
/// the agency's standard rate, or at the item's own rate (a task's, an expense's).
struct TaxRules: Sendable {
    let standardRateBP: Int

    func tax(_ ownRateBP: Int?) -> LineTax {
        .standard(ownRateBP ?? standardRateBP)
    }
}

extension InvoiceService {
    func taxRules(client: ClientID, on db: some PostgresQueryable) async throws -> TaxRules {
        TaxRules(standardRateBP: try await settings.get(on: db).defaultVATRateBasisPoints)
    }
}
