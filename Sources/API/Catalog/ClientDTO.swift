import Domain
import Foundation

/// A client on the wire.
struct ClientDTO: Encodable, Sendable {
    let id: ClientID
    let name: String
    let billingAddress: String
    let vatID: String
    let currency: String
    let paymentTermsDays: Int
    let archived: Bool
    let version: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, currency, archived, version
        case billingAddress = "billing_address"
        case vatID = "vat_id"
        case paymentTermsDays = "payment_terms_days"
        case createdAt = "created_at"
    }

    init(_ client: Client) {
        id = client.id
        name = client.name
        billingAddress = client.billingAddress
        vatID = client.vatID
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
    let clientID: ClientID
    let name: String
    let email: String
    let phone: String
    let jobTitle: String
    let userID: UserID?
    let version: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, email, phone, version
        case clientID = "client_id"
        case jobTitle = "job_title"
        case userID = "user_id"
        case createdAt = "created_at"
    }

    init(_ contact: ClientContact) {
        id = contact.id
        clientID = contact.clientID
        name = contact.name
        email = contact.email
        phone = contact.phone
        jobTitle = contact.jobTitle
        userID = contact.userID
        version = contact.version
        createdAt = contact.createdAt
    }

    /// Writes `user_id` as null when the contact has no login, so every contact has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encode(phone, forKey: .phone)
        try container.encode(jobTitle, forKey: .jobTitle)
        try container.encode(userID, forKey: .userID)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
