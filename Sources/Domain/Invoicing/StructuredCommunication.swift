/// The Belgian structured communication (OGM/VCS) a payer quotes so the payment is
/// matched to its invoice: 10 digits and 2 check digits (the 10-digit value mod 97,
/// or 97 when that is 0), shown as `+++ddd/dddd/ddddd+++`.
public struct StructuredCommunication: Hashable, Sendable, CustomStringConvertible {
    /// The 12 digits, check digits included (the "digital form").
    public let digits: String

    /// From a 10-digit base (0 … 9 999 999 999).
    public init?(base: Int64) {
        guard (0...9_999_999_999).contains(base) else { return nil }
        let check = base % 97 == 0 ? 97 : base % 97
        let baseText = String(base)
        let checkText = String(check)
        digits = String(repeating: "0", count: 10 - baseText.count) + baseText + (check < 10 ? "0" : "") + checkText
    }

    /// The communication of an invoice numbered `counter` in `year`: the base is
    /// `year × 10⁶ + counter`, unique within a series as long as a year has fewer
    /// than a million invoices (2026, 123 → 2026000123 → `+++202/6000/12320+++`).
    public init?(year: Int, counter: Int) {
        guard (0...9999).contains(year), (0..<1_000_000).contains(counter) else { return nil }
        self.init(base: Int64(year) * 1_000_000 + Int64(counter))
    }

    /// Reads one as a payer may type it: `+++010/8068/17183+++`, `***…***`, or the 12
    /// digits with any spaces, slashes or plus signs; nil unless the check digits hold.
    public init?(parsing text: String) {
        var kept = ""
        for character in text {
            if character.isASCII, character.isNumber {
                kept.append(character)
            } else if !" +*/-.".contains(character) {
                return nil
            }
        }
        guard kept.count == 12, let base = Int64(kept.prefix(10)), let check = Int64(kept.suffix(2)) else { return nil }
        guard let expected = StructuredCommunication(base: base), expected.digits.suffix(2) == String(format2(check)) else {
            return nil
        }
        self = expected
    }

    /// `+++010/8068/17183+++`.
    public var description: String {
        let characters = Array(digits)
        return "+++\(String(characters[0..<3]))/\(String(characters[3..<7]))/\(String(characters[7..<12]))+++"
    }
}

private func format2(_ value: Int64) -> String {
    value < 10 ? "0\(value)" : String(value)
}
