public import Domain
import Foundation
public import Postgres

/// SQL for the dunning settings (issue 14 item 5): the reminder rules (a JSON array in
/// `agency_settings.reminder_rules`, NULL for the built-in defaults) and the table of
/// late-payment interest rates by half-year (`late_payment_rates`).
public struct ReminderSettingsStore: Sendable {
    public init() {}

    /// One rule as stored.
    struct StoredRule: Codable {
        let offsetDays: Int
        let formalNotice: Bool
        let templates: [String: ReminderTemplate]
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// The rules in force, by offset.
    public func rules(on db: some PostgresQueryable) async throws -> [ReminderRule] {
        let row = try await db.queryOne("SELECT reminder_rules::text AS rules FROM agency_settings WHERE id = 1")
        let text: String? = try row.decode("rules")
        guard let text else { return ReminderRule.defaults }
        let stored = try Self.decoder.decode([StoredRule].self, from: Data(text.utf8))
        return stored.map { rule in
            ReminderRule(
                offsetDays: rule.offsetDays, formalNotice: rule.formalNotice,
                templates: Dictionary(uniqueKeysWithValues: rule.templates.compactMap { key, value in
                    DocumentLanguage(rawValue: key).map { ($0, value) }
                }))
        }
        .sorted { $0.offsetDays < $1.offsetDays }
    }

    /// Replaces the rules (the settings row must be locked by the caller's transaction);
    /// `reminder_offsets_days` follows. Bumps the settings' version unless the caller
    /// already did (a `PATCH /settings` of the offsets).
    public func replaceRules(_ rules: [ReminderRule], bumpingVersion: Bool = true, on tx: PostgresTransaction) async throws {
        let stored = rules.sorted { $0.offsetDays < $1.offsetDays }.map { rule in
            StoredRule(
                offsetDays: rule.offsetDays, formalNotice: rule.formalNotice,
                templates: Dictionary(uniqueKeysWithValues: rule.templates.map { ($0.key.rawValue, $0.value) }))
        }
        let json = String(decoding: try Self.encoder.encode(stored), as: UTF8.self)
        let offsets = stored.map(\.offsetDays)
        try await tx.execute(
            """
            UPDATE agency_settings SET reminder_rules = \(json)::jsonb, reminder_offsets_days = \(offsets),
                   version = version + \(bumpingVersion ? 1 : 0)
            WHERE id = 1
            """)
    }

    /// Every rate, by half-year.
    public func rates(on db: some PostgresQueryable) async throws -> LatePaymentRates {
        LatePaymentRates(
            try await db.query("SELECT half_year, rate_bp FROM late_payment_rates ORDER BY half_year") { row in
                let text: String = try row.decode("half_year")
                guard let halfYear = HalfYear(text: text) else {
                    throw PostgresError(kind: .decoding, message: "column \"half_year\" holds an invalid half-year")
                }
                return LatePaymentRate(halfYear: halfYear, rateBP: try row.decode("rate_bp"))
            })
    }

    /// Replaces the whole table in the caller's transaction (the settings row locked by
    /// the caller), and bumps the settings' version: the table is part of the settings.
    public func replaceRates(_ rates: LatePaymentRates, on tx: PostgresTransaction) async throws {
        try await tx.execute("UPDATE agency_settings SET version = version + 1 WHERE id = 1")
        try await tx.execute("DELETE FROM late_payment_rates")
        for rate in rates.rates {
            try await tx.execute("INSERT INTO late_payment_rates (half_year, rate_bp) VALUES (\(rate.halfYear.description), \(rate.rateBP))")
        }
    }
}
