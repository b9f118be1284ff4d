public import Domain
import Foundation
public import Postgres
import Storage

/// What a caller gives to create a client; absent fields take the agency's defaults.
public struct NewClient: Sendable {
    public var name: String
    public var billingAddress: String?
    public var vatID: String?
    public var currency: String?
    public var paymentTermsDays: Int?
    public var party: BuyerChanges

    public init(
        name: String, billingAddress: String? = nil, vatID: String? = nil, currency: String? = nil, paymentTermsDays: Int? = nil,
        party: BuyerChanges = BuyerChanges()
    ) {
        self.party = party
        self.name = name
        self.billingAddress = billingAddress
        self.vatID = vatID
        self.currency = currency
        self.paymentTermsDays = paymentTermsDays
    }
}

/// What a caller changes on a client; `nil` leaves a field as it is.
public struct ClientChanges: Sendable {
    public var name: String?
    public var billingAddress: String?
    public var vatID: String?
    public var currency: String?
    public var paymentTermsDays: Int?
    public var isArchived: Bool?
    public var party: BuyerChanges

    public init(
        name: String? = nil, billingAddress: String? = nil, vatID: String? = nil, currency: String? = nil, paymentTermsDays: Int? = nil,
        isArchived: Bool? = nil, party: BuyerChanges = BuyerChanges()
    ) {
        self.party = party
        self.name = name
        self.billingAddress = billingAddress
        self.vatID = vatID
        self.currency = currency
        self.paymentTermsDays = paymentTermsDays
        self.isArchived = isArchived
    }
}

/// Clients and their contacts (SPEC §2). Staff read every client, a client contact
/// only their own (another client is "not found"). The admin and managers create
/// clients; a client is changed by the admin or a lead of a team running one of its
/// projects (SPEC §3 "manage clients"). Contacts live in `ClientService+Contacts.swift`.
public struct ClientService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    /// Creates the login of a contact given an account, with the same rules as any account.
    let accounts: UserService
    let clients = ClientStore()
    let contacts = ContactStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, accounts: UserService) {
        self.pool = pool
        self.clock = clock
        self.accounts = accounts
    }

    /// Clients by name; a client contact lists only their own client. `limit + 1` rows
    /// are fetched so the caller can tell whether another page follows.
    public func list(_ query: ClientQuery, caller: Caller) async throws -> [Client] {
        var query = query
        switch CatalogVisibility.of(caller.actor) {
        case .everything, .staff: break
        case .client(let own): query.onlyClientID = own
        case .nothing: try Policy.require(caller.actor, .read, .agency)
        }
        return try await clients.list(query, on: pool)
    }

    public func get(_ id: ClientID, caller: Caller) async throws -> Client {
        try await requireScope(id, .read, caller: caller)
        guard let client = try await clients.find(id, on: pool) else { throw DomainError.notFound(entity: "client") }
        return client
    }

    /// Creates a client; names are unique case-insensitively (409). The currency and
    /// payment terms default to the agency's.
    public func create(_ new: NewClient, caller: Caller) async throws -> Client {
        try Policy.require(caller.actor, .manageClients, .agency)
        let defaults = try await settings.get(on: pool)
        var validation = Validation()
        let currency = try new.currency.flatMap { code in try validation.collect { () throws(DomainError) in try Currency(code) } }
        var client = Client(
            id: .random(), name: CatalogText.trimmed(new.name), billingAddress: new.billingAddress ?? "",
            vatID: CatalogText.trimmed(new.vatID ?? ""), currency: currency ?? defaults.defaultCurrency,
            paymentTermsDays: new.paymentTermsDays ?? defaults.paymentTermsDays, isArchived: false, version: 1, createdAt: clock.now())
        validation.add(contentsOf: new.party.apply(to: &client, billingAddressChanged: new.billingAddress != nil, vatIDChanged: new.vatID != nil))
        validation.add(contentsOf: client.problems)
        try validation.throwIfInvalid()
        try await pool.withTransaction { tx in
            try await clients.insert(client, on: tx)
            try await audit.append(
                AuditEntry(action: .clientCreated, subjectType: .client, subjectID: client.id.description, after: try AuditJSON.client(client)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
        return client
    }

    /// Changes a client if it is still at `expectedVersion`. Its currency cannot change
    /// once it has projects (they keep the currency they were created with): 409.
    public func update(_ id: ClientID, changes: ClientChanges, expectedVersion: Int, caller: Caller) async throws -> Client {
        try await requireScope(id, .manageClients, caller: caller)
        var validation = Validation()
        let currency = try changes.currency.flatMap { code in try validation.collect { () throws(DomainError) in try Currency(code) } }
        let currencyErrors = validation.errors
        return try await pool.withTransaction { tx in
            guard let before = try await clients.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "client") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }
            var after = before
            if let name = changes.name { after.name = CatalogText.trimmed(name) }
            if let address = changes.billingAddress { after.billingAddress = address }
            if let vatID = changes.vatID { after.vatID = CatalogText.trimmed(vatID) }
            if let currency { after.currency = currency }
            if let days = changes.paymentTermsDays { after.paymentTermsDays = days }
            if let archived = changes.isArchived { after.isArchived = archived }
            let partyErrors = changes.party.apply(
                to: &after, billingAddressChanged: changes.billingAddress != nil, vatIDChanged: changes.vatID != nil)
            try CatalogValidation.require(currencyErrors + partyErrors + after.problems)
            guard after != before else { return before }
            if after.currency != before.currency, try await clients.hasProjects(id, on: tx) {
                throw DomainError.conflict(
                    "This client already has projects in \(before.currency.code); its currency can no longer change.")
            }
            guard try await clients.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            guard let updated = try await clients.find(id, on: tx) else { throw DomainError.notFound(entity: "client") }
            try await audit.append(
                AuditEntry(
                    action: .clientUpdated, subjectType: .client, subjectID: id.description, before: try AuditJSON.client(before),
                    after: try AuditJSON.client(updated)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return updated
        }
    }

    /// Loads the client's scope and checks `action` on it: 404 when the client does not
    /// exist or the caller may not know of it, 403 when they may see it but not do this.
    @discardableResult
    func requireScope(_ id: ClientID, _ action: Policy.Action, caller: Caller) async throws -> ClientScope {
        guard let scope = try await clients.scope(id, on: pool) else { throw DomainError.notFound(entity: "client") }
        try Policy.require(caller.actor, action, .client(scope))
        return scope
    }
}

/// Field rules of the catalog's use cases.
enum CatalogValidation {
    /// Throws ``DomainError/invalid(_:)`` with every error in `errors`, if any.
    static func require(_ errors: [FieldError]) throws(DomainError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }
}
