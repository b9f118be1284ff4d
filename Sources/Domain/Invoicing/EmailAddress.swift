/// The shape of an e-mail address as invoices carry it (the seller's contact, BT-43):
/// one `@`, a local part, a domain with a dot, no spaces, at most 254 characters. Not
/// RFC 5322 in full: quoted local parts are refused, which no invoice needs.
public enum EmailAddress {
    public static func isValid(_ address: String) -> Bool {
        guard address.count <= 254, !address.contains(where: \.isWhitespace) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }
}
