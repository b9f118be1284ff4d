import Domain
import Foundation
import Postgres

/// Row ↔ party mapping shared by `agency_settings` and `clients`: the structured address
/// is five columns (all of street, city, postal code and country, or none), the
/// electronic address two (`endpoint_scheme`, `endpoint_id`).
enum PartyColumns {
    static func address(_ row: PostgresRow) throws -> PostalAddress? {
        guard let street: String = try row.decode("street") else { return nil }
        return PostalAddress(
            street: street, additionalLine: try row.decode("additional_line"), city: try row.decode("city") ?? "",
            postalCode: try row.decode("postal_code") ?? "", country: try row.decode("country") ?? "")
    }

    static func electronicAddress(_ row: PostgresRow) throws -> ElectronicAddress? {
        guard let scheme: String = try row.decode("endpoint_scheme") else { return nil }
        return ElectronicAddress(scheme: scheme, identifier: try row.decode("endpoint_id") ?? "")
    }

    static func seller(_ row: PostgresRow, legalName: String) throws -> SellerParty {
        SellerParty(
            legalName: legalName, tradingName: try row.decode("trading_name"), legalForm: try row.decode("legal_form"),
            registerMention: try row.decode("register_mention"), address: try address(row), vatNumber: try row.decode("vat_number"),
            companyNumber: try row.decode("company_number"), email: try row.decode("email"), iban: try row.decode("iban"),
            bic: try row.decode("bic"), electronicAddress: try electronicAddress(row))
    }

    /// The client's VAT treatment from `vat_treatment` and its exemption columns.
    static func vatTreatment(_ row: PostgresRow) throws -> VATTreatment {
        let kind: String = try row.decode("vat_treatment")
        switch kind {
        case "reverse_charge": return .reverseCharge
        case "export": return .export
        case "outside_scope": return .outsideScope
        case "exempt":
            return .exempt(code: try row.decode("vat_exemption_code") ?? "", reason: try row.decode("vat_exemption_reason") ?? "")
        default: return .domestic
        }
    }

    /// `{"travel": 600}` (the jsonb column read as text) as a map; unknown categories are skipped.
    static func expenseRates(_ json: String) throws -> [ExpenseCategory: Int] {
        let raw = try JSONDecoder().decode([String: Int].self, from: Data(json.utf8))
        var rates: [ExpenseCategory: Int] = [:]
        for (key, rate) in raw {
            if let category = ExpenseCategory(rawValue: key) { rates[category] = rate }
        }
        return rates
    }

    static func expenseRatesJSON(_ rates: [ExpenseCategory: Int]) throws -> String {
        let raw = Dictionary(uniqueKeysWithValues: rates.map { ($0.key.rawValue, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(raw), as: UTF8.self)
    }
}
