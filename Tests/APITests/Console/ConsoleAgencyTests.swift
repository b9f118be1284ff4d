import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Postgres
import Services
import TestSupport
import Testing

/// The agency settings page of the console (issue 19 item 4), checked in the database.
@Suite struct ConsoleAgencyTests {
    /// The seller of `InvoicingParties.completeInDatabase`, as the form sends it.
    static let completeSeller: [(String, String)] = [
        ("legal_name", "Sheaf Studio"), ("trading_name", ""), ("legal_form", "SRL"), ("register_mention", "RPM Bruxelles"),
        ("street", "Rue de la Loi 16"), ("postal_code", "1000"), ("city", "Bruxelles"), ("country", "BE"), ("vat_number", "BE0403170701"),
        ("company_number", "0403170701"), ("email", "billing@sheaf.example"), ("iban", "BE68539007547034"), ("bic", "GKCCBEBB"),
        ("default_vat_rate", "21"), ("vat_rates", "21 12 6 0"),
    ]

    struct Seller: Equatable {
        let legalName: String
        let tradingName: String?
        let city: String?
        let defaultRate: Int32
        let rates: [Int32]
        let version: Int32
    }

    func seller(pool: PostgresPool) async throws -> Seller {
        let row = try await pool.queryOne(
            "SELECT legal_name, trading_name, city, default_vat_rate_bp, array_to_string(vat_rates_bp, ',') AS rates, version FROM agency_settings")
        let rates: String = try row.decode("rates")
        return Seller(
            legalName: try row.decode("legal_name"), tradingName: try row.decode("trading_name", as: String?.self),
            city: try row.decode("city", as: String?.self), defaultRate: try row.decode("default_vat_rate_bp"),
            rates: rates.split(separator: ",").compactMap { Int32($0) }, version: try row.decode("version"))
    }

    @Test func theAdminChangesTheSellersLegalDataAndVATRatesAtTheirVersion() async throws {
        try await ConsoleTestApp.with { fixture, client in
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let version = try await fixture.settingsVersion()
            // In French: "5,5" is 5.5 %.
            var french = Self.completeSeller.filter { $0.0 != "vat_rates" && $0.0 != "trading_name" }
            french += [("trading_name", "Sheaf"), ("vat_rates", "21 5,5 0")]
            admin.cookies["sheaf_lang"] = "fr"
            try await admin.submit("/app/agency", [("version", "\(version)")] + french, tokenFrom: "/app/agency")
            #expect(
                try await seller(pool: fixture.pool)
                    == Seller(legalName: "Sheaf Studio", tradingName: "Sheaf", city: "Bruxelles", defaultRate: 2100, rates: [2100, 550, 0], version: Int32(version + 1)))
            admin.cookies = [:]
            let page = try await admin.page("/app/agency")
            #expect(page.contains(#"value="21.00 5.50 0.00""#) && page.contains(#"value="Sheaf""#))

            // Stale: refused, unchanged.
            try await admin.submit("/app/agency", [("version", "\(version)")] + Self.completeSeller, tokenFrom: "/app/agency")
            #expect(try await admin.flash(at: "/app/agency").contains("Not saved"))
            #expect(try await seller(pool: fixture.pool).tradingName == "Sheaf")
            // A forged token: refused, unchanged.
            let forged = try await admin.request(.post, "/app/agency", form: [("csrf", "forged"), ("version", "\(version + 1)")] + Self.completeSeller)
            #expect(forged.status == .forbidden)
            #expect(try await seller(pool: fixture.pool).version == Int32(version + 1))
            // The empty trading name clears it.
            try await admin.submit("/app/agency", [("version", "\(version + 1)")] + Self.completeSeller, tokenFrom: "/app/agency")
            #expect(try await seller(pool: fixture.pool).tradingName == nil)

            // A member reads them, without a way to save.
            var member = try await ConsoleTestApp.browser(.member, fixture: fixture, client: client)
            let read = try await member.page("/app/agency")
            #expect(read.contains("Sheaf Studio") && !read.contains("Save the settings"))
        }
    }
}
