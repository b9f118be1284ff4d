public import Domain
import Foundation

/// The words of a progress summary e-mail, in the client's language. Figures are written
/// as the API writes them (hours with two decimals, amounts with their currency), so the
/// budget lines read exactly as `GET /projects/{id}/budget`.
public enum ProjectSummaryText {
    struct Labels {
        let summary, week, month, hours, billable, toDate, budget, budgeted, consumed, remaining, milestones, validations, unpaid
        let greeting, closing: String
        let due: String
    }

    static func labels(_ language: DocumentLanguage) -> Labels {
        switch language {
        case .en:
            Labels(
                summary: "Progress summary", week: "week", month: "month", hours: "Hours this period", billable: "billable",
                toDate: "Hours to date", budget: "Budget", budgeted: "Budgeted", consumed: "Consumed", remaining: "Remaining",
                milestones: "Milestones", validations: "Waiting for your validation", unpaid: "Unpaid invoices", greeting: "Dear",
                closing: "Kind regards,", due: "due")
        case .fr:
            Labels(
                summary: "Récapitulatif d'avancement", week: "semaine", month: "mois", hours: "Heures de la période",
                billable: "facturables", toDate: "Heures à ce jour", budget: "Budget", budgeted: "Budgété", consumed: "Consommé",
                remaining: "Restant", milestones: "Jalons", validations: "En attente de votre validation", unpaid: "Factures impayées",
                greeting: "Bonjour", closing: "Bien cordialement,", due: "échéance")
        case .nl:
            Labels(
                summary: "Voortgangsoverzicht", week: "week", month: "maand", hours: "Uren deze periode", billable: "factureerbaar",
                toDate: "Uren tot nu", budget: "Budget", budgeted: "Begroot", consumed: "Verbruikt", remaining: "Resterend",
                milestones: "Mijlpalen", validations: "Wacht op uw validatie", unpaid: "Onbetaalde facturen", greeting: "Beste",
                closing: "Met vriendelijke groeten,", due: "vervaldag")
        case .de:
            Labels(
                summary: "Fortschrittsbericht", week: "Woche", month: "Monat", hours: "Stunden im Zeitraum", billable: "abrechenbar",
                toDate: "Stunden bisher", budget: "Budget", budgeted: "Budgetiert", consumed: "Verbraucht", remaining: "Verbleibend",
                milestones: "Meilensteine", validations: "Wartet auf Ihre Freigabe", unpaid: "Offene Rechnungen", greeting: "Hallo",
                closing: "Mit freundlichen Grüßen", due: "fällig")
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

    public static func body(_ summary: ProjectSummary, recipient: String, language: DocumentLanguage, agency: String) -> String {
        let words = labels(language)
        let hours = summary.hours
        var lines = [
            "\(words.greeting) \(recipient),", "",
            "\(summary.project.name) (\(summary.project.code)), \(summary.period.kind == .week ? words.week : words.month) "
                + "\(summary.period.from) – \(summary.period.to)", "",
            "\(words.hours): \(WorkHours.decimalString(fromMinutes: hours.periodMinutes)) h "
                + "(\(words.billable): \(WorkHours.decimalString(fromMinutes: hours.periodBillableMinutes)) h)",
            "\(words.toDate): \(WorkHours.decimalString(fromMinutes: hours.toDateMinutes)) h "
                + "(\(words.billable): \(WorkHours.decimalString(fromMinutes: hours.toDateBillableMinutes)) h)", "",
            "\(words.budget)",
            "\(words.budgeted): \(figure(summary.budget.current))",
            "\(words.consumed): \(figure(summary.budget.consumed))",
            "\(words.remaining): \(figure(summary.budget.remaining))",
        ]
        if !summary.milestones.isEmpty {
            lines += ["", "\(words.milestones)"]
            lines += summary.milestones.map { "- \($0.name): \($0.status.rawValue)" + ($0.dueDate.map { " (\(words.due) \($0))" } ?? "") }
        }
        if !summary.pendingValidations.isEmpty {
            lines += ["", "\(words.validations)"]
            lines += summary.pendingValidations.map { record in
                "- \(record.kind.rawValue)" + (record.periodFrom.map { " \($0)" } ?? "") + (record.periodTo.map { " – \($0)" } ?? "")
            }
        }
        if let unpaid = summary.unpaidInvoices, !unpaid.isEmpty {
            lines += ["", "\(words.unpaid)"]
            lines += unpaid.map { view in
                "- \(view.invoice.issue?.number ?? ""): \(view.balance.decimalString) \(view.balance.currency.code)"
                    + (view.invoice.dueDate.map { " (\(words.due) \($0))" } ?? "")
            }
        }
        lines += ["", words.closing, agency]
        return lines.joined(separator: "\n")
    }
}
