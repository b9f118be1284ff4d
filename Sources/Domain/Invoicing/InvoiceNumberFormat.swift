/// How the documents of a series are numbered (SPEC §5): a template from settings
/// with `{YYYY}` (or `{YY}`) for the issue year and `{NNNN}` (any number of `N`) for
/// the counter, zero-padded to that width. A template with a year restarts the
/// counter each year; one without never does.
public struct InvoiceNumberFormat: Hashable, Sendable {
    public let template: String

    /// Default of invoices (and deposit invoices): `2026-0001`.
    public static let invoices = InvoiceNumberFormat(unchecked: "{YYYY}-{NNNN}")
    /// Default of credit notes, their own series: `2026-CN-0001`.
    public static let creditNotes = InvoiceNumberFormat(unchecked: "{YYYY}-CN-{NNNN}")

    private init(unchecked template: String) {
        self.template = template
    }

    /// - Throws: ``DomainError/invalid(_:)`` unless the template has exactly one counter
    ///   of 1–9 `N`, at most one year, only printable characters, and at most 50 of them.
    public init(_ template: String, field: String) throws(DomainError) {
        let counters = Self.tokens(in: template).filter { $0.first == "N" }
        let years = Self.tokens(in: template).filter { $0.first == "Y" }
        guard template.count <= 50, counters.count == 1, (1...9).contains(counters[0].count),
            years.allSatisfy({ $0 == "YYYY" || $0 == "YY" }), years.count <= 1,
            template.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }),
            Self.tokens(in: template).allSatisfy({ $0.allSatisfy { $0 == "N" } || $0 == "YYYY" || $0 == "YY" })
        else {
            throw .invalid(
                field: field,
                message: "Use one counter such as {NNNN}, optionally a year {YYYY} or {YY}, at most 50 characters (e.g. {YYYY}-{NNNN}).")
        }
        self.template = template
    }

    /// Whether the counter restarts at 1 each year.
    public var resetsYearly: Bool { template.contains("{YYYY}") || template.contains("{YY}") }

    /// The number of the `counter`th document of `year`.
    public func render(year: Int, counter: Int) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let token = rest[rest.index(after: open)..<close]
            switch token {
            case "YYYY": result += Self.padded(year, to: 4)
            case "YY": result += Self.padded(year % 100, to: 2)
            default: result += Self.padded(counter, to: token.count)
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func tokens(in template: String) -> [Substring] {
        var tokens: [Substring] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            tokens.append(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        return tokens
    }
}
