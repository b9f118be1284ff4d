public import Domain
import Foundation
public import Postgres

/// SQL for `client_contacts`. A second contact with the same email at one client
/// becomes a 409.
public struct ContactStore: Sendable {
    public init() {}

    static let columns: SQL = "cc.id, cc.client_id, cc.name, cc.email, cc.phone, cc.job_title, cc.user_id, cc.version, cc.created_at, cc.receives_invoices"

    static func decode(_ row: PostgresRow) throws -> ClientContact {
        ClientContact(
            id: try row.decode("id"), clientID: try row.decode("client_id"), name: try row.decode("name"), email: try row.decode("email"),
            phone: try row.decode("phone"), jobTitle: try row.decode("job_title"), userID: try row.decode("user_id"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"),
            receivesInvoices: try row.decode("receives_invoices"))
    }

    static let known: [String: DomainError] = [
        "client_contacts_email_key": .conflict("This client already has a contact with this email."),
        "client_contacts_user_id_key": .conflict("This account already belongs to another contact."),
        "client_contacts_client_id_fkey": .notFound(entity: "client"),
    ]

    public func insert(_ contact: ClientContact, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO client_contacts (id, client_id, name, email, phone, job_title, user_id, version, created_at, receives_invoices)
                VALUES (\(contact.id), \(contact.clientID), \(contact.name), \(contact.email), \(contact.phone), \(contact.jobTitle),
                        \(contact.userID), \(contact.version), \(contact.createdAt), \(contact.receivesInvoices))
                """)
        }
    }

    /// The contacts of a client, by name.
    public func list(clientID: ClientID, on db: some PostgresQueryable) async throws -> [ClientContact] {
        try await db.query(
            "SELECT \(Self.columns) FROM client_contacts cc WHERE cc.client_id = \(clientID) ORDER BY lower(cc.name), cc.id", Self.decode)
    }

    /// The client's billing contacts (who receive its invoices and reminders), by name.
    public func billingContacts(clientID: ClientID, on db: some PostgresQueryable) async throws -> [ClientContact] {
        try await db.query(
            """
            SELECT \(Self.columns) FROM client_contacts cc
            WHERE cc.client_id = \(clientID) AND cc.receives_invoices ORDER BY lower(cc.name), cc.id
            """, Self.decode)
    }

    /// One contact of a client; nil when it does not exist or belongs to another client.
    public func find(_ id: ID<ClientContact>, clientID: ClientID, on db: some PostgresQueryable) async throws -> ClientContact? {
        try await db.queryOptional("SELECT \(Self.columns) FROM client_contacts cc WHERE cc.id = \(id) AND cc.client_id = \(clientID)")
            .map(Self.decode)
    }
}
