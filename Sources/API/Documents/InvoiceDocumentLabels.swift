import Domain
import Foundation

/// The words of invoice documents (issue 13 item 1), one catalog per language of the
/// client (`en`, `fr`, `nl`, `de`). Sentences with a blank take their values through
/// the functions below, so each language keeps its own word order.
struct InvoiceDocumentLabels: Sendable {
    let invoice: String
    let deposit: String
    let creditNote: String
    let draft: String
    let draftNote: String
    let seller: String
    let buyer: String
    let number: String
    let issueDate: String
    let period: String
    let vatNumber: String
    let companyNumber: String
    let email: String
    let buyerReference: String
    let orderReference: String
    let description: String
    let quantity: String
    let unitPrice: String
    let vatRate: String
    let net: String
    let vatBreakdown: String
    let taxableBase: String
    let vatAmount: String
    let totalExclVAT: String
    let totalVAT: String
    let totalInclVAT: String
    let payable: String
    let payment: String
    let dueDate: String
    let iban: String
    let bic: String
    let communication: String
    let scanToPay: String
    let depositNote: String
    let reason: String
    let notes: String
    let lateClause: String
    let hoursUnit: String
    let unitsUnit: String
    /// "Payment within 30 days" (`%d` is the number of days).
    let termsFormat: String
    /// "Deduction of deposit invoice %1 of %2".
    let deductionFormat: String
    /// "Credit note for invoice %1 of %2".
    let creditsFormat: String
    /// The time annex page: its title and column heads.
    let annex: String
    let workDate: String
    let person: String
    let hours: String
    let entryNote: String
    let annexTotal: String

