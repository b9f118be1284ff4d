public import Domain
import Foundation
public import Postgres
import Storage

/// A webhook endpoint as the admin describes it.
public struct WebhookEndpointInput: Sendable {
    public var url: String
    public var description: String
    public var eventTypes: [String]
    public var active: Bool

    public init(url: String, description: String = "", eventTypes: [String] = [], active: Bool = true) {
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.active = active
    }
}

/// A change to an endpoint: nil leaves a field as it is.
public struct WebhookEndpointChanges: Sendable {
    public var url: String?
    public var description: String?
    public var eventTypes: [String]?
    public var active: Bool?

    public init(url: String? = nil, description: String? = nil, eventTypes: [String]? = nil, active: Bool? = nil) {
        self.url = url
        self.description = description
        self.eventTypes = eventTypes
        self.active = active
    }
}

/// An endpoint with its secret: the answer to creation and rotation, the only times the
/// secret is shown.
public struct WebhookEndpointWithSecret: Sendable {
    public let endpoint: WebhookEndpoint
    public let secret: WebhookSecret
}

/// Webhook endpoints and their deliveries (issue 14 item 3), for the admin (SPEC §3
/// "manage settings … webhooks"). Every change is audited (never the secret).
public struct WebhookService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let policy: WebhookAddressPolicy
    let endpoints = WebhookEndpointStore()
    let outbox = OutboxStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, policy: WebhookAddressPolicy) {
        self.pool = pool
        self.clock = clock
        self.policy = policy
    }

    public func list(caller: Caller) async throws -> [WebhookEndpoint] {
        try Policy.require(caller.actor, .manageSettings, .agency)
        return try await endpoints.list(on: pool)
    }

    public func get(_ id: WebhookEndpointID, caller: Caller) async throws -> WebhookEndpoint {
        try Policy.require(caller.actor, .manageSettings, .agency)
        guard let endpoint = try await endpoints.find(id, on: pool) else { throw DomainError.notFound(entity: "webhook") }
        return endpoint
    }

    public func create(_ input: WebhookEndpointInput, caller: Caller) async throws -> WebhookEndpointWithSecret {
        try Policy.require(caller.actor, .manageSettings, .agency)
        let checked = try validate(url: input.url, description: input.description, eventTypes: input.eventTypes)
        let now = clock.now()
        let endpoint = WebhookEndpoint(
            id: .random(), url: checked.url, description: checked.description, eventTypes: checked.eventTypes, active: input.active,
            version: 1, createdAt: now, updatedAt: now)
        let secret = WebhookSecret.random()
        try await pool.withTransaction { tx in
            try await endpoints.insert(endpoint, secret: secret, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .webhookCreated, subjectType: .webhookEndpoint, subjectID: endpoint.id.description,
                    after: try SheafJSON.string(WebhookSnapshot(endpoint))),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
        return WebhookEndpointWithSecret(endpoint: endpoint, secret: secret)
    }

    public func update(_ id: WebhookEndpointID, _ changes: WebhookEndpointChanges, expectedVersion: Int, caller: Caller) async throws
        -> WebhookEndpoint
    {
        try Policy.require(caller.actor, .manageSettings, .agency)
        return try await pool.withTransaction { tx in
            let before = try await locked(id, expectedVersion: expectedVersion, on: tx)
            let checked = try validate(
                url: changes.url ?? before.url, description: changes.description ?? before.description,
                eventTypes: changes.eventTypes ?? before.eventTypes.map(\.rawValue))
            let active = changes.active ?? before.active
            guard checked.url != before.url || checked.description != before.description || checked.eventTypes != before.eventTypes
                || active != before.active
            else { return before }
            let after = WebhookEndpoint(
                id: id, url: checked.url, description: checked.description, eventTypes: checked.eventTypes, active: active,
                version: before.version + 1, createdAt: before.createdAt, updatedAt: clock.now())
            guard try await endpoints.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            try await audit.append(
                AuditEntry(
                    action: .webhookUpdated, subjectType: .webhookEndpoint, subjectID: id.description,
                    before: try SheafJSON.string(WebhookSnapshot(before)), after: try SheafJSON.string(WebhookSnapshot(after))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }

    /// Replaces the secret; the old one stops signing at once.
    public func rotateSecret(_ id: WebhookEndpointID, caller: Caller) async throws -> WebhookEndpointWithSecret {
        try Policy.require(caller.actor, .manageSettings, .agency)
        let secret = WebhookSecret.random()
        return try await pool.withTransaction { tx in
            let before = try await locked(id, expectedVersion: nil, on: tx)
            guard try await endpoints.rotate(id, secret: secret, at: clock.now(), on: tx),
                let after = try await endpoints.find(id, on: tx)
            else { throw DomainError.notFound(entity: "webhook") }
            try await audit.append(
                AuditEntry(
                    action: .webhookSecretRotated, subjectType: .webhookEndpoint, subjectID: id.description,
                    before: try SheafJSON.string(WebhookSnapshot(before)), after: try SheafJSON.string(WebhookSnapshot(after))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return WebhookEndpointWithSecret(endpoint: after, secret: secret)
        }
    }

    /// Deletes the endpoint with its deliveries' record.
    public func delete(_ id: WebhookEndpointID, expectedVersion: Int?, caller: Caller) async throws {
        try Policy.require(caller.actor, .manageSettings, .agency)
        try await pool.withTransaction { tx in
            let before = try await locked(id, expectedVersion: expectedVersion, on: tx)
            guard try await endpoints.delete(id, on: tx) else { throw DomainError.notFound(entity: "webhook") }
            try await audit.append(
                AuditEntry(
                    action: .webhookDeleted, subjectType: .webhookEndpoint, subjectID: id.description,
                    before: try SheafJSON.string(WebhookSnapshot(before))),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    func locked(_ id: WebhookEndpointID, expectedVersion: Int?, on tx: PostgresTransaction) async throws -> WebhookEndpoint {
        guard let endpoint = try await endpoints.find(id, forUpdate: true, on: tx) else { throw DomainError.notFound(entity: "webhook") }
        if let expectedVersion, endpoint.version != expectedVersion { throw DomainError.versionMismatch }
        return endpoint
    }

    func validate(url: String, description: String, eventTypes: [String]) throws(DomainError) -> (
        url: String, description: String, eventTypes: [OutboxEventType]
    ) {
        var problems: [FieldError] = []
        let url = url.trimmingCharacters(in: .whitespaces)
        if let problem = policy.problem(url: url) { problems.append(FieldError(field: "url", message: problem)) }
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 500 { problems.append(FieldError(field: "description", message: "is at most 500 characters")) }
        var types: [OutboxEventType] = []
        for (index, raw) in eventTypes.enumerated() {
            let type = OutboxEventType(rawValue: raw)
            if !OutboxEventType.known.contains(type) {
                problems.append(
                    FieldError(
                        field: "event_types[\(index)]",
                        message: "is not an event type; known: \(OutboxEventType.known.map(\.rawValue).joined(separator: ", "))"))
            } else if !types.contains(type) {
                types.append(type)
            }
        }
        guard problems.isEmpty else { throw .invalid(problems) }
        return (url, description, types.sorted())
    }
}

/// The audit snapshot of an endpoint (never its secret).
struct WebhookSnapshot: Encodable, Sendable {
    let id: WebhookEndpointID
    let url: String
    let description: String
    let eventTypes: [String]
    let active: Bool
    let version: Int

    init(_ endpoint: WebhookEndpoint) {
        id = endpoint.id
        url = endpoint.url
        description = endpoint.description
        eventTypes = endpoint.eventTypes.map(\.rawValue)
        active = endpoint.active
        version = endpoint.version
    }
}
