public import Domain
import Foundation
public import Postgres

/// SQL for `agency_settings`, the single row of the agency's own details.
/// (The application role may read and update it, never insert or delete.)
public struct SettingsStore: Sendable {
    public init() {}

    static let columns: SQL = """
        legal_name, address, vat_id, default_currency, payment_terms_days, invoice_number_format, default_vat_rate_bp,
        reminder_offsets_days, allow_self_approval, max_days_ahead, version, credit_note_number_format, retainer_invoice_day,
        trading_name, legal_form, register_mention, street, additional_line, city, postal_code, country, vat_number,
        company_number, email, iban, bic, endpoint_scheme, endpoint_id, vat_rates_bp, expense_vat_rates_bp::text AS expense_vat_rates_bp
        """

    static func decode(_ row: PostgresRow) throws -> AgencySettings {
        let legalName: String = try row.decode("legal_name")
        return AgencySettings(
            legalName: legalName, address: try row.decode("address"), vatID: try row.decode("vat_id"),
            defaultCurrency: try row.decode("default_currency"), paymentTermsDays: try row.decode("payment_terms_days"),
            invoiceNumberFormat: try row.decode("invoice_number_format"),
            defaultVATRateBasisPoints: try row.decode("default_vat_rate_bp"),
            reminderOffsetsDays: try row.decode("reminder_offsets_days"),
            allowSelfApproval: try row.decode("allow_self_approval"), maxDaysAhead: try row.decode("max_days_ahead"),
            seller: try PartyColumns.seller(row, legalName: legalName), vatRatesBP: try row.decode("vat_rates_bp"),
            expenseVATRatesBP: try PartyColumns.expenseRates(try row.decode("expense_vat_rates_bp")),
            creditNoteNumberFormat: try row.decode("credit_note_number_format"), retainerInvoiceDay: try row.decode("retainer_invoice_day"),
            version: try row.decode("version"))
    }

    public func get(on db: some PostgresQueryable) async throws -> AgencySettings {
        try Self.decode(try await db.queryOne("SELECT \(Self.columns) FROM agency_settings WHERE id = 1"))
    }

    /// Locks the settings row for an update in the current transaction.
    public func getForUpdate(on db: PostgresTransaction) async throws -> AgencySettings {
        try Self.decode(try await db.queryOne("SELECT \(Self.columns) FROM agency_settings WHERE id = 1 FOR UPDATE"))
    }

    /// Writes every field in one statement if the version still matches; false when
    /// someone changed the settings first.
    public func update(_ settings: AgencySettings, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        let seller = settings.seller
        let address = seller.address
        let expenseRates = try PartyColumns.expenseRatesJSON(settings.expenseVATRatesBP)
        return try await db.execute(
            """
            UPDATE agency_settings
            SET legal_name = \(settings.legalName), address = \(settings.address), vat_id = \(settings.vatID),
                default_currency = \(settings.defaultCurrency), payment_terms_days = \(settings.paymentTermsDays),
                invoice_number_format = \(settings.invoiceNumberFormat), credit_note_number_format = \(settings.creditNoteNumberFormat),
                retainer_invoice_day = \(settings.retainerInvoiceDay), default_vat_rate_bp = \(settings.defaultVATRateBasisPoints),
                reminder_offsets_days = \(settings.reminderOffsetsDays)::integer[],
                allow_self_approval = \(settings.allowSelfApproval), max_days_ahead = \(settings.maxDaysAhead),
                trading_name = \(seller.tradingName), legal_form = \(seller.legalForm), register_mention = \(seller.registerMention),
                street = \(address?.street), additional_line = \(address?.additionalLine), city = \(address?.city),
                postal_code = \(address?.postalCode), country = \(address?.country), vat_number = \(seller.vatNumber),
                company_number = \(seller.companyNumber), email = \(seller.email), iban = \(seller.iban), bic = \(seller.bic),
                endpoint_scheme = \(seller.electronicAddress?.scheme), endpoint_id = \(seller.electronicAddress?.identifier),
                vat_rates_bp = \(settings.vatRatesBP)::integer[],
                expense_vat_rates_bp = \(expenseRates)::jsonb,
                version = version + 1, updated_at = now()
            WHERE id = 1 AND version = \(expectedVersion)
            """) == 1
    }
}
