public import Domain

/// The words of a Monday nudge (in English: staff share the agency's working language).
public enum NudgeText {
    public static func subject(missing: Int, waiting: Bool) -> String {
        switch (missing > 0, waiting) {
        case (true, true): "Last week: time to log, and approvals waiting"
        case (true, false): "Last week: \(missing) day\(missing == 1 ? "" : "s") without time"
        default: "Approvals are waiting for you"
        }
    }

    public static func body(name: String, missing: [LocalDate], entries: Int, expenses: Int, agency: String) -> String {
        var lines = ["Hello \(name),", ""]
        if !missing.isEmpty {
            lines.append("You logged no time on these working days last week:")
            lines += missing.map { "- \($0) (\($0.weekday))" }
            lines.append("")
        }
        if entries + expenses > 0 {
            lines.append("Waiting for your approval: \(entries) time entr\(entries == 1 ? "y" : "ies") and \(expenses) expense\(expenses == 1 ? "" : "s").")
            lines.append("")
        }
        lines.append("You can turn these Monday e-mails off with PUT /api/v1/me/notifications {\"weekly_nudges\": false}.")
        lines += ["", agency]
        return lines.joined(separator: "\n")
    }
}
