import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/projects/{id}/retainer`: a project's retainer (at most one, whatever the
/// project's billing model) and its consumption period by period.
struct RetainersController {
    let retainers: RetainerService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/retainer", use: get)
        api.put("/projects/{id}/retainer", use: put)
        api.get("/projects/{id}/retainer/periods", use: periods)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let view = try await retainers.get(try context.pathID(entity: "project"), caller: caller)
        var response = try JSONBody.response(RetainerDTO(view))
        response.setVersion(view.retainer.version)
        return response
    }

    /// The whole retainer (a PUT replaces every field). The unused-time rule is flat:
    /// `"unused_rule": "forfeit"`, or `"rollover"` with `rollover_cap_minutes` and
    /// `rollover_expiry_periods`. Every missing required field is reported at once.
    struct PutRequest: Decodable {
        let input: RetainerInput

        enum CodingKeys: String, CodingKey, CaseIterable {
            case monthlyFee, includedMinutes, overageRate, overageRateEffectiveFrom, periodStartDay, startDate, endDate
            case unusedRule, rolloverCapMinutes, rolloverExpiryPeriods, alertThresholdPercent, renewalNotes, autoIssue
        }

        enum Rule: String, CaseIterable, Decodable {
            case forfeit, rollover
        }

        static let required: [CodingKeys] = [
            .monthlyFee, .includedMinutes, .overageRate, .periodStartDay, .startDate, .unusedRule, .alertThresholdPercent,
        ]

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            var missing = Self.required.filter { key in !container.contains(key) || ((try? container.decodeNil(forKey: key)) ?? false) }
            let rule = container.contains(.unusedRule) ? try container.decodeChoice(Rule.self, forKey: .unusedRule) : nil
            if rule == .rollover {
                missing += [.rolloverCapMinutes, .rolloverExpiryPeriods].filter { key in
                    !container.contains(key) || ((try? container.decodeNil(forKey: key)) ?? false)
                }
            }
            if !missing.isEmpty {
                throw DomainError.invalid(missing.map { FieldError(field: SheafJSON.wireName($0.stringValue), message: "is required") })
            }
            if rule == .forfeit {
                for key in [CodingKeys.rolloverCapMinutes, .rolloverExpiryPeriods] where container.contains(key) {
                    if try !container.decodeNil(forKey: key) {
                        throw DomainError.invalid(field: SheafJSON.wireName(key.stringValue), message: "is only for the rollover rule")
                    }
                }
            }
            guard let fee = try container.decodeAmount(forKey: .monthlyFee),
                let included = try container.decodeOptionalWholeNumber(forKey: .includedMinutes),
                let startDay = try container.decodeOptionalWholeNumber(forKey: .periodStartDay),
                let threshold = try container.decodeOptionalWholeNumber(forKey: .alertThresholdPercent)
            else { throw DomainError.invalid(field: "monthly_fee", message: "is required") }
            let unusedRule: RetainerTerms.UnusedRule
            if rule == .rollover {
                unusedRule = .rollover(
                    capMinutes: try container.decodeOptionalWholeNumber(forKey: .rolloverCapMinutes) ?? -1,
                    expiryPeriods: try container.decodeOptionalWholeNumber(forKey: .rolloverExpiryPeriods) ?? 0)
            } else {
                unusedRule = .forfeit
            }
            input = RetainerInput(
                monthlyFee: fee, includedMinutes: included, overageRate: try container.decodeDecimalText(forKey: .overageRate),
                overageRateEffectiveFrom: try container.decodeOptional(LocalDate.self, forKey: .overageRateEffectiveFrom),
                periodStartDay: startDay, startDate: try container.decode(LocalDate.self, forKey: .startDate),
                endDate: try container.decodeOptional(LocalDate.self, forKey: .endDate), unusedRule: unusedRule,
                alertThresholdPercent: threshold, renewalNotes: try container.decodeOptional(String.self, forKey: .renewalNotes) ?? "",
                autoIssue: try container.decodeOptional(Bool.self, forKey: .autoIssue) ?? false)
        }
    }

    /// `PUT /projects/{id}/retainer`: 201 when it creates the retainer (no `If-Match`),
    /// 200 when it replaces it (`If-Match` required: 428 without, 412 when stale).
    @Sendable func put(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let version = request.headers[.ifMatch] == nil ? nil : try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(PutRequest.self, from: request, context: context)
        let result: (view: RetainerView, created: Bool)
        do {
            result = try await retainers.put(projectID, body.input, expectedVersion: version, caller: caller)
        } catch is RetainerIfMatchRequired {
            throw PreconditionRequired()
        }
        let dto = RetainerDTO(result.view)
        if result.created {
            return try JSONBody.created(dto, location: "/api/v1/projects/\(projectID)/retainer", version: result.view.retainer.version)
        }
        var response = try JSONBody.response(dto)
        response.setVersion(result.view.retainer.version)
        return response
    }

    /// `GET /projects/{id}/retainer/periods?through=YYYY-MM-DD` (default: today).
    @Sendable func periods(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        var query = QueryReader(request)
        let through = query.calendarDate("through")
        try query.throwIfInvalid()
        let view = try await retainers.periods(projectID, through: through, caller: caller)
        return try JSONBody.response(RetainerPeriodsDTO(view: view))
    }
}
