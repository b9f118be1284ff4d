public import Domain
import Foundation
public import Postgres

/// SQL for `clients`. A duplicate name (case-insensitive) becomes a 409.
public struct ClientStore: Sendable {
    public init() {}

    static let columns: SQL = """
        c.id, c.name, c.billing_address, c.vat_id, c.currency, c.payment_terms_days, c.archived, c.version, c.created_at,
        c.street, c.additional_line, c.city, c.postal_code, c.country, c.vat_number, c.company_number, c.endpoint_scheme,
        c.endpoint_id, c.buyer_reference, c.language, c.vat_treatment, c.vat_exemption_code, c.vat_exemption_reason
        """

    static func decode(_ row: PostgresRow) throws -> Client {
        Client(
            id: try row.decode("id"), name: try row.decode("name"), billingAddress: try row.decode("billing_address"),
            vatID: try row.decode("vat_id"), currency: try row.decode("currency"), paymentTermsDays: try row.decode("payment_terms_days"),
            isArchived: try row.decode("archived"), version: try row.decode("version"), createdAt: try row.decode("created_at"),
            address: try PartyColumns.address(row), vatNumber: try row.decode("vat_number"), companyNumber: try row.decode("company_number"),
            electronicAddress: try PartyColumns.electronicAddress(row), buyerReference: try row.decode("buyer_reference"),
            language: DocumentLanguage(rawValue: try row.decode("language")) ?? .en, vatTreatment: try PartyColumns.vatTreatment(row))
    }

    /// The party columns of a client, in the order of ``partyValues(_:)``.
    static let partyColumns: SQL = """
        street, additional_line, city, postal_code, country, vat_number, company_number, endpoint_scheme, endpoint_id,
        buyer_reference, language, vat_treatment, vat_exemption_code, vat_exemption_reason
        """

    static func partyValues(_ client: Client) -> SQL {
        let (code, reason) = exemption(client.vatTreatment)
        return """
            \(client.address?.street), \(client.address?.additionalLine), \(client.address?.city), \(client.address?.postalCode),
            \(client.address?.country), \(client.vatNumber), \(client.companyNumber), \(client.electronicAddress?.scheme),
            \(client.electronicAddress?.identifier), \(client.buyerReference), \(client.language.rawValue), \(client.vatTreatment.kind),
            \(code), \(reason)
            """
    }

    static func exemption(_ treatment: VATTreatment) -> (code: String?, reason: String?) {
        if case .exempt(let code, let reason) = treatment { return (code, reason) }
        return (nil, nil)
    }

    static let known: [String: DomainError] = ["clients_name_key": .conflict("A client with this name already exists.")]

    public func insert(_ client: Client, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO clients (id, name, billing_address, vat_id, currency, payment_terms_days, archived, version, created_at,
                                     \(Self.partyColumns))
                VALUES (\(client.id), \(client.name), \(client.billingAddress), \(client.vatID), \(client.currency),
                        \(client.paymentTermsDays), \(client.isArchived), \(client.version), \(client.createdAt), \(Self.partyValues(client)))
                """)
        }
    }

    public func find(_ id: ClientID, on db: some PostgresQueryable) async throws -> Client? {
        try await db.queryOptional("SELECT \(Self.columns) FROM clients c WHERE c.id = \(id)").map(Self.decode)
    }

    /// Locks the client row for an update in the current transaction.
    public func findForUpdate(_ id: ClientID, on db: PostgresTransaction) async throws -> Client? {
        try await db.queryOptional("SELECT \(Self.columns) FROM clients c WHERE c.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// Share-locks the client row for the rest of the transaction: it cannot change (its
    /// currency, its archived flag) until the transaction ends.
    public func findForShare(_ id: ClientID, on db: PostgresTransaction) async throws -> Client? {
        try await db.queryOptional("SELECT \(Self.columns) FROM clients c WHERE c.id = \(id) FOR SHARE").map(Self.decode)
    }

    /// The facts the policy needs about a client: the teams running its projects.
    public func scope(_ id: ClientID, on db: some PostgresQueryable) async throws -> ClientScope? {
        try await db.queryOptional(
            """
            SELECT c.id, COALESCE((SELECT array_agg(DISTINCT p.team_id) FROM projects p WHERE p.client_id = c.id), '{}') AS team_ids
            FROM clients c WHERE c.id = \(id)
            """
        ).map { row in
            ClientScope(id: try row.decode("id"), projectTeamIDs: Set(try row.decode("team_ids", as: [TeamID].self)))
        }
    }

    /// Up to `limit + 1` clients by name, so the caller can tell whether more follow.
    public func list(_ query: ClientQuery, on db: some PostgresQueryable) async throws -> [Client] {
        var conditions: [SQL] = ["true"]
        if let only = query.onlyClientID { conditions.append("c.id = \(only)") }
        if let archived = query.archived { conditions.append("c.archived = \(archived)") }
        if let after = query.after { conditions.append("(lower(c.name), c.id) > (\(after.name), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM clients c WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY lower(c.name), c.id LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// Writes every mutable field if the version still matches; false when someone changed it first.
    public func update(_ client: Client, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        let (code, reason) = Self.exemption(client.vatTreatment)
        let address = client.address
        return try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                UPDATE clients SET name = \(client.name), billing_address = \(client.billingAddress), vat_id = \(client.vatID),
                       currency = \(client.currency), payment_terms_days = \(client.paymentTermsDays), archived = \(client.isArchived),
                       street = \(address?.street), additional_line = \(address?.additionalLine), city = \(address?.city),
                       postal_code = \(address?.postalCode), country = \(address?.country), vat_number = \(client.vatNumber),
                       company_number = \(client.companyNumber), endpoint_scheme = \(client.electronicAddress?.scheme),
                       endpoint_id = \(client.electronicAddress?.identifier), buyer_reference = \(client.buyerReference),
                       language = \(client.language.rawValue), vat_treatment = \(client.vatTreatment.kind),
                       vat_exemption_code = \(code), vat_exemption_reason = \(reason),
                       version = version + 1
                WHERE id = \(client.id) AND version = \(expectedVersion)
                """) == 1
        }
    }

    /// Whether the client has at least one project.
    public func hasProjects(_ id: ClientID, on db: some PostgresQueryable) async throws -> Bool {
        try await db.queryOne("SELECT EXISTS (SELECT 1 FROM projects WHERE client_id = \(id)) AS found").decode("found")
    }
}
