import Domain
import Postgres
import Storage

/// The VAT a draft's lines get by default (issue 12 item 2): the client's VAT
/// treatment applied to the agency's standard rate, or to the item's own rate (a
/// task's, an expense category's, an expense's).
struct TaxRules: Sendable {
    let treatment: VATTreatment
    let settings: VATSettings

    func tax(_ ownRateBP: Int?) -> LineTax {
        treatment.lineTax(rateBP: ownRateBP ?? settings.standardRateBP)
    }
}

extension InvoiceService {
    func taxRules(client: ClientID, on db: some PostgresQueryable) async throws -> TaxRules {
        let buyer = try await BuyerPartyStore().load(client: client, on: db)
        return TaxRules(treatment: buyer.vatTreatment, settings: try await VATSettingsStore().load(on: db))
    }
}
