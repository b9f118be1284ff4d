import Domain
import Foundation
import Services

/// A client on the wire.
struct ClientDTO: Encodable, Sendable {
    let id: ClientID
    let name: String
    let billingAddress: String
    let vatId: String
    let currency: String
    let paymentTermsDays: Int
    let archived: Bool
    let version: Int
    let createdAt: Date

    init(_ client: Client) {
        id = client.id
        name = client.name
        billingAddress = client.billingAddress
        vatId = client.vatID
        currency = client.currency.code
        paymentTermsDays = client.paymentTermsDays
        archived = client.isArchived
        version = client.version
        createdAt = client.createdAt
    }
}

/// A contact of a client on the wire; `user_id` is the contact's login, or null.
struct ClientContactDTO: Encodable, Sendable {
    let id: ID<ClientContact>
    let clientId: ClientID
    let name: String
    let email: String
    let phone: String
    let jobTitle: String
    @Nullable var userId: UserID?
    let version: Int
    let createdAt: Date

    init(_ contact: ClientContact) {
        id = contact.id
        clientId = contact.clientID
        name = contact.name
        email = contact.email
        phone = contact.phone
        jobTitle = contact.jobTitle
        userId = contact.userID
        version = contact.version
        createdAt = contact.createdAt
    }
}
