import Foundation

/// The words the validation pages added for issue 11 items 12–15, per
/// ``ClientLanguage``: a small catalog, one value per language. The pages' older
/// sentences are still English only; these labels are rendered inside elements that
/// carry their own `lang`, so screen readers pronounce them right. `dispute` heads the
/// checkboxes of the disputed entries (one line the client objects to); the decision
/// itself is accept/reject (see the glossary in openapi.yaml).
struct ValidationLabels: Sendable {
    let task: String
    let hours: String
    let total: String
    let date: String
    let person: String
    let note: String
    let dispute: String
    let amountExclVAT: String
    let toBeBilled: String
    let billableHeading: String
    let nonBillableHeading: String
    let notCharged: String
    let vatExcluded: String
    let dailyDetail: String
    let dailyDetailHint: String
    let pricesExcludeVAT: String

    static func of(_ language: ClientLanguage) -> ValidationLabels {
        switch language {
        case .en:
            ValidationLabels(
                task: "Task", hours: "Hours", total: "Total", date: "Date", person: "Person", note: "Note", dispute: "Dispute",
                amountExclVAT: "Amount (excl. VAT)", toBeBilled: "To be billed", billableHeading: "Billable hours",
                nonBillableHeading: "Non-billable hours", notCharged: "not charged",
                vatExcluded: "Amounts exclude VAT, which is added on the invoice.", dailyDetail: "Day by day",
                dailyDetailHint: "Open a task to see each day. Tick the entries you dispute: if you reject the hours, they are sent with your comment.",
                pricesExcludeVAT: "Prices exclude VAT, which is added on the invoice.")
        case .fr:
            ValidationLabels(
                task: "Tâche", hours: "Heures", total: "Total", date: "Date", person: "Personne", note: "Note", dispute: "Contester",
                amountExclVAT: "Montant (hors TVA)", toBeBilled: "À facturer", billableHeading: "Heures facturables",
                nonBillableHeading: "Heures non facturables", notCharged: "non facturé",
                vatExcluded: "Montants hors TVA ; la TVA est ajoutée sur la facture.", dailyDetail: "Jour par jour",
                dailyDetailHint:
                    "Ouvrez une tâche pour voir chaque jour. Cochez les prestations que vous contestez : si vous refusez les heures, elles sont envoyées avec votre commentaire.",
                pricesExcludeVAT: "Prix hors TVA ; la TVA est ajoutée sur la facture.")
        case .nl:
            ValidationLabels(
                task: "Taak", hours: "Uren", total: "Totaal", date: "Datum", person: "Persoon", note: "Notitie", dispute: "Betwisten",
                amountExclVAT: "Bedrag (excl. btw)", toBeBilled: "Te factureren", billableHeading: "Factureerbare uren",
                nonBillableHeading: "Niet-factureerbare uren", notCharged: "niet aangerekend",
                vatExcluded: "Bedragen zonder btw; de btw komt op de factuur.", dailyDetail: "Dag per dag",
                dailyDetailHint:
                    "Open een taak om elke dag te zien. Vink de prestaties aan die u betwist: als u de uren weigert, worden ze met uw opmerking verstuurd.",
                pricesExcludeVAT: "Prijzen zonder btw; de btw komt op de factuur.")
        case .de:
            ValidationLabels(
                task: "Aufgabe", hours: "Stunden", total: "Summe", date: "Datum", person: "Person", note: "Notiz", dispute: "Beanstanden",
                amountExclVAT: "Betrag (ohne MwSt.)", toBeBilled: "Abzurechnen", billableHeading: "Abrechenbare Stunden",
                nonBillableHeading: "Nicht abrechenbare Stunden", notCharged: "nicht berechnet",
                vatExcluded: "Beträge ohne MwSt.; die MwSt. wird auf der Rechnung hinzugefügt.", dailyDetail: "Tag für Tag",
                dailyDetailHint:
                    "Öffnen Sie eine Aufgabe, um jeden Tag zu sehen. Kreuzen Sie die Einträge an, die Sie beanstanden: Wenn Sie die Stunden ablehnen, werden sie mit Ihrem Kommentar gesendet.",
                pricesExcludeVAT: "Preise ohne MwSt.; die MwSt. wird auf der Rechnung hinzugefügt.")
        }
    }

    /// The accessible name of an entry's checkbox: "Dispute 2026-03-02, Ana Lima, 1.50 h".
    func disputeEntry(date: String, person: String, hours: String) -> String {
        "\(dispute) \(date), \(person), \(hours) h"
    }

    /// An expense category as a word of this language (`software_licence` → "Software licence").
    static func category(_ wireName: String, in language: ClientLanguage) -> String {
        let words: [String: [ClientLanguage: String]] = [
            "travel": [.en: "Travel", .fr: "Déplacement", .nl: "Reiskosten", .de: "Reisekosten"],
            "software_licence": [.en: "Software licence", .fr: "Licence logicielle", .nl: "Softwarelicentie", .de: "Softwarelizenz"],
            "subcontracting": [.en: "Subcontracting", .fr: "Sous-traitance", .nl: "Onderaanneming", .de: "Unterauftrag"],
            "equipment": [.en: "Equipment", .fr: "Matériel", .nl: "Materiaal", .de: "Ausstattung"],
            "other": [.en: "Other", .fr: "Autre", .nl: "Overige", .de: "Sonstiges"],
        ]
        if let word = words[wireName]?[language] { return word }
        let spaced = wireName.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    /// "To ask for a new link, write to Lena Roy (lena@agency.example) at Atelier Nord."
    static func newLink(agency: String, name: String, email: String, in language: ClientLanguage) -> (before: String, after: String) {
        let who = name.isEmpty ? "" : "\(name) "
        switch language {
        case .en: return ("To ask for a new link, write to \(who)at ", agency.isEmpty ? "." : " (\(agency)).")
        case .fr: return ("Pour recevoir un nouveau lien, écrivez à \(who)à l’adresse ", agency.isEmpty ? "." : " (\(agency)).")
        case .nl: return ("Vraag een nieuwe link aan bij \(who)via ", agency.isEmpty ? "." : " (\(agency)).")
        case .de: return ("Einen neuen Link erhalten Sie bei \(who)unter ", agency.isEmpty ? "." : " (\(agency)).")
        }
    }
}
