/// Business Identifier Codes (ISO 9362): 4 letters (party prefix), 2 letters (an
/// ISO 3166-1 country), 2 letters or digits (suffix), optionally 3 more (branch):
/// `GEBABEBB`, `GKCCBEBB`, `DEUTDEFF500`.
public enum BIC {
    /// `raw` compacted and upper-cased when it has the shape of a BIC, else nil.
    public static func normalized(_ raw: String) -> String? {
        let bic = IdentifierText.compact(raw)
        return isValid(bic) ? bic : nil
    }

    /// Whether `bic` (upper case) has the shape of a BIC with an assigned country code.
    public static func isValid(_ bic: String) -> Bool {
        guard bic.count == 8 || bic.count == 11, IdentifierText.isUpperAlphanumeric(bic) else { return false }
        let characters = Array(bic)
        return IdentifierText.isUpperLetters(String(characters[0..<4]))
            && CountryCode.isAssigned(String(characters[4..<6]))
    }
}
