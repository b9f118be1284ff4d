import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/users/{id}/rates`: effective-dated cost and billable rates (admin only).
struct UserRatesController {
    let rates: RateService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/users/{id}/rates", use: list)
        api.post("/users/{id}/rates", use: create)
        api.get("/users/{id}/rates/{rate_id}", use: get)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let userRates = try await rates.list(userID: try context.pathID(entity: "user"), caller: caller)
        return try JSONBody.response(["items": userRates.map(UserRateDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let userID: UserID = try context.pathID(entity: "user")
        let rate = try await rates.get(try context.pathID("rate_id", entity: "rate"), userID: userID, caller: caller)
        return try JSONBody.response(UserRateDTO(rate))
    }

    /// `{"kind": "cost"|"billable", "effective_from": "YYYY-MM-DD", "rate": "87.50", "currency": "EUR"}`;
    /// the rate is a decimal string (up to 4 decimals), the currency defaults to the agency's.
    struct CreateRequest: Decodable {
        let rate: NewUserRate

        enum CodingKeys: String, CodingKey {
            case kind, rate, currency, effectiveFrom
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            rate = NewUserRate(
                kind: try container.decodeChoice(UserRate.Kind.self, forKey: .kind),
                effectiveFrom: try container.decode(LocalDate.self, forKey: .effectiveFrom),
                rate: try container.decode(String.self, forKey: .rate),
                currency: try container.decodeIfPresent(String.self, forKey: .currency))
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let userID: UserID = try context.pathID(entity: "user")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let rate = try await rates.create(body.rate, userID: userID, caller: caller)
        return try JSONBody.created(UserRateDTO(rate), location: "/api/v1/users/\(userID)/rates/\(rate.id)")
    }
}
