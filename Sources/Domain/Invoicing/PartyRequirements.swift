/// Rules seller and buyer share.
enum PartyRequirements {
    /// The required fields of a missing address.
    static func addressFields(prefix: String) -> [String] {
        ["street", "city", "postal_code", "country"].map { "\(prefix).\($0)" }
    }

    /// Trimmed text, nil when empty.
    static func optionalText(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = PartyText.trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The canonical form of an identifier when valid, else the trimmed text as given.
    static func normalized(_ text: String?, _ canonical: (String) -> String?) -> String? {
        optionalText(text).map { canonical($0) ?? $0 }
    }

    /// A company number is Belgian (checked) when the party is in Belgium or has no
    /// address yet (Belgium is the reference market); elsewhere it is a registry's text.
    static func isBelgian(country: String?) -> Bool {
        country == nil || country == "BE"
    }

    static func companyNumber(_ text: String?, country: String?) -> String? {
        let country = country.map { PartyText.trimmed($0).uppercased() }
        return isBelgian(country: country) ? normalized(text, BelgianCompanyNumber.normalized) : optionalText(text)
    }

    /// The VAT and company number problems, under `prefix`.
    static func identifierProblems(vatNumber: String?, companyNumber: String?, country: String?, prefix: String) -> [FieldError] {
        var validation = Validation()
        if let vatNumber {
            validation.require(
                VATNumber.isValid(vatNumber), field: PartyText.path(prefix, "vat_number"),
                message: "must be a VAT number with its country prefix, such as BE0123456749 (Belgian numbers are checked mod 97)")
        }
        if let companyNumber {
            if isBelgian(country: country) {
                validation.require(
                    BelgianCompanyNumber.isValid(companyNumber), field: PartyText.path(prefix, "company_number"),
                    message: "must be a Belgian enterprise number: 10 digits with a valid mod-97 check, such as 0123.456.749")
            } else {
                validation.require(
                    PartyText.isLine(companyNumber, required: true) && companyNumber.count <= 50, field: PartyText.path(prefix, "company_number"),
                    message: "must be 1 to 50 characters")
            }
        }
        return validation.errors
    }
}
