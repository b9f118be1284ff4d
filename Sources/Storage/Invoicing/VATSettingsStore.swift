public import Domain
import Foundation
public import Postgres

/// The agency's VAT rates (standard, allowed, per expense category), read from the
/// settings row. A task's own rate is `ProjectTask.vatRateBP` (`tasks.vat_rate_bp`,
/// read by ``TaskStore``).
public struct VATSettingsStore: Sendable {
    public init() {}

    public func load(on db: some PostgresQueryable) async throws -> VATSettings {
        try await SettingsStore().get(on: db).vatSettings
    }
}
