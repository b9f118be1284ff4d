/// International Bank Account Numbers (ISO 13616): country code, two check digits and
/// a national account number of a length fixed per country; valid when the number,
/// rearranged and read as digits (A = 10 … Z = 35), is 1 mod 97.
public enum IBAN {
    /// The length of a whole IBAN per country: every SEPA country (EU/EEA, CH, GB, MC,
    /// SM, VA, AD, and the UK Crown dependencies use GB) plus common others. From the
    /// SWIFT IBAN Registry. A country missing here is refused:
    /// add it here rather than accept an unknown length.
    public static let lengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
        "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
        "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
        "SI": 19, "SK": 24, "SM": 27, "VA": 22,
        // Outside SEPA, still met on invoices of a Belgian agency.
        "AL": 28, "AE": 23, "BA": 20, "FO": 18, "GL": 18, "IL": 23, "ME": 22, "MK": 19, "RS": 22, "SA": 24, "TR": 26,
        "UA": 29, "XK": 20,
    ]

    /// `raw` compacted and upper-cased (`be68 5390 0754 7034` → `BE68539007547034`) when
    /// valid, else nil.
    public static func normalized(_ raw: String) -> String? {
        let iban = IdentifierText.compact(raw)
        return isValid(iban) ? iban : nil
    }

    /// Whether `iban` (compact, upper case) has its country's length and a 1 mod 97 check.
    public static func isValid(_ iban: String) -> Bool {
        guard IdentifierText.isUpperAlphanumeric(iban), let length = lengths[String(iban.prefix(2))], iban.count == length,
            IdentifierText.isDigits(iban.dropFirst(2).prefix(2))
        else { return false }
        return mod97(String(iban.dropFirst(4) + iban.prefix(4))) == 1
    }

    /// The remainder mod 97 of `text` read as digits, letters as 10…35, done piecewise
    /// so that no number overflows.
    static func mod97(_ text: String) -> Int {
        var remainder = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if (48...57).contains(value) {
                remainder = (remainder * 10 + value - 48) % 97
            } else {
                remainder = (remainder * 100 + value - 55) % 97
            }
        }
        return remainder
    }
}
