public import Domain
import Foundation
public import Postgres

/// The agency as the seller of an invoice, read from the settings row. Call it inside
/// the issuing transaction to snapshot the seller as it is at issue.
public struct SellerPartyStore: Sendable {
    public init() {}

    public func load(on db: some PostgresQueryable) async throws -> SellerParty {
        try await SettingsStore().get(on: db).seller
    }
}
