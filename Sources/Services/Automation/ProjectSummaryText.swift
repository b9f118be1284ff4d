public import Domain
import Foundation

/// The words of a progress summary e-mail, in the client's language. Figures are written
/// as the API writes them (hours with two decimals, amounts with their currency), so the
/// budget lines read exactly as `GET /projects/{id}/budget`.
public enum ProjectSummaryText {
    struct Labels {
        let summary: String, week: String, month: String, hours: String, billable: String, toDate: String
        let budget: String, budgeted: String, consumed: String, remaining: String
        let milestones: String, validations: String, unpaid: String
        let greeting: String, closing: String
        let due: String
        let retainer: String, included: String, overage: String, open: String
    }

    static func labels(_ language: DocumentLanguage) -> Labels {
        switch language {
        case .en:
            Labels(
                summary: "Progress summary", week: "week", month: "month", hours: "Hours this period", billable: "billable",
                toDate: "Hours to date", budget: "Budget", budgeted: "Budgeted", consumed: "Consumed", remaining: "Remaining",
                milestones: "Milestones", validations: "Waiting for your validation", unpaid: "Unpaid invoices", greeting: "Dear",
                closing: "Kind regards,", due: "due",
                retainer: "Retainer", included: "Included", overage: "Overage", open: "Open")
        case .fr:
            Labels(
                summary: "Récapitulatif d'avancement", week: "semaine", month: "mois", hours: "Heures de la période",
                billable: "facturables", toDate: "Heures à ce jour", budget: "Budget", budgeted: "Budgété", consumed: "Consommé",
                remaining: "Restant", milestones: "Jalons", validations: "En attente de votre validation", unpaid: "Factures impayées",
                greeting: "Bonjour", closing: "Bien cordialement,", due: "échéance",
                retainer: "Forfait", included: "Inclus", overage: "Dépassement", open: "Ouvrir")
        case .nl:
            Labels(
                summary: "Voortgangsoverzicht", week: "week", month: "maand", hours: "Uren deze periode", billable: "factureerbaar",
                toDate: "Uren tot nu", budget: "Budget", budgeted: "Begroot", consumed: "Verbruikt", remaining: "Resterend",
                milestones: "Mijlpalen", validations: "Wacht op uw validatie", unpaid: "Onbetaalde facturen", greeting: "Beste",
                closing: "Met vriendelijke groeten,", due: "vervaldag",
                retainer: "Retainer", included: "Inbegrepen", overage: "Overschrijding", open: "Openen")
        case .de:
            Labels(
                summary: "Fortschrittsbericht", week: "Woche", month: "Monat", hours: "Stunden im Zeitraum", billable: "abrechenbar",
                toDate: "Stunden bisher", budget: "Budget", budgeted: "Budgetiert", consumed: "Verbraucht", remaining: "Verbleibend",
                milestones: "Meilensteine", validations: "Wartet auf Ihre Freigabe", unpaid: "Offene Rechnungen", greeting: "Hallo",
                closing: "Mit freundlichen Grüßen", due: "fällig",
                retainer: "Retainer", included: "Enthalten", overage: "Mehrstunden", open: "Öffnen")
        }
    }

    public static func subject(_ summary: ProjectSummary, language: DocumentLanguage, agency: String) -> String {
        let words = labels(language)
        return "\(words.summary) \(summary.project.name) (\(summary.period.from) – \(summary.period.to)) — \(agency)"
    }

    /// "12.50 h · 1187.50 EUR" (either part left out when not known or not shown).
    static func figure(_ figure: BudgetReport.Figure) -> String {
        var parts: [String] = []
        if let minutes = figure.minutes { parts.append("\(WorkHours.decimalString(fromMinutes: minutes)) h") }
        if let amount = figure.amount { parts.append("\(amount.decimalString) \(amount.currency.code)") }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    static func hours(_ minutes: Int) -> String { WorkHours.decimalString(fromMinutes: minutes) + " h" }

    static func dueSuffix(_ date: LocalDate?, _ words: Labels) -> String {
        guard let date else { return "" }
        return " (" + words.due + " " + date.description + ")"
    }

    /// The retainer lines: the period, then included, consumed, remaining and overage
    /// hours (the overage's amount too when the reader sees money).
    static func retainer(_ view: RetainerPeriodView, _ words: Labels) -> [String] {
        let usage = view.usage
        var overage = hours(usage.overageMinutes)
        if let amount = view.overageAmount { overage += " · \(amount.decimalString) \(amount.currency.code)" }
        return [
            words.retainer + " (" + usage.period.start.description + " – " + usage.period.lastDay.description + ")",
            words.included + ": " + hours(usage.includedMinutes), words.consumed + ": " + hours(usage.consumedMinutes),
            words.remaining + ": " + hours(usage.remainingMinutes), words.overage + ": " + overage,
        ]
    }

    /// `links`: a fresh signed link per pending validation (the e-mail's; none in the account).
    public static func body(
        _ summary: ProjectSummary, recipient: String, language: DocumentLanguage, agency: String, links: [ValidationID: String] = [:]
    ) -> String {
        let words = labels(language)
        let hoursSummary: SummaryHours = summary.hours
        let periodWord: String = summary.period.kind == .week ? words.week : words.month
        let periodText: String = summary.period.from.description + " – " + summary.period.to.description
        let period: String = hours(hoursSummary.periodMinutes) + " (" + words.billable + ": " + hours(hoursSummary.periodBillableMinutes) + ")"
        let toDate: String = hours(hoursSummary.toDateMinutes) + " (" + words.billable + ": " + hours(hoursSummary.toDateBillableMinutes) + ")"
        var lines: [String] = [words.greeting + " " + recipient + ",", ""]
        lines.append(summary.project.name + " (" + summary.project.code + "), " + periodWord + " " + periodText)
        lines.append("")
        lines.append(words.hours + ": " + period)
        lines.append(words.toDate + ": " + toDate)
        lines.append("")
        lines.append(words.budget)
        lines.append(words.budgeted + ": " + figure(summary.budget.current))
        lines.append(words.consumed + ": " + figure(summary.budget.consumed))
        lines.append(words.remaining + ": " + figure(summary.budget.remaining))
        if let retainer = summary.retainer { lines += [""] + Self.retainer(retainer, words) }
        if !summary.milestones.isEmpty {
            lines += ["", words.milestones]
            for milestone in summary.milestones {
                lines.append("- " + milestone.name + ": " + milestone.status.rawValue + dueSuffix(milestone.dueDate, words))
            }
        }
        if !summary.pendingValidations.isEmpty {
            lines += ["", words.validations]
            for record in summary.pendingValidations {
                var line: String = "- " + record.kind.rawValue
                if let from = record.periodFrom { line += " " + from.description }
                if let to = record.periodTo { line += " – " + to.description }
                lines.append(line)
                if let link = links[record.id] { lines.append("  " + words.open + ": " + link) }
            }
        }
        if let unpaid = summary.unpaidInvoices, !unpaid.isEmpty {
            lines += ["", words.unpaid]
            for view in unpaid {
                let number: String = view.invoice.issue?.number ?? ""
                let balance: String = view.balance.decimalString + " " + view.balance.currency.code
                lines.append("- " + number + ": " + balance + dueSuffix(view.invoice.dueDate, words))
            }
        }
        lines += ["", words.closing, agency]
        return lines.joined(separator: "\n")
    }
}
