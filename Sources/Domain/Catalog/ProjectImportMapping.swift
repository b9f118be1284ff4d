/// Which columns of a spreadsheet of projects and tasks hold what (issue 16 item 2):
/// a Notion database export, a Google Sheets or an Excel sheet. Each row is a project,
/// or a task of the project it names (rows naming the same project share it).
public struct ProjectImportMapping: Sendable, Hashable {
    /// The column of the project's name (required).
    public var name: String
    /// The column of the client's name (a Notion relation cell works); without it,
    /// every project is the request's default client's.
    public var client: String?
    /// The column of the project's code; without it, a code is made from the name.
    public var code: String?
    /// The column of the billing model (`time_and_materials`, `fixed_price`, `retainer`,
    /// or the words `Time & materials`, `Fixed price`, `Retainer`).
    public var billingModel: String?
    /// The column of the status (`active`, `on_hold`, `closed`; Notion's `Done` is closed).
    public var status: String?
    /// The column of the budget in hours (a decimal number in the file's locale).
    public var budgetHours: String?
    /// The column of the budget in the client's currency (a decimal number).
    public var budgetAmount: String?
    /// The column of a task's name: the row adds that task to its project.
    public var task: String?
    /// The column saying whether the task is billable (yes/no; default yes).
    public var taskBillable: String?
    /// The column of the task's estimate in hours.
    public var taskEstimateHours: String?

    public init(
        name: String, client: String? = nil, code: String? = nil, billingModel: String? = nil, status: String? = nil,
        budgetHours: String? = nil, budgetAmount: String? = nil, task: String? = nil, taskBillable: String? = nil,
        taskEstimateHours: String? = nil
    ) {
        self.name = name
        self.client = client
        self.code = code
        self.billingModel = billingModel
        self.status = status
        self.budgetHours = budgetHours
        self.budgetAmount = budgetAmount
        self.task = task
        self.taskBillable = taskBillable
        self.taskEstimateHours = taskEstimateHours
    }

    /// Every mapped column, with the mapping key that names it (for messages).
    var columns: [(key: String, column: String)] {
        [
            ("name", name), ("client", client), ("code", code), ("billing_model", billingModel), ("status", status),
            ("budget_hours", budgetHours), ("budget_amount", budgetAmount), ("task", task), ("task_billable", taskBillable),
            ("task_estimate_hours", taskEstimateHours),
        ].compactMap { key, column in column.map { (key, $0) } }
    }
}

/// How numbers are written in a file: `1,234.5` or `1.234,5`.
public enum NumberStyle: Sendable, Hashable {
    case decimalPoint
    case decimalComma
    /// No locale was given: read with a decimal point, but a number that a
    /// decimal-comma locale reads as another value (`1.234`, `1,234`) is refused
    /// rather than guessed (see ``isAmbiguous(_:)``).
    case undeclared

    /// The style of a locale such as `de`, `de-DE`, `fr_BE` or `en-US`: a decimal
    /// comma for the languages of continental Europe and Latin America, else a point.
    public init(locale: String) {
        let language = locale.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        let commaLanguages: Set<String> = [
            "de", "fr", "nl", "es", "it", "pt", "da", "sv", "nb", "nn", "no", "fi", "pl", "cs", "sk", "hu", "ro", "ru", "tr", "el",
            "bg", "hr", "sl", "et", "lv", "lt", "id",
        ]
        self = commaLanguages.contains(language) ? .decimalComma : .decimalPoint
    }

    /// `text` as a plain decimal (`1234.5`). Grouping separators (the style's, or
    /// spaces) must stand between groups of three digits before the decimal
    /// separator, which may appear once; the decimal separator becomes a point. Nil
    /// when `text` is not a number in this style, so `1.234,5` is refused with a
    /// decimal point rather than read as 1.2345, and `12,5` rather than read as 125.
    public func plain(_ text: String) -> String? {
        let (group, decimal): (Character, Character) = self == .decimalComma ? (".", ",") : (",", ".")
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
        var body = Substring(text).drop { $0.isWhitespace }
        while body.last?.isWhitespace == true { body.removeLast() }
        var sign = ""
        if body.first == "-" {
            sign = "-"
            body.removeFirst()
        }
        let halves = body.split(separator: decimal, maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = halves.first else { return nil }
        let groups = integer.split(omittingEmptySubsequences: false) { $0 == group || spaces.contains($0) }
        guard groups.count == 1 || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }) else {
            return nil
        }
        if self == .undeclared, Self.isAmbiguous(String(body)) { return nil }
        let plain = sign + groups.joined() + (halves.count == 2 ? "." + halves[1] : "")
        return SheetCell.isDecimalLiteral(plain, fraction: true) ? plain : nil
    }

    /// Whether `text` means two different numbers with a decimal point and with a
    /// decimal comma: one `.` or `,` between a non-zero group of one to three digits
    /// and exactly three digits (`1.234` is 1.234 or 1234).
    public static func isAmbiguous(_ text: String) -> Bool {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 3, parts[0] != "0" else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
