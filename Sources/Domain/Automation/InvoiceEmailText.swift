/// The words of the e-mail that carries an invoice (`POST /invoices/{id}/send`), in the
/// client's language.
public enum InvoiceEmailText {
    public struct Facts: Sendable {
        public let number: String
        public let issueDate: LocalDate
        public let dueDate: LocalDate?
        /// "11582.88 EUR".
        public let amount: String
        public let paymentReference: String?
        public let agencyName: String
        public let isCreditNote: Bool

        public init(
            number: String, issueDate: LocalDate, dueDate: LocalDate?, amount: String, paymentReference: String?, agencyName: String,
            isCreditNote: Bool
        ) {
            self.number = number
            self.issueDate = issueDate
            self.dueDate = dueDate
            self.amount = amount
            self.paymentReference = paymentReference
            self.agencyName = agencyName
            self.isCreditNote = isCreditNote
        }
    }

    public static func subject(_ facts: Facts, language: DocumentLanguage) -> String {
        let (invoice, creditNote, from) =
            switch language {
            case .en: ("Invoice", "Credit note", "from")
            case .fr: ("Facture", "Note de crédit", "de")
            case .nl: ("Factuur", "Creditnota", "van")
            case .de: ("Rechnung", "Gutschrift", "von")
            }
        return "\(facts.isCreditNote ? creditNote : invoice) \(facts.number) \(from) \(facts.agencyName)"
    }

    public static func body(_ facts: Facts, recipient: String, language: DocumentLanguage) -> String {
        let due = facts.dueDate.map(\.description) ?? ""
        let reference = facts.paymentReference ?? ""
        switch language {
        case .en:
            return "Dear \(recipient),\n\nPlease find attached \(facts.isCreditNote ? "credit note" : "invoice") \(facts.number) of "
                + "\(facts.issueDate) for \(facts.amount)" + (facts.dueDate == nil ? "." : ", due on \(due).")
                + (reference.isEmpty ? "" : "\nPayment reference: \(reference)")
                + "\n\nThe PDF is for reading; the XML file is the same document as a Peppol BIS 3.0 e-invoice for your accounting."
                + "\n\nKind regards,\n\(facts.agencyName)"
        case .fr:
            return "Madame, Monsieur,\n\nVeuillez trouver ci-joint \(facts.isCreditNote ? "la note de crédit" : "la facture") "
                + "\(facts.number) du \(facts.issueDate) d'un montant de \(facts.amount)"
                + (facts.dueDate == nil ? "." : ", à payer pour le \(due).")
                + (reference.isEmpty ? "" : "\nCommunication structurée : \(reference)")
                + "\n\nLe PDF est destiné à la lecture ; le fichier XML est le même document en facture électronique Peppol BIS 3.0."
                + "\n\nBien cordialement,\n\(facts.agencyName)"
        case .nl:
            return "Geachte \(recipient),\n\nIn bijlage vindt u \(facts.isCreditNote ? "creditnota" : "factuur") \(facts.number) van "
                + "\(facts.issueDate) voor \(facts.amount)" + (facts.dueDate == nil ? "." : ", te betalen tegen \(due).")
                + (reference.isEmpty ? "" : "\nGestructureerde mededeling: \(reference)")
                + "\n\nDe pdf is om te lezen; het XML-bestand is hetzelfde document als Peppol BIS 3.0 e-factuur."
                + "\n\nMet vriendelijke groeten,\n\(facts.agencyName)"
        case .de:
            return "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie \(facts.isCreditNote ? "die Gutschrift" : "die Rechnung") "
                + "\(facts.number) vom \(facts.issueDate) über \(facts.amount)" + (facts.dueDate == nil ? "." : ", fällig am \(due).")
                + (reference.isEmpty ? "" : "\nZahlungsreferenz: \(reference)")
                + "\n\nDas PDF dient zum Lesen; die XML-Datei ist dasselbe Dokument als Peppol-BIS-3.0-E-Rechnung."
                + "\n\nMit freundlichen Grüßen\n\(facts.agencyName)"
        }
    }
}
