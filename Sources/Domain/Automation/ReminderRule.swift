import Foundation

/// The words of one reminder in one language: a subject and a plain-text body with
/// placeholders (see ``ReminderTemplate/placeholders``).
public struct ReminderTemplate: Sendable, Hashable, Codable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// What a template may name, replaced when the reminder is written.
    public static let placeholders: Set<String> = [
        "client_name", "invoice_number", "issue_date", "due_date", "amount_due", "payment_reference", "days", "agency_name",
    ]

    /// `text` with every `{name}` replaced by its value (unknown names stay as written).
    public static func fill(_ text: String, with values: [String: String]) -> String {
        var result = text
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    /// Names between braces that are not placeholders.
    static func unknownPlaceholders(in text: String) -> [String] {
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if !placeholders.contains(name) { unknown.append(name) }
            rest = after[after.index(after: close)...]
        }
        return unknown
    }

    func problems(prefix: String) -> [FieldError] {
        var validation = Validation()
        validation.require(
            (1...200).contains(subject.count) && !subject.contains(where: \.isNewline), field: "\(prefix).subject",
            message: "must be 1 to 200 characters on one line")
        validation.require((1...5000).contains(body.count), field: "\(prefix).body", message: "must be 1 to 5000 characters")
        for (field, text) in [("subject", subject), ("body", body)] {
            let unknown = Self.unknownPlaceholders(in: text)
            validation.require(
                unknown.isEmpty, field: "\(prefix).\(field)",
                message: "names unknown placeholders (\(unknown.joined(separator: ", "))); known: "
                    + Self.placeholders.sorted().joined(separator: ", "))
        }
        return validation.errors
    }
}

/// A reminder rule (SPEC §4.6, issue 14 item 5): fire `offsetDays` from an unpaid
/// invoice's due date (negative: before it), with a template per language; a
/// "formal notice" states the late-payment terms to business clients.
public struct ReminderRule: Sendable, Hashable {
    public var offsetDays: Int
    public var formalNotice: Bool
    public var templates: [DocumentLanguage: ReminderTemplate]

    public init(offsetDays: Int, formalNotice: Bool, templates: [DocumentLanguage: ReminderTemplate]) {
        self.offsetDays = offsetDays
        self.formalNotice = formalNotice
        self.templates = templates
    }

    /// The template for `language`, English when that one is missing.
    public func template(for language: DocumentLanguage) -> ReminderTemplate {
        templates[language] ?? templates[.en] ?? ReminderTemplate(subject: "Invoice {invoice_number}", body: "")
    }

    /// Every rule a set of rules breaks: at most 10 rules (none: no reminders), distinct offsets from −90 to
    /// 365 days, a template in every language.
    public static func problems(_ rules: [ReminderRule]) -> [FieldError] {
        var validation = Validation()
        validation.require(rules.count <= 10, field: "rules", message: "must hold at most 10 rules")
        var offsets = Set<Int>()
        for (index, rule) in rules.enumerated() {
            let prefix = "rules[\(index)]"
            validation.require(
                (-90...365).contains(rule.offsetDays), field: "\(prefix).offset_days", message: "must be from -90 to 365")
            validation.require(offsets.insert(rule.offsetDays).inserted, field: "\(prefix).offset_days", message: "appears twice")
            for language in DocumentLanguage.allCases {
                if let template = rule.templates[language] {
                    validation.add(contentsOf: template.problems(prefix: "\(prefix).templates.\(language.rawValue)"))
                } else {
                    validation.add(field: "\(prefix).templates.\(language.rawValue)", message: "is required")
                }
            }
        }
        return validation.errors
    }
}
