import Domain
import Services

extension InvoiceDocumentView {
    /// The time annex page (issue 13 item 1): for each time line of an invoice that
    /// carries it, the entries the line bills and their hours, which add up to the
    /// line's quantity.
    struct Annex {
        struct Entry {
            let date: String
            let person: String
            let hours: String
            let note: String?
        }

        struct Section {
            let description: String
            let entries: [Entry]
            let total: String
        }

        let sections: [Section]
    }

    /// The annex of `data`, or nil when the invoice does not carry one or bills no time.
    static func annex(_ data: InvoiceDocumentData, in client: ClientLanguage) -> Annex? {
        guard data.view.invoice.timeAnnex else { return nil }
        let language = data.buyer.language
        let sections: [Annex.Section] = data.view.lines.sorted { $0.position < $1.position }.compactMap { line in
            guard let entries = data.annex[line.id], !entries.isEmpty else { return nil }
            return Annex.Section(
                description: line.planned.description,
                entries: entries.map {
                    Annex.Entry(
                        date: InvoiceDocumentLabels.date($0.workDate, in: language), person: $0.person,
                        hours: client.number($0.hours.decimalString), note: $0.note.isEmpty ? nil : $0.note)
                },
                total: client.number(TimeAnnexEntry.hours(of: entries).decimalString))
        }
        return sections.isEmpty ? nil : Annex(sections: sections)
    }
}