    static func of(_ language: DocumentLanguage) -> InvoiceDocumentLabels {
        switch language {
        case .en:
            InvoiceDocumentLabels(
                invoice: "Invoice", deposit: "Deposit invoice", creditNote: "Credit note", draft: "DRAFT",
                draftNote: "Preview of a draft: not an invoice. It gets its number when it is issued.", seller: "Seller", buyer: "Buyer",
                number: "Number", issueDate: "Issue date", period: "Invoice period", vatNumber: "VAT", companyNumber: "Company number",
                email: "E-mail", buyerReference: "Your reference", orderReference: "Order reference", description: "Description",
                quantity: "Quantity", unitPrice: "Unit price excl. VAT", vatRate: "VAT", net: "Net amount", vatBreakdown: "VAT breakdown",
                taxableBase: "Taxable base", vatAmount: "VAT amount", totalExclVAT: "Total excl. VAT", totalVAT: "Total VAT",
                totalInclVAT: "Total incl. VAT", payable: "Amount due", payment: "Payment", dueDate: "Due date", iban: "IBAN", bic: "BIC",
                communication: "Structured communication", scanToPay: "Scan with your banking app to pay",
                depositNote: "This is a deposit invoice: an advance on the work, deducted from the invoices that follow.",
                reason: "Reason", notes: "Notes",
                lateClause:
                    "Any amount unpaid on its due date bears, by operation of law and without notice, interest at the rate of the Belgian law of 2 August 2002 on late payment in commercial transactions, and a fixed compensation of EUR 40.",
                hoursUnit: "h", unitsUnit: "unit(s)", termsFormat: "Payment within %d days", deductionFormat: "Deduction of deposit invoice %1 of %2",
                creditsFormat: "Credit note for invoice %1 of %2", annex: "Annex: time detail", workDate: "Date", person: "Person",
                hours: "Hours", entryNote: "Note", annexTotal: "Total")
        case .fr:
            InvoiceDocumentLabels(
                invoice: "Facture", deposit: "Facture d’acompte", creditNote: "Note de crédit", draft: "BROUILLON",
                draftNote: "Aperçu d’un brouillon : ce n’est pas une facture. Elle reçoit son numéro à l’émission.", seller: "Fournisseur",
                buyer: "Client", number: "Numéro", issueDate: "Date d’émission", period: "Période de facturation", vatNumber: "TVA",
                companyNumber: "Numéro d’entreprise", email: "E-mail", buyerReference: "Votre référence", orderReference: "Bon de commande",
                description: "Description", quantity: "Quantité", unitPrice: "Prix unitaire HTVA", vatRate: "TVA", net: "Montant HTVA",
                vatBreakdown: "Récapitulatif TVA", taxableBase: "Base imposable", vatAmount: "Montant TVA", totalExclVAT: "Total HTVA",
                totalVAT: "Total TVA", totalInclVAT: "Total TVAC", payable: "Montant à payer", payment: "Paiement", dueDate: "Échéance",
                iban: "IBAN", bic: "BIC", communication: "Communication structurée", scanToPay: "Scannez avec votre application bancaire pour payer",
                depositNote: "Ceci est une facture d’acompte : une avance sur les travaux, déduite des factures qui suivent.",
                reason: "Motif", notes: "Remarques",
                lateClause:
                    "Tout montant impayé à l’échéance porte de plein droit et sans mise en demeure un intérêt au taux de la loi belge du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales, ainsi qu’une indemnité forfaitaire de 40 EUR.",
                hoursUnit: "h", unitsUnit: "unité(s)", termsFormat: "Paiement à %d jours", deductionFormat: "Déduction de la facture d’acompte %1 du %2",
                creditsFormat: "Note de crédit relative à la facture %1 du %2", annex: "Annexe : détail des prestations", workDate: "Date",
                person: "Personne", hours: "Heures", entryNote: "Remarque", annexTotal: "Total")
        case .nl:
            InvoiceDocumentLabels(
                invoice: "Factuur", deposit: "Voorschotfactuur", creditNote: "Creditnota", draft: "ONTWERP",
                draftNote: "Voorbeeld van een ontwerp: geen factuur. Het nummer volgt bij de uitgifte.", seller: "Leverancier", buyer: "Klant",
                number: "Nummer", issueDate: "Uitgiftedatum", period: "Factuurperiode", vatNumber: "Btw", companyNumber: "Ondernemingsnummer",
                email: "E-mail", buyerReference: "Uw referentie", orderReference: "Bestelbon", description: "Omschrijving", quantity: "Aantal",
                unitPrice: "Eenheidsprijs excl. btw", vatRate: "Btw", net: "Nettobedrag", vatBreakdown: "Btw-overzicht",
                taxableBase: "Maatstaf van heffing", vatAmount: "Btw-bedrag", totalExclVAT: "Totaal excl. btw", totalVAT: "Totaal btw",
                totalInclVAT: "Totaal incl. btw", payable: "Te betalen", payment: "Betaling", dueDate: "Vervaldatum", iban: "IBAN", bic: "BIC",
                communication: "Gestructureerde mededeling", scanToPay: "Scan met uw bankapp om te betalen",
                depositNote: "Dit is een voorschotfactuur: een voorschot op het werk, afgetrokken van de facturen die volgen.",
                reason: "Reden", notes: "Opmerkingen",
                lateClause:
                    "Elk bedrag dat op de vervaldag onbetaald is, brengt van rechtswege en zonder ingebrekestelling een interest op tegen de rentevoet van de Belgische wet van 2 augustus 2002 betreffende de bestrijding van de betalingsachterstand bij handelstransacties, en een forfaitaire vergoeding van 40 EUR.",
                hoursUnit: "u", unitsUnit: "stuk(s)", termsFormat: "Betaling binnen %d dagen", deductionFormat: "Aftrek van voorschotfactuur %1 van %2",
                creditsFormat: "Creditnota bij factuur %1 van %2", annex: "Bijlage: detail van de prestaties", workDate: "Datum",
                person: "Persoon", hours: "Uren", entryNote: "Opmerking", annexTotal: "Totaal")
        case .de:
            InvoiceDocumentLabels(
                invoice: "Rechnung", deposit: "Anzahlungsrechnung", creditNote: "Gutschrift", draft: "ENTWURF",
                draftNote: "Vorschau eines Entwurfs: keine Rechnung. Die Nummer wird bei der Ausstellung vergeben.", seller: "Lieferant",
                buyer: "Kunde", number: "Nummer", issueDate: "Ausstellungsdatum", period: "Leistungszeitraum", vatNumber: "USt-IdNr.",
                companyNumber: "Unternehmensnummer", email: "E-Mail", buyerReference: "Ihre Referenz", orderReference: "Bestellung",
                description: "Beschreibung", quantity: "Menge", unitPrice: "Einzelpreis netto", vatRate: "USt.", net: "Nettobetrag",
                vatBreakdown: "USt.-Aufstellung", taxableBase: "Bemessungsgrundlage", vatAmount: "USt.-Betrag", totalExclVAT: "Summe netto",
                totalVAT: "Summe USt.", totalInclVAT: "Gesamtbetrag brutto", payable: "Zahlbetrag", payment: "Zahlung", dueDate: "Fällig am",
                iban: "IBAN", bic: "BIC", communication: "Strukturierte Mitteilung", scanToPay: "Zum Bezahlen mit Ihrer Banking-App scannen",
                depositNote: "Dies ist eine Anzahlungsrechnung: eine Vorauszahlung auf die Leistungen, die von den folgenden Rechnungen abgezogen wird.",
                reason: "Grund", notes: "Hinweise",
                lateClause:
                    "Jeder am Fälligkeitstag unbezahlte Betrag wird von Rechts wegen und ohne Mahnung mit Zinsen zum Satz des belgischen Gesetzes vom 2. August 2002 zur Bekämpfung des Zahlungsverzugs im Handelsverkehr sowie einer Pauschalentschädigung von 40 EUR belegt.",
                hoursUnit: "Std.", unitsUnit: "Stück", termsFormat: "Zahlbar innerhalb von %d Tagen",
                deductionFormat: "Abzug der Anzahlungsrechnung %1 vom %2", creditsFormat: "Gutschrift zur Rechnung %1 vom %2", annex: "Anlage: Leistungsnachweis",
                workDate: "Datum", person: "Person", hours: "Stunden", entryNote: "Notiz", annexTotal: "Summe")
        }
    }

    /// The mention of reverse-charge lines, in the three languages the issue asks for
    /// whatever the client's language (Belgian practice: the legal wording is given in
    /// French, Dutch and English).
    static let reverseCharge = "Autoliquidation / Verlegging van heffing / Reverse charge"

    func terms(days: Int) -> String { termsFormat.replacingOccurrences(of: "%d", with: String(days)) }

    func deduction(number: String, date: String) -> String {
        deductionFormat.replacingOccurrences(of: "%1", with: number).replacingOccurrences(of: "%2", with: date)
    }

    func credits(number: String, date: String) -> String {
        creditsFormat.replacingOccurrences(of: "%1", with: number).replacingOccurrences(of: "%2", with: date)
    }

    /// A date as the language writes it on invoices: `2026-12-07` (en), `07/12/2026`
    /// (fr, nl: Belgian usage), `07.12.2026` (de).
    static func date(_ date: LocalDate, in language: DocumentLanguage) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        switch language {
        case .en: return date.description
        case .fr, .nl: return "\(day)/\(month)/\(date.year)"
        case .de: return "\(day).\(month).\(date.year)"
        }
    }
}
