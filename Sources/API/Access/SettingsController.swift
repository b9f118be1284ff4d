import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/settings`: the agency's details and invoicing defaults (staff read; admin changes).
struct SettingsController {
    let settings: SettingsService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/settings", use: get)
        api.patch("/settings", use: update)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let current = try await settings.get(caller: caller)
        var response = try JSONBody.response(SettingsDTO(current))
        response.setVersion(current.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: SettingsChanges

        enum CodingKeys: String, CodingKey {
            case address, legalName, vatId, defaultCurrency, paymentTermsDays, invoiceNumberFormat, defaultVatRateBp
            case reminderOffsetsDays, allowSelfApproval, maxDaysAhead, seller, vatRatesBp, expenseVatRatesBp
            case creditNoteNumberFormat, retainerInvoiceDay
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            changes = SettingsChanges(
                legalName: try container.decodeChange(String.self, forKey: .legalName),
                address: try container.decodeChange(String.self, forKey: .address),
                vatID: try container.decodeChange(String.self, forKey: .vatId),
                defaultCurrency: try container.decodeChange(String.self, forKey: .defaultCurrency),
                paymentTermsDays: try container.decodeWholeNumberChange(forKey: .paymentTermsDays),
                invoiceNumberFormat: try container.decodeChange(String.self, forKey: .invoiceNumberFormat),
                defaultVATRateBasisPoints: try container.decodeWholeNumberChange(forKey: .defaultVatRateBp),
                reminderOffsetsDays: try container.decodeWholeNumbersChange(forKey: .reminderOffsetsDays),
                allowSelfApproval: try container.decodeChange(Bool.self, forKey: .allowSelfApproval),
                maxDaysAhead: try container.decodeWholeNumberChange(forKey: .maxDaysAhead),
                seller: try container.decodeChange(SellerWire.self, forKey: .seller)?.changes,
                vatRatesBP: try container.decodeWholeNumbersChange(forKey: .vatRatesBp),
                expenseVATRatesBP: try Self.expenseRates(container),
                creditNoteNumberFormat: try container.decodeChange(String.self, forKey: .creditNoteNumberFormat),
                retainerInvoiceDay: try container.decodeWholeNumberChange(forKey: .retainerInvoiceDay))
        }

        /// The map's keys are category names as sent: the decoder turned `software_licence`
        /// into a property name, which ``SheafJSON/wireName(_:)`` turns back.
        /// Values are read as decimals first, so a number too large for a rate is a 422
        /// naming its key rather than a body the decoder cannot read.
        static func expenseRates(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [String: Int]? {
            guard let rates = try container.decodeChange([String: Decimal].self, forKey: .expenseVatRatesBp) else { return nil }
            var result: [String: Int] = [:]
            for (key, value) in rates {
                let name = SheafJSON.wireName(key)
                guard value >= 0, value <= 10_000, let whole = Int(exactly: NSDecimalNumber(decimal: value).int64Value),
                    Decimal(whole) == value
                else {
                    throw DomainError.invalid(field: "expense_vat_rates_bp.\(name)", message: "must be a whole number of basis points from 0 to 10000")
                }
                result[name] = whole
            }
            return result
        }
    }

    /// `PATCH /settings` with `If-Match`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let updated = try await settings.update(body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(SettingsDTO(updated))
        response.setVersion(updated.version)
        return response
    }
}
