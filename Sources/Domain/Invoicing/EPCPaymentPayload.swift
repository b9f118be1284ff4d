/// The text of the EPC QR code ("SEPA credit transfer" payload, EPC069-12 version 002)
/// printed on an invoice (issue 13 item 2; INVOICING-RULES §4): a banking app scanning
/// it fills in beneficiary, IBAN, amount and the structured reference.
///
/// Eleven LF-separated lines: `BCD`, `002`, `1` (UTF-8), `SCT`, the BIC (optional in
/// 002), the beneficiary name (≤ 70 characters), the IBAN, `EUR` + the amount with a
/// dot, the purpose (empty), the 12-digit structured reference (on the structured line,
/// never as free text: letspeppol #274), and the free text (empty, since only one of
/// reference and text may be given). At most 331 bytes.
public struct EPCPaymentPayload: Sendable, Hashable {
    public let text: String

    /// The payload, or nil when there is nothing to pay by transfer: not EUR, an amount
    /// outside 0.01 … 999 999 999.99, no IBAN, or a text longer than 331 bytes.
    public init?(
        beneficiary: String, iban: String?, bic: String?, amount: Money, reference: StructuredCommunication?
    ) {
        guard amount.currency.code == "EUR", (1...99_999_999_999).contains(amount.amountMinor) else { return nil }
        guard let iban, !iban.isEmpty else { return nil }
        let name = String(beneficiary.filter { !$0.isNewline }.prefix(70))
        guard !name.isEmpty else { return nil }
        let lines = [
            "BCD", "002", "1", "SCT", bic ?? "", name, iban, "EUR" + amount.decimalString, "", reference?.digits ?? "", "",
        ]
        let text = lines.joined(separator: "\n")
        guard text.utf8.count <= 331 else { return nil }
        self.text = text
    }
}
