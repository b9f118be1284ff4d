public import Domain
import Foundation
import Postgres
import Storage

/// What a caller gives to add a contact to a client. With `createAccount`, the contact
/// also gets a `client` login with `password` (same rules as any account).
public struct NewContact: Sendable {
    public var name: String
    public var email: String
    public var phone: String?
    public var jobTitle: String?
    public var createAccount: Bool
    public var password: String?
    public var timeZone: String?
    /// A billing contact (see ``ClientContact/receivesInvoices``).
    public var receivesInvoices: Bool

    public init(
        name: String, email: String, phone: String? = nil, jobTitle: String? = nil, createAccount: Bool = false, password: String? = nil,
        timeZone: String? = nil, receivesInvoices: Bool = false
    ) {
        self.receivesInvoices = receivesInvoices
        self.name = name
        self.email = email
        self.phone = phone
        self.jobTitle = jobTitle
        self.createAccount = createAccount
        self.password = password
        self.timeZone = timeZone
    }
}

extension ClientService {
    /// The contacts of a client (staff, and the client's own contacts).
    public func contacts(of clientID: ClientID, caller: Caller) async throws -> [ClientContact] {
        try await requireScope(clientID, .read, caller: caller)
        return try await contacts.list(clientID: clientID, on: pool)
    }

    public func contact(_ id: ID<ClientContact>, of clientID: ClientID, caller: Caller) async throws -> ClientContact {
        try await requireScope(clientID, .read, caller: caller)
        guard let contact = try await contacts.find(id, clientID: clientID, on: pool) else { throw DomainError.notFound(entity: "contact") }
        return contact
    }

    /// Adds a contact to a client (whoever may manage the client). Giving the contact a
    /// login is creating a user, which only the admin may do; the account and the
    /// contact are written in one transaction, so neither exists without the other.
    public func createContact(_ new: NewContact, of clientID: ClientID, caller: Caller) async throws -> ClientContact {
        try await requireScope(clientID, .manageClients, caller: caller)
        if new.createAccount { try Policy.require(caller.actor, .manageUsers, .agency) }
        var contact = ClientContact(
            id: .random(), clientID: clientID, name: CatalogText.trimmed(new.name), email: CatalogText.trimmed(new.email),
            phone: CatalogText.trimmed(new.phone ?? ""), jobTitle: CatalogText.trimmed(new.jobTitle ?? ""), userID: nil, version: 1,
            createdAt: clock.now(), receivesInvoices: new.receivesInvoices)
        var validation = Validation()
        validation.add(contentsOf: contact.problems)
        let account = NewUser(
            email: new.email, name: new.name, role: .client, password: new.password ?? "", clientID: clientID, timeZone: new.timeZone)
        if new.createAccount {
            validation.require(new.password != nil, field: "password", message: "is required to create an account")
            // The contact's own checks already named its email and name.
            let reported = Set(validation.errors.map(\.field))
            validation.add(contentsOf: UserService.problems(of: account).filter { !reported.contains($0.field) })
        } else {
            validation.require(new.password == nil, field: "password", message: "is only used with \"create_account\": true")
            validation.require(new.timeZone == nil, field: "time_zone", message: "is only used with \"create_account\": true")
        }
        try validation.throwIfInvalid()

        let prepared = new.createAccount ? try await accounts.prepareAccount(account) : nil
        contact.userID = prepared?.user.id
        try await pool.withTransaction { tx in
            if let prepared { try await accounts.insertAccount(prepared, actor: caller.user.id, origin: caller.origin, on: tx) }
            try await contacts.insert(contact, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .clientContactCreated, subjectType: .clientContact, subjectID: contact.id.description,
                    after: try AuditJSON.contact(contact)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
        return contact
    }
}
