import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/settings/reminder-rules` and `/api/v1/settings/late-payment-rates` (issue 14
/// item 5): the reminder rules with their templates, and the late-payment interest rate
/// of each half-year. Admin only; a PUT replaces the whole list at the settings'
/// `If-Match` version (the same ETag as `GET /settings`) and is audited.
struct DunningSettingsController {
    let dunning: DunningSettingsService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/settings/reminder-rules", use: rules)
        api.put("/settings/reminder-rules", use: replaceRules)
        api.get("/settings/late-payment-rates", use: rates)
        api.put("/settings/late-payment-rates", use: replaceRates)
    }

    @Sendable func rules(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try Self.rulesResponse(try await dunning.get(caller: context.caller))
    }

    @Sendable func replaceRules(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(RulesRequest.self, from: request, context: context)
        return try Self.rulesResponse(try await dunning.replaceRules(body.rules, expectedVersion: version, caller: context.caller))
    }

    @Sendable func rates(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try Self.ratesResponse(try await dunning.get(caller: context.caller))
    }

    @Sendable func replaceRates(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(RatesRequest.self, from: request, context: context)
        return try Self.ratesResponse(try await dunning.replaceRates(body.rates, expectedVersion: version, caller: context.caller))
    }

    static func rulesResponse(_ settings: DunningSettings) throws -> Response {
        var response = try JSONBody.response(ReminderRulesDTO(settings))
        response.setVersion(settings.version)
        return response
    }

    static func ratesResponse(_ settings: DunningSettings) throws -> Response {
        var response = try JSONBody.response(LatePaymentRatesDTO(settings))
        response.setVersion(settings.version)
        return response
    }

    /// `{"rules": [{"offset_days", "formal_notice", "templates": {"en": {"subject", "body"}, …}}]}`.
    struct RulesRequest: Decodable {
        let rules: [ReminderRule]
        enum CodingKeys: String, CodingKey { case rules }

        struct Rule: Decodable {
            let rule: ReminderRule
            enum CodingKeys: String, CodingKey { case offsetDays, formalNotice, templates }

            init(from decoder: any Decoder) throws {
                let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
                let templates = try container.decode([String: Template].self, forKey: .templates)
                var byLanguage: [DocumentLanguage: ReminderTemplate] = [:]
                for (key, template) in templates {
                    guard let language = DocumentLanguage(rawValue: key) else {
                        throw DomainError.invalid(field: "templates.\(key)", message: "is not a language (en, fr, nl, de)")
                    }
                    byLanguage[language] = template.template
                }
                rule = ReminderRule(
                    offsetDays: try container.decodeWholeNumberChange(forKey: .offsetDays) ?? 0,
                    formalNotice: try container.decodeOptional(Bool.self, forKey: .formalNotice) ?? false, templates: byLanguage)
                if !container.contains(.offsetDays) { throw DomainError.invalid(field: "offset_days", message: "is required") }
            }
        }

        struct Template: Decodable {
            let template: ReminderTemplate
            enum CodingKeys: String, CodingKey { case subject, body }

            init(from decoder: any Decoder) throws {
                let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
                template = ReminderTemplate(
                    subject: try container.decode(String.self, forKey: .subject), body: try container.decode(String.self, forKey: .body))
            }
        }

        init(from decoder: any Decoder) throws {
            rules = try decoder.strictContainer(keyedBy: CodingKeys.self).decode([Rule].self, forKey: .rules).map(\.rule)
        }
    }

    /// `{"rates": [{"half_year": "2026-H1", "rate_bp": 1050}]}`.
    struct RatesRequest: Decodable {
        let rates: LatePaymentRates
        enum CodingKeys: String, CodingKey { case rates }

        struct Rate: Decodable {
            let rate: LatePaymentRate
            enum CodingKeys: String, CodingKey { case halfYear, rateBp }

            init(from decoder: any Decoder) throws {
                let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
                let text = try container.decode(String.self, forKey: .halfYear)
                guard let halfYear = HalfYear(text: text) else {
                    throw DomainError.invalid(field: "half_year", message: "must be a half-year such as 2026-H1 or 2026-H2")
                }
                guard let rateBP = try container.decodeWholeNumberChange(forKey: .rateBp) else {
                    throw DomainError.invalid(field: "rate_bp", message: "is required")
                }
                rate = LatePaymentRate(halfYear: halfYear, rateBP: rateBP)
            }
        }

        init(from decoder: any Decoder) throws {
            rates = LatePaymentRates(try decoder.strictContainer(keyedBy: CodingKeys.self).decode([Rate].self, forKey: .rates).map(\.rate))
        }
    }
}

struct ReminderRulesDTO: Encodable, Sendable {
    struct Rule: Encodable, Sendable {
        let offsetDays: Int
        let formalNotice: Bool
        let templates: [String: ReminderTemplate]
    }

    let rules: [Rule]
    let placeholders: [String]
    let version: Int

    init(_ settings: DunningSettings) {
        rules = settings.rules.map { rule in
            Rule(
                offsetDays: rule.offsetDays, formalNotice: rule.formalNotice,
                templates: Dictionary(uniqueKeysWithValues: rule.templates.map { ($0.key.rawValue, $0.value) }))
        }
        placeholders = ReminderTemplate.placeholders.sorted()
        version = settings.version
    }
}

struct LatePaymentRatesDTO: Encodable, Sendable {
    struct Rate: Encodable, Sendable {
        let halfYear: String
        let rateBp: Int
        /// "10.50".
        let ratePercent: String
    }

    let rates: [Rate]
    let compensation: MoneyDTO
    let version: Int

    init(_ settings: DunningSettings) {
        rates = settings.rates.rates.map {
            Rate(halfYear: $0.halfYear.description, rateBp: $0.rateBP, ratePercent: FixedPoint.format(Int64($0.rateBP), scale: 2))
        }
        compensation = MoneyDTO(Money(amountMinor: LateCharges.compensationMinor, currency: .eur))
        version = settings.version
    }
}
