public import Domain
import Foundation
public import Postgres

/// A client as the buyer of an invoice. Call it inside the drafting or issuing
/// transaction; throws ``DomainError/notFound(entity:)`` for an unknown client.
public struct BuyerPartyStore: Sendable {
    public init() {}

    public func load(client id: ClientID, on db: some PostgresQueryable) async throws -> BuyerParty {
        guard let client = try await ClientStore().find(id, on: db) else { throw DomainError.notFound(entity: "client") }
        return client.buyer
    }
}
