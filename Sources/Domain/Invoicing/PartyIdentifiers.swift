/// Normalisation shared by the identifiers people type with spaces, dots and dashes
/// (`0123.456.749`, `BE 0123 456 749`, `BE68 5390 0754 7034`).
enum IdentifierText {
    /// `raw` upper-cased, without spaces, dots and dashes.
    static func compact(_ raw: String) -> String {
        String(raw.uppercased().unicodeScalars.filter { !" .-\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Whether every character is an ASCII digit (and there is at least one).
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Whether every character is an ASCII upper-case letter or digit.
    static func isUpperAlphanumeric(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
    }

    /// Whether every character is an ASCII upper-case letter.
    static func isUpperLetters(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x41...0x5A).contains($0) }
    }
}
