import Domain
import Foundation
import Services

/// A client on the wire: its audit snapshot, its version and creation time.
typealias ClientDTO = SnapshotDTO<ClientSnapshot>

extension SnapshotDTO where Snapshot == ClientSnapshot {
    init(_ client: Client) {
        self.init(snapshot: ClientSnapshot(client), version: client.version, createdAt: client.createdAt)
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
    let receivesInvoices: Bool
    let version: Int
    let createdAt: Date

    init(_ contact: ClientContact) {
        receivesInvoices = contact.receivesInvoices
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
