public import Domain

/// The words of a Monday nudge (in English: staff share the agency's working language).
public enum NudgeText {
    /// `time`: last week's figures when they fall short (nil: no time nudge).
    public static func subject(time: TimeNudge?, waiting: Bool) -> String {
        switch (time, waiting) {
        case (.some, true): "Last week: time to log, and approvals waiting"
        case (.some(let time), false): "Last week: \(WorkHours.decimalString(fromMinutes: Int(time.loggedMinutes))) h of \(WorkHours.decimalString(fromMinutes: Int(time.targetMinutes))) h logged"
        default: "Approvals are waiting for you"
        }
    }

    public static func body(name: String, time: TimeNudge?, entries: Int, expenses: Int, agency: String) -> String {
        var lines = ["Hello \(name),", ""]
        if let time {
            let to = (try? time.week.adding(days: 6)) ?? time.week
            lines.append("Last week (\(time.week) – \(to)) you logged \(hours(time.loggedMinutes)) of your expected \(hours(time.targetMinutes)).")
            lines.append("Missing: \(hours(time.shortMinutes)).")
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

    static func hours(_ minutes: Int64) -> String { WorkHours.decimalString(fromMinutes: Int(minutes)) + " h" }
}
