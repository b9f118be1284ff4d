extension ReminderRule {
    /// The rules a new agency starts with: 3 days before the due date and on it
    /// (courteous), 7 days after (firm) and 30 days after (firm, formal notice).
    public static let defaults: [ReminderRule] = [
        ReminderRule(offsetDays: -3, formalNotice: false, templates: courteousBefore),
        ReminderRule(offsetDays: 0, formalNotice: false, templates: courteousToday),
        ReminderRule(offsetDays: 7, formalNotice: false, templates: firm),
        ReminderRule(offsetDays: 30, formalNotice: true, templates: formal),
    ]

    /// A rule at an offset the defaults do not have: courteous before the due date and on
    /// it, firm after; a formal notice from 30 days after.
    public static func defaultRule(offsetDays: Int) -> ReminderRule {
        if let rule = defaults.first(where: { $0.offsetDays == offsetDays }) { return rule }
        let templates = offsetDays < 0 ? courteousBefore : offsetDays == 0 ? courteousToday : offsetDays >= 30 ? formal : firm
        return ReminderRule(offsetDays: offsetDays, formalNotice: offsetDays >= 30, templates: templates)
    }

    static let courteousBefore: [DocumentLanguage: ReminderTemplate] = [
        .en: ReminderTemplate(
            subject: "Invoice {invoice_number} is due on {due_date}",
            body: "Dear {client_name},\n\nA friendly note: invoice {invoice_number} of {issue_date} ({amount_due}) is due on {due_date}. "
                + "If you have already arranged payment, thank you, and please ignore this message.\n\n"
                + "Payment reference: {payment_reference}\n\nKind regards,\n{agency_name}"),
        .fr: ReminderTemplate(
            subject: "La facture {invoice_number} arrive à échéance le {due_date}",
            body: "Madame, Monsieur,\n\nPetit rappel amical : la facture {invoice_number} du {issue_date} ({amount_due}) arrive à échéance "
                + "le {due_date}. Si le paiement est déjà en route, merci et ne tenez pas compte de ce message.\n\n"
                + "Communication structurée : {payment_reference}\n\nBien cordialement,\n{agency_name}"),
        .nl: ReminderTemplate(
            subject: "Factuur {invoice_number} vervalt op {due_date}",
            body: "Geachte {client_name},\n\nEen vriendelijke herinnering: factuur {invoice_number} van {issue_date} ({amount_due}) vervalt "
                + "op {due_date}. Is de betaling al onderweg, dan danken wij u en mag u dit bericht negeren.\n\n"
                + "Gestructureerde mededeling: {payment_reference}\n\nMet vriendelijke groeten,\n{agency_name}"),
        .de: ReminderTemplate(
            subject: "Rechnung {invoice_number} ist am {due_date} fällig",
            body: "Sehr geehrte Damen und Herren,\n\nein freundlicher Hinweis: Die Rechnung {invoice_number} vom {issue_date} ({amount_due}) "
                + "ist am {due_date} fällig. Falls die Zahlung bereits veranlasst ist, danken wir Ihnen und bitten Sie, "
                + "diese Nachricht zu ignorieren.\n\nZahlungsreferenz: {payment_reference}\n\nMit freundlichen Grüßen\n{agency_name}"),
    ]

    static let courteousToday: [DocumentLanguage: ReminderTemplate] = [
        .en: ReminderTemplate(
            subject: "Invoice {invoice_number} is due today",
            body: "Dear {client_name},\n\nInvoice {invoice_number} of {issue_date} ({amount_due}) is due today, {due_date}. "
                + "Thank you for your payment.\n\nPayment reference: {payment_reference}\n\nKind regards,\n{agency_name}"),
        .fr: ReminderTemplate(
            subject: "La facture {invoice_number} arrive à échéance aujourd'hui",
            body: "Madame, Monsieur,\n\nLa facture {invoice_number} du {issue_date} ({amount_due}) arrive à échéance aujourd'hui, "
                + "le {due_date}. Merci pour votre paiement.\n\nCommunication structurée : {payment_reference}\n\n"
                + "Bien cordialement,\n{agency_name}"),
        .nl: ReminderTemplate(
            subject: "Factuur {invoice_number} vervalt vandaag",
            body: "Geachte {client_name},\n\nFactuur {invoice_number} van {issue_date} ({amount_due}) vervalt vandaag, {due_date}. "
                + "Alvast bedankt voor uw betaling.\n\nGestructureerde mededeling: {payment_reference}\n\n"
                + "Met vriendelijke groeten,\n{agency_name}"),
        .de: ReminderTemplate(
            subject: "Rechnung {invoice_number} ist heute fällig",
            body: "Sehr geehrte Damen und Herren,\n\ndie Rechnung {invoice_number} vom {issue_date} ({amount_due}) ist heute, am "
                + "{due_date}, fällig. Vielen Dank für Ihre Zahlung.\n\nZahlungsreferenz: {payment_reference}\n\n"
                + "Mit freundlichen Grüßen\n{agency_name}"),
    ]

    static let firm: [DocumentLanguage: ReminderTemplate] = [
        .en: ReminderTemplate(
            subject: "Overdue: invoice {invoice_number}",
            body: "Dear {client_name},\n\nInvoice {invoice_number} of {issue_date} was due on {due_date}, {days} days ago, and "
                + "{amount_due} remains unpaid. Please pay it without delay, quoting {payment_reference}.\n\n"
                + "Regards,\n{agency_name}"),
        .fr: ReminderTemplate(
            subject: "Facture impayée {invoice_number}",
            body: "Madame, Monsieur,\n\nLa facture {invoice_number} du {issue_date} était échue le {due_date}, il y a {days} jours, "
                + "et {amount_due} restent impayés. Nous vous prions de la régler sans délai avec la communication "
                + "{payment_reference}.\n\nSalutations,\n{agency_name}"),
        .nl: ReminderTemplate(
            subject: "Vervallen factuur {invoice_number}",
            body: "Geachte {client_name},\n\nFactuur {invoice_number} van {issue_date} verviel op {due_date}, {days} dagen geleden, "
                + "en {amount_due} blijft onbetaald. Gelieve onverwijld te betalen met de mededeling "
                + "{payment_reference}.\n\nMet groeten,\n{agency_name}"),
        .de: ReminderTemplate(
            subject: "Überfällige Rechnung {invoice_number}",
            body: "Sehr geehrte Damen und Herren,\n\ndie Rechnung {invoice_number} vom {issue_date} war am {due_date} fällig, "
                + "vor {days} Tagen, und {amount_due} sind noch offen. Bitte zahlen Sie umgehend unter Angabe von "
                + "{payment_reference}.\n\nMit freundlichen Grüßen\n{agency_name}"),
    ]

    static let formal: [DocumentLanguage: ReminderTemplate] = [
        .en: ReminderTemplate(
            subject: "Formal notice: invoice {invoice_number}",
            body: "Dear {client_name},\n\nDespite our reminders, invoice {invoice_number} of {issue_date}, due on {due_date}, "
                + "remains unpaid: {amount_due}. We hereby give you formal notice to pay this amount within 8 days, quoting "
                + "{payment_reference}.\n\n{agency_name}"),
        .fr: ReminderTemplate(
            subject: "Mise en demeure : facture {invoice_number}",
            body: "Madame, Monsieur,\n\nMalgré nos rappels, la facture {invoice_number} du {issue_date}, échue le {due_date}, "
                + "reste impayée : {amount_due}. Par la présente, nous vous mettons en demeure de payer ce montant dans les 8 jours, "
                + "avec la communication {payment_reference}.\n\n{agency_name}"),
        .nl: ReminderTemplate(
            subject: "Ingebrekestelling: factuur {invoice_number}",
            body: "Geachte {client_name},\n\nOndanks onze herinneringen blijft factuur {invoice_number} van {issue_date}, vervallen op "
                + "{due_date}, onbetaald: {amount_due}. Hierbij stellen wij u in gebreke dit bedrag binnen 8 dagen te betalen, "
                + "met de mededeling {payment_reference}.\n\n{agency_name}"),
        .de: ReminderTemplate(
            subject: "Mahnung mit Inverzugsetzung: Rechnung {invoice_number}",
            body: "Sehr geehrte Damen und Herren,\n\ntrotz unserer Erinnerungen ist die Rechnung {invoice_number} vom {issue_date}, "
                + "fällig am {due_date}, noch offen: {amount_due}. Hiermit setzen wir Sie förmlich in Verzug und fordern Sie auf, "
                + "diesen Betrag binnen 8 Tagen unter Angabe von {payment_reference} zu zahlen.\n\n{agency_name}"),
    ]
}
