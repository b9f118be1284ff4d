/// VAT identification numbers with their country prefix (BT-31, BT-48; BR-CO-09): two
/// letters, then 2 to 13 letters or digits. Greece's prefix is `EL`, Northern Ireland's
/// `XI` (not ISO codes, hence accepted here). A Belgian number is `BE` followed by the
/// 10-digit enterprise number with its check.
public enum VATNumber {
    /// The prefixes that are not ISO 3166-1 codes but are used in VAT numbers.
    static let extraPrefixes: Set<String> = ["EL", "XI"]

    /// `raw` compacted and upper-cased (`BE 0123.456.749` → `BE0123456749`) when valid, else nil.
    public static func normalized(_ raw: String) -> String? {
        var number = IdentifierText.compact(raw)
        // An old-format Belgian number (9 digits) gets its leading 0.
        if number.hasPrefix("BE"), number.count == 11 { number = "BE0" + number.dropFirst(2) }
        return isValid(number) ? number : nil
    }

    /// Whether `number` (compact, upper case) is a prefixed VAT number; Belgian ones are checked.
    public static func isValid(_ number: String) -> Bool {
        let prefix = String(number.prefix(2))
        let rest = String(number.dropFirst(2))
        guard CountryCode.isAssigned(prefix) || extraPrefixes.contains(prefix), (2...13).contains(rest.count),
            IdentifierText.isUpperAlphanumeric(rest)
        else { return false }
        if prefix == "BE" { return BelgianCompanyNumber.isValid(rest) }
        return true
    }
}
