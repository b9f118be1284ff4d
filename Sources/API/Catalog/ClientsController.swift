import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/clients`: clients (staff read all, a client contact only their own; the
/// admin and managers create; the admin or a lead of a team working for the client
/// changes it). Contacts: ``ClientContactsController``.
struct ClientsController {
    let clients: ClientService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/clients", use: list)
        api.post("/clients", use: create)
        api.get("/clients/{id}", use: get)
        api.patch("/clients/{id}", use: update)
    }

    /// `GET /clients?archived=&limit=&cursor=`, ordered by name.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = ClientQuery()
        filter.archived = query.bool("archived")
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 2, let id = ClientID(uuidString: key[1]) { filter.after = (key[0], id) } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await clients.list(filter, caller: caller)
        return try JSONBody.response(Page(fetched: fetched.map(ClientDTO.init), limit: page.limit) { [$0.snapshot.name.lowercased(), $0.snapshot.id.description] })
    }

    /// `{"name", "billing_address", "vat_id", "currency", "payment_terms_days", "address",
    /// "vat_number", "company_number", "electronic_address", "buyer_reference", "language",
    /// "vat_treatment"}`: only the name is required; the currency and terms default to the
    /// agency's, the language to `en`, the treatment to `domestic`.
    struct CreateRequest: Decodable {
        let client: NewClient

        enum CodingKeys: String, CodingKey {
            case name, currency, billingAddress, vatId, paymentTermsDays
            case address, vatNumber, companyNumber, electronicAddress, buyerReference, language, vatTreatment
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            client = NewClient(
                name: try container.decode(String.self, forKey: .name),
                billingAddress: try container.decodeOptional(String.self, forKey: .billingAddress),
                vatID: try container.decodeOptional(String.self, forKey: .vatId),
                currency: try container.decodeOptional(String.self, forKey: .currency),
                paymentTermsDays: try container.decodeOptionalWholeNumber(forKey: .paymentTermsDays),
                party: try container.decodeBuyerChanges(
                    address: .address, vatNumber: .vatNumber, companyNumber: .companyNumber, electronicAddress: .electronicAddress,
                    buyerReference: .buyerReference, language: .language, vatTreatment: .vatTreatment))
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let client = try await clients.create(body.client, caller: caller)
        return try JSONBody.created(ClientDTO(client), location: "/api/v1/clients/\(client.id)", version: client.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let client = try await clients.get(try context.pathID(entity: "client"), caller: caller)
        var response = try JSONBody.response(ClientDTO(client))
        response.setVersion(client.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: ClientChanges

        enum CodingKeys: String, CodingKey {
            case name, currency, archived, billingAddress, vatId, paymentTermsDays
            case address, vatNumber, companyNumber, electronicAddress, buyerReference, language, vatTreatment
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            changes = ClientChanges(
                name: try container.decodeChange(String.self, forKey: .name),
                billingAddress: try container.decodeChange(String.self, forKey: .billingAddress),
                vatID: try container.decodeChange(String.self, forKey: .vatId),
                currency: try container.decodeChange(String.self, forKey: .currency),
                paymentTermsDays: try container.decodeWholeNumberChange(forKey: .paymentTermsDays),
                isArchived: try container.decodeChange(Bool.self, forKey: .archived),
                party: try container.decodeBuyerChanges(
                    address: .address, vatNumber: .vatNumber, companyNumber: .companyNumber, electronicAddress: .electronicAddress,
                    buyerReference: .buyerReference, language: .language, vatTreatment: .vatTreatment))
        }
    }

    /// `PATCH /clients/{id}` with `If-Match`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ClientID = try context.pathID(entity: "client")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let client = try await clients.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(ClientDTO(client))
        response.setVersion(client.version)
        return response
    }
}
