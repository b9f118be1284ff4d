public import Domain
public import Foundation
public import Postgres

/// `webhook_endpoints`: the receivers and their signing secrets.
public struct WebhookEndpointStore: Sendable {
    public init() {}

    static let columns: SQL = "id, url, description, event_types, active, version, created_at, updated_at"

    public func insert(_ endpoint: WebhookEndpoint, secret: WebhookSecret, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO webhook_endpoints (id, url, description, event_types, active, secret, version, created_at, updated_at)
            VALUES (\(endpoint.id), \(endpoint.url), \(endpoint.description), \(endpoint.eventTypes.map(\.rawValue)), \(endpoint.active),
                    \(secret.text), \(endpoint.version), \(endpoint.createdAt), \(endpoint.updatedAt))
            """)
    }

    public func find(_ id: WebhookEndpointID, forUpdate: Bool = false, on db: some PostgresQueryable) async throws -> WebhookEndpoint? {
        try await db.queryOptional(
            "SELECT \(Self.columns) FROM webhook_endpoints WHERE id = \(id) \(forUpdate ? "FOR UPDATE" : "" as SQL)"
        ).map(Self.endpoint)
    }

    /// Every endpoint, oldest first.
    public func list(on db: some PostgresQueryable) async throws -> [WebhookEndpoint] {
        try await db.query("SELECT \(Self.columns) FROM webhook_endpoints ORDER BY created_at, id", Self.endpoint)
    }

    /// Writes the endpoint's new state when its version is still `expectedVersion`.
    /// - Returns: false when it changed meanwhile.
    public func update(_ endpoint: WebhookEndpoint, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute(
            """
            UPDATE webhook_endpoints SET url = \(endpoint.url), description = \(endpoint.description),
                   event_types = \(endpoint.eventTypes.map(\.rawValue)), active = \(endpoint.active), version = \(endpoint.version),
                   updated_at = \(endpoint.updatedAt)
            WHERE id = \(endpoint.id) AND version = \(expectedVersion)
            """) == 1
    }

    /// Replaces the secret (rotation), bumping the version.
    public func rotate(_ id: WebhookEndpointID, secret: WebhookSecret, at now: Date, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute(
            """
            UPDATE webhook_endpoints SET secret = \(secret.text), version = version + 1, updated_at = \(now) WHERE id = \(id)
            """) == 1
    }

    /// Deletes the endpoint and, with it, its deliveries and their attempts.
    public func delete(_ id: WebhookEndpointID, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute("DELETE FROM webhook_endpoints WHERE id = \(id)") == 1
    }

    /// What a delivery needs: the URL, whether it is active, and the secret.
    public func target(_ id: WebhookEndpointID, on db: some PostgresQueryable) async throws -> (url: String, active: Bool, secret: WebhookSecret?)? {
        try await db.queryOptional("SELECT url, active, secret FROM webhook_endpoints WHERE id = \(id)").map { row in
            (try row.decode("url"), try row.decode("active"), WebhookSecret(try row.decode("secret", as: String.self)))
        }
    }

    static func endpoint(_ row: PostgresRow) throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: try row.decode("id"), url: try row.decode("url"), description: try row.decode("description"),
            eventTypes: try row.decode("event_types", as: [String].self).map(OutboxEventType.init(rawValue:)), active: try row.decode("active"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
