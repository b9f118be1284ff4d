import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The agency's settings in the console (issue 19 item 4): the seller's legal data as
/// invoices print it and the VAT rates, read by staff (`GET /api/v1/settings`) and
/// changed by the admin at their version (`PATCH /api/v1/settings`).
struct ConsoleAgencyController {
    let settings: SettingsService
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/agency", use: page)
        app.post("/app/agency", use: save)
    }

    struct Field: Sendable {
        let name: String
        let label: String
        let value: String
        let type: String
    }

    struct Page: Sendable {
        let version: Int
        let fields: [Field]
        let defaultRate: String
        let rates: String
        let canManage: Bool
    }

    /// The seller's fields in form order: name, the catalog key of its label, its value.
    static func sellerFields(_ seller: SellerParty) -> [(String, String, String?)] {
        [
            ("legal_name", "agency_legal_name", seller.legalName), ("trading_name", "agency_trading_name", seller.tradingName),
            ("legal_form", "agency_legal_form", seller.legalForm), ("register_mention", "agency_register_mention", seller.registerMention),
            ("street", "agency_street", seller.address?.street), ("postal_code", "agency_postal_code", seller.address?.postalCode),
            ("city", "agency_city", seller.address?.city), ("country", "agency_country", seller.address?.country),
            ("vat_number", "agency_vat_number", seller.vatNumber), ("company_number", "agency_company_number", seller.companyNumber),
            ("email", "agency_email", seller.email), ("iban", "agency_iban", seller.iban), ("bic", "agency_bic", seller.bic),
        ]
    }

    static func percent(_ basisPoints: Int, language: ClientLanguage) -> String {
        language.number(FixedPoint.format(Int64(basisPoints), scale: 2))
    }

    @Sendable func page(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let current = try await settings.get(caller: caller)
        let fields = Self.sellerFields(current.seller).map { name, key, value in
            Field(name: name, label: console.text(key), value: value ?? "", type: name == "email" ? "email" : "text")
        }
        let page = Page(
            version: current.version, fields: fields, defaultRate: Self.percent(current.defaultVATRateBasisPoints, language: console.language),
            rates: current.vatRatesBP.map { Self.percent($0, language: console.language) }.joined(separator: " "),
            canManage: Policy.can(caller.actor, .manageSettings, .agency))
        return try console.render("console-agency", titleKey: "agency_title", section: "agency", page: page)
    }

    /// The seller's fields (an empty optional field clears it; the address is all four
    /// parts or none), `default_vat_rate` and `vat_rates` (percentages, space-separated),
    /// at `version`.
    @Sendable func save(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: "/app/agency", failure: "/app/agency") {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            func optional(_ name: String) -> String?? { .some(ConsoleClientsController.text(form, name)) }
            let parts = ["street", "postal_code", "city", "country"].map { ConsoleClientsController.text(form, $0) }
            let address: PostalAddress??
            if parts.allSatisfy({ $0 == nil }) {
                address = .some(nil)
            } else {
                address = .some(
                    PostalAddress(street: parts[0] ?? "", city: parts[2] ?? "", postalCode: parts[1] ?? "", country: (parts[3] ?? "").uppercased()))
            }
            let seller = SellerChanges(
                legalName: form["legal_name"] ?? "", tradingName: optional("trading_name"), legalForm: optional("legal_form"),
                registerMention: optional("register_mention"), address: address, vatNumber: optional("vat_number"),
                companyNumber: optional("company_number"), email: optional("email"), iban: optional("iban"), bic: optional("bic"))
            let rates = try (form["vat_rates"] ?? "").split(whereSeparator: { $0 == " " || $0 == ";" }).map {
                try Self.basisPoints(String($0), field: "vat_rates", language: language)
            }
            let changes = SettingsChanges(
                defaultVATRateBasisPoints: try Self.basisPoints(try form.required("default_vat_rate"), field: "default_vat_rate", language: language),
                seller: seller, vatRatesBP: rates)
            _ = try await settings.update(changes, expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.text("agency_saved", language))
        }
    }

    /// A percentage as the person's language writes it ("5,5" in French) in basis points.
    static func basisPoints(_ text: String, field: String, language: ClientLanguage) throws -> Int {
        Int(try FixedPoint.parse(ConsoleExpensesController.decimal(text, language: language), scale: 2, field: field))
    }
}
