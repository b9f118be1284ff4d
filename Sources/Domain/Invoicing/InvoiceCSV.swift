/// The accountant's export of invoices (issue 12 item 12): one row per document with
/// its net and VAT per (category, rate), or one row per line.
public enum InvoiceCSV {
    /// One document as the export needs it.
    public struct Document: Sendable {
        public let number: String
        public let kind: InvoiceKind
        public let status: InvoiceStatus
        public let issueDate: LocalDate?
        public let dueDate: LocalDate?
        public let clientName: String
        public let clientVATNumber: String
        public let currency: Currency
        public let creditedNumber: String
        public let taxExclusiveMinor: Int64
        public let taxTotalMinor: Int64
        public let payableMinor: Int64
        public let vat: [StoredVATGroup]
        public let creditedMinor: Int64
        public let paidMinor: Int64
        public let balanceMinor: Int64
        public let structuredCommunication: String
        public let lines: [InvoiceLine]

        public init(
            number: String, kind: InvoiceKind, status: InvoiceStatus, issueDate: LocalDate?, dueDate: LocalDate?, clientName: String,
            clientVATNumber: String, currency: Currency, creditedNumber: String, taxExclusiveMinor: Int64, taxTotalMinor: Int64,
            payableMinor: Int64, vat: [StoredVATGroup], creditedMinor: Int64, paidMinor: Int64, balanceMinor: Int64,
            structuredCommunication: String, lines: [InvoiceLine]
        ) {
            self.number = number
            self.kind = kind
            self.status = status
            self.issueDate = issueDate
            self.dueDate = dueDate
            self.clientName = clientName
            self.clientVATNumber = clientVATNumber
            self.currency = currency
            self.creditedNumber = creditedNumber
            self.taxExclusiveMinor = taxExclusiveMinor
            self.taxTotalMinor = taxTotalMinor
            self.payableMinor = payableMinor
            self.vat = vat
            self.creditedMinor = creditedMinor
            self.paidMinor = paidMinor
            self.balanceMinor = balanceMinor
            self.structuredCommunication = structuredCommunication
            self.lines = lines
        }
    }

    /// A VAT column pair's name part: `S_21`, `S_6`, `AE_0`, `O`.
    static func label(_ tax: LineTax) -> String {
        tax.rateBP.map { "\(tax.category.rawValue)_\(FixedPoint.format(Int64($0), scale: 2, minimumFractionDigits: 0))" }
            ?? tax.category.rawValue
    }

    static func amount(_ minor: Int64, _ currency: Currency) -> String {
        FixedPoint.format(minor, scale: currency.minorUnitDigits)
    }

    /// One row per document; a `net_<cat>_<rate>` and `vat_<cat>_<rate>` column pair for
    /// every VAT group any of the documents has (credit notes keep positive amounts,
    /// their `kind` says they credit).
    public static func documents(_ documents: [Document]) -> CSVWriter {
        writer(documentRows(documents))
    }

    /// The rows of ``documents(_:)``: its header and one field list per document (also
    /// what the XLSX export writes).
    public static func documentRows(_ documents: [Document]) -> (header: [String], rows: [[String]]) {
        var labels: [String] = []
        for document in documents {
            for group in document.vat where !labels.contains(label(group.tax)) { labels.append(label(group.tax)) }
        }
        labels.sort()
        let header =
            [
                "number", "kind", "type_code", "status", "issue_date", "due_date", "client", "client_vat_number", "currency",
                "credits_invoice", "structured_communication", "net",
            ] + labels.flatMap { ["net_\($0)", "vat_\($0)"] } + ["vat", "total", "credited", "paid", "balance"]
        var rows: [[String]] = []
        for document in documents {
            var byLabel: [String: (Int64, Int64)] = [:]
            for group in document.vat {
                let current = byLabel[label(group.tax)] ?? (0, 0)
                byLabel[label(group.tax)] = (current.0 + group.taxableMinor, current.1 + group.amountMinor)
            }
            let currency = document.currency
            rows.append(
                [
                    document.number, document.kind.rawValue, String(document.kind.typeCode), document.status.rawValue,
                    document.issueDate?.description ?? "", document.dueDate?.description ?? "", document.clientName,
                    document.clientVATNumber, currency.code, document.creditedNumber, document.structuredCommunication,
                    amount(document.taxExclusiveMinor, currency),
                ]
                    + labels.flatMap { label in
                        byLabel[label].map { [amount($0.0, currency), amount($0.1, currency)] } ?? ["", ""]
                    }
                    + [
                        amount(document.taxTotalMinor, currency), amount(document.payableMinor, currency),
                        amount(document.creditedMinor, currency), amount(document.paidMinor, currency),
                        amount(document.balanceMinor, currency),
                    ])
        }
        return (header, rows)
    }

    /// One row per line of every document.
    public static func lines(_ documents: [Document]) -> CSVWriter {
        writer(lineRows(documents))
    }

    /// The header of ``lines(_:)``.
    public static let lineHeader = [
        "number", "kind", "issue_date", "client", "currency", "line", "line_kind", "project_id", "description", "quantity",
        "unit_code", "unit_price", "net", "vat_category", "vat_rate", "vat_exemption_code", "items",
    ]

    /// The rows of ``lines(_:)``: its header and one field list per line.
    public static func lineRows(_ documents: [Document]) -> (header: [String], rows: [[String]]) {
        var rows: [[String]] = []
        for document in documents {
            for line in document.lines {
                let planned = line.planned
                rows.append([
                    document.number, document.kind.rawValue, document.issueDate?.description ?? "", document.clientName,
                    document.currency.code, String(line.position), planned.kind.rawValue, planned.projectID?.description ?? "",
                    planned.description, planned.quantity.decimalString, planned.kind.unitCode, planned.unitPrice.decimalString,
                    amount(line.net.amountMinor, document.currency), planned.tax.category.rawValue,
                    planned.tax.rateBP.map { FixedPoint.format(Int64($0), scale: 2, minimumFractionDigits: 0) } ?? "",
                    planned.tax.exemptionCode ?? "", planned.items.map { "\($0.kind.rawValue):\($0.id)" }.joined(separator: " "),
                ])
            }
        }
        return (lineHeader, rows)
    }

    private static func writer(_ table: (header: [String], rows: [[String]])) -> CSVWriter {
        var writer = CSVWriter(header: table.header)
        for row in table.rows { writer.append(row) }
        return writer
    }
}
