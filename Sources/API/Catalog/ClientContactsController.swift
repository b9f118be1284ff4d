import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/clients/{id}/contacts`: the people at a client (read by staff and the
/// client's own contacts; added by whoever manages the client). A contact can be given
/// a `client` login at once (admin only).
struct ClientContactsController {
    let clients: ClientService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/clients/{id}/contacts", use: list)
        api.post("/clients/{id}/contacts", use: create)
        api.get("/clients/{id}/contacts/{contact_id}", use: get)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let contacts = try await clients.contacts(of: try context.pathID(entity: "client"), caller: caller)
        return try JSONBody.response(["items": contacts.map(ClientContactDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let clientID: ClientID = try context.pathID(entity: "client")
        let contact = try await clients.contact(try context.pathID("contact_id", entity: "contact"), of: clientID, caller: caller)
        var response = try JSONBody.response(ClientContactDTO(contact))
        response.setVersion(contact.version)
        return response
    }

    /// `{"name", "email", "phone", "job_title"}`, plus `"create_account": true` with a
    /// `"password"` (and optionally `"time_zone"`) to give the contact a login.
    struct CreateRequest: Decodable {
        let contact: NewContact

        enum CodingKeys: String, CodingKey {
            case name, email, phone, password, jobTitle, createAccount, timeZone, receivesInvoices
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            contact = NewContact(
                name: try container.decode(String.self, forKey: .name),
                email: try container.decode(String.self, forKey: .email),
                phone: try container.decodeOptional(String.self, forKey: .phone),
                jobTitle: try container.decodeOptional(String.self, forKey: .jobTitle),
                createAccount: try container.decodeOptional(Bool.self, forKey: .createAccount) ?? false,
                password: try container.decodeOptional(String.self, forKey: .password),
                timeZone: try container.decodeOptional(String.self, forKey: .timeZone),
                receivesInvoices: try container.decodeOptional(Bool.self, forKey: .receivesInvoices) ?? false)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let clientID: ClientID = try context.pathID(entity: "client")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let contact = try await clients.createContact(body.contact, of: clientID, caller: caller)
        return try JSONBody.created(
            ClientContactDTO(contact), location: "/api/v1/clients/\(clientID)/contacts/\(contact.id)", version: contact.version)
    }
}
