/// The late-payment terms a formal notice states to a business client (SPEC §5):
/// interest at the half-year's rate from the day after the due date, and the fixed
/// compensation of 40.00 EUR.
public enum LatePaymentTerms {
    /// The paragraph in `language`; `rateBP` is the rate of the half-year the notice is
    /// written in (nil: none set, the paragraph then names the statutory rate).
    public static func paragraph(language: DocumentLanguage, dueDate: LocalDate, rateBP: Int?) -> String {
        let day = (try? dueDate.adding(days: 1)) ?? dueDate
        let rate = rateBP.map { FixedPoint.format(Int64($0), scale: 2) + " %" }
        switch language {
        case .en:
            return "Under the Belgian law of 2 August 2002 on late payment in commercial transactions, interest is due by law "
                + "from \(day) at \(rate ?? "the statutory rate") a year (ECB reference rate + 8 points, set per half-year) "
                + "on the unpaid balance, together with a fixed compensation for recovery costs of 40.00 EUR."
        case .fr:
            return "Conformément à la loi du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions "
                + "commerciales, des intérêts sont dus de plein droit à partir du \(day) au taux de \(rate ?? "taux légal") l'an "
                + "(taux de référence de la BCE + 8 points, fixé par semestre) sur le solde impayé, ainsi qu'une indemnité "
                + "forfaitaire pour frais de recouvrement de 40,00 EUR."
        case .nl:
            return "Overeenkomstig de wet van 2 augustus 2002 betreffende de bestrijding van de betalingsachterstand bij "
                + "handelstransacties is van rechtswege een intrest verschuldigd vanaf \(day) tegen \(rate ?? "de wettelijke rentevoet") "
                + "per jaar (ECB-referentierente + 8 punten, per halfjaar vastgesteld) op het onbetaalde saldo, samen met een "
                + "forfaitaire vergoeding voor invorderingskosten van 40,00 EUR."
        case .de:
            return "Gemäß dem belgischen Gesetz vom 2. August 2002 zur Bekämpfung von Zahlungsverzug im Geschäftsverkehr sind ab "
                + "dem \(day) von Rechts wegen Verzugszinsen von \(rate ?? "dem gesetzlichen Satz") pro Jahr (EZB-Referenzzinssatz "
                + "+ 8 Prozentpunkte, halbjährlich festgelegt) auf den offenen Betrag geschuldet, zuzüglich einer Pauschale für "
                + "Beitreibungskosten von 40,00 EUR."
        }
    }
}
