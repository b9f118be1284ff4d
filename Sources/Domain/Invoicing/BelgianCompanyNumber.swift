/// The Belgian enterprise number (numéro d'entreprise / ondernemingsnummer, KBO/BCE),
/// also the Peppol identifier of scheme 0208: 10 digits, the first 0 or 1, the last two
/// a check = 97 − (first eight digits mod 97) (PEPPOL-COMMON-R043).
public enum BelgianCompanyNumber {
    /// The 10 digits of `raw` (`0123.456.749`, `BE0123456749` → `0123456749`) when they
    /// form a valid number, else nil. A 9-digit number of the old format gets its leading 0.
    public static func normalized(_ raw: String) -> String? {
        var digits = IdentifierText.compact(raw)
        if digits.hasPrefix("BE") { digits.removeFirst(2) }
        if digits.count == 9 { digits = "0" + digits }
        return isValid(digits) ? digits : nil
    }

    /// Whether `digits` is exactly 10 digits, starts with 0 or 1 and carries its check.
    public static func isValid(_ digits: String) -> Bool {
        guard digits.count == 10, IdentifierText.isDigits(digits), digits.first == "0" || digits.first == "1" else { return false }
        guard let body = Int(digits.prefix(8)), let check = Int(digits.suffix(2)) else { return false }
        return check == 97 - body % 97
    }
}
