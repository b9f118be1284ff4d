/// One typed cell of a ``SheetTable``. Numbers stay decimal text (`1.50`), exactly as
/// the export computed them: no binary floating point between the database and the
/// file.
public enum SheetCell: Sendable, Hashable {
    /// No value: the cell is left out.
    case empty
    case text(String)
    /// A date; the writer turns it into the spreadsheet's day serial.
    case date(LocalDate)
    /// A whole number, as a decimal literal (`-5`, `90`).
    case integer(String)
    /// A decimal number, as a decimal literal (`1.50`).
    case decimal(String)
    /// An amount in major units (`1210.00`) and, when known, its currency.
    case money(String, Currency?)
    case flag(Bool)

    /// The cell for one CSV field of a column of `kind`. `currency` is the row's
    /// currency for money columns. A field that does not read as its kind (never the
    /// case for Sheaf's own rows) stays text rather than become a wrong number.
    public static func of(_ field: String, kind: SheetColumn.Kind, currency: Currency? = nil) -> SheetCell {
        if field.isEmpty { return .empty }
        switch kind {
        case .text:
            return .text(field)
        case .date:
            return LocalDate(iso: field).map(SheetCell.date) ?? .text(field)
        case .integer:
            return isDecimalLiteral(field, fraction: false) ? .integer(field) : .text(field)
        case .decimal:
            return isDecimalLiteral(field, fraction: true) ? .decimal(field) : .text(field)
        case .money:
            return isDecimalLiteral(field, fraction: true) ? .money(field, currency) : .text(field)
        case .flag:
            switch field {
            case "true": return .flag(true)
            case "false": return .flag(false)
            default: return .text(field)
            }
        }
    }

    /// `-?digits(.digits)?`: what a spreadsheet number may be written as without
    /// reinterpretation (no exponent, no grouping, no locale).
    public static func isDecimalLiteral(_ text: String, fraction: Bool) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 1 || (fraction && parts.count == 2) else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 20 && part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }

    /// The text a reader sees, for column widths.
    public var displayLength: Int {
        switch self {
        case .empty: 0
        case .text(let text): text.split(separator: "\n").map(\.count).max() ?? 0
        case .date: 10
        case .integer(let digits): digits.count
        case .decimal(let digits): digits.count + 1
        case .money(let digits, let currency): digits.count + 2 + (currency == nil ? 0 : 4)
        case .flag(let value): value ? 4 : 5
        }
    }
}
