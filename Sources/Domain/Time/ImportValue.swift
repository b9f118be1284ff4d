/// Parsers for the values of time import files: dates, durations, yes/no flags.
/// They never throw; `nil` means "not in an accepted form" and the caller words
/// the problem.
enum ImportValue {
    /// Which date spellings a column accepts.
    enum DateStyle {
        /// `YYYY-MM-DD` only (Sheaf's own export).
        case iso
        /// `YYYY-MM-DD`, US `M/D/YYYY` (a `/` always means month first) or
        /// European `D.M.YYYY`.
        case isoOrRegional
        /// `YYYY-MM-DD`, or day first with `/`, `.` or `-` (`D/M/YYYY`).
        case dayFirst
        /// `YYYY-MM-DD`, or month first with `/`, `.` or `-` (`M/D/YYYY`).
        case monthFirst

        /// The spellings, for messages.
        var expected: String {
            switch self {
            case .iso: "YYYY-MM-DD"
            case .isoOrRegional: "YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY"
            case .dayFirst: "YYYY-MM-DD or DD/MM/YYYY"
            case .monthFirst: "YYYY-MM-DD or MM/DD/YYYY"
            }
        }

        /// The separators read after ISO, each with whether the month comes first.
        var regional: [(separator: String, monthFirst: Bool)] {
            switch self {
            case .iso: []
            case .isoOrRegional: [("/", true), (".", false)]
            case .dayFirst: [("/", false), (".", false), ("-", false)]
            case .monthFirst: [("/", true), (".", true), ("-", true)]
            }
        }
    }

    /// The date `text` spells in `style`, if it is a real calendar date.
    static func date(_ text: String, style: DateStyle) -> LocalDate? {
        if let date = LocalDate(iso: text) { return date }
        for (separator, monthFirst) in style.regional {
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3,
                parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
                let first = digits(parts[0]), let second = digits(parts[1]), let year = digits(parts[2])
            else { continue }
            return monthFirst
                ? LocalDate(year: year, month: first, day: second)
                : LocalDate(year: year, month: second, day: first)
        }
        return nil
    }

    /// A duration in whole minutes, rounded half up: `H:MM:SS` (hours may exceed
    /// 24), `H:MM`, or decimal hours with `.` or `,` (`1.5`, `1,5`, `-2`).
    /// The result may be zero, negative or more than a day; `nil` when malformed.
    static func minutes(fromDuration text: String) -> Int? {
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(parts.count), parts[0].count <= 6,
                let hours = digits(parts[0]),
                let minutes = digits(parts[1]), parts[1].count <= 2, minutes < 60
            else { return nil }
            var seconds = 0
            if parts.count == 3 {
                guard let value = digits(parts[2]), parts[2].count <= 2, value < 60 else { return nil }
                seconds = value
            }
            return hours * 60 + minutes + (seconds >= 30 ? 1 : 0)
        }
        let scale = 9
        guard let scaledHours = try? FixedPoint.parse(text, scale: scale, field: "hours") else { return nil }
        let minutes = FixedPoint.divideRoundingHalfUp(Int128(scaledHours) * 60, by: Int128(FixedPoint.powerOfTen(scale)))
        return Int(exactly: minutes)
    }

    /// The minutes from the time of day `start` to `end` (`HH:MM` or `HH:MM:SS`, or a
    /// date and time whose time part is that), past midnight when `end` is earlier.
    static func minutes(from start: String, to end: String) -> Int? {
        guard let from = minuteOfDay(start), let to = minuteOfDay(end) else { return nil }
        return to >= from ? to - from : to + 1440 - from
    }

    /// `09:30` → 570; `2026-03-02 09:30:00` → 570.
    static func minuteOfDay(_ text: String) -> Int? {
        let time = text.split(separator: " ").last.map(String.init) ?? text
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count <= 2, parts[1].count == 2, let hours = digits(parts[0]), hours < 24,
            let minutes = digits(parts[1]), minutes < 60
        else { return nil }
        if parts.count == 3 { guard parts[2].count == 2, let seconds = digits(parts[2]), seconds < 60 else { return nil } }
        return hours * 60 + minutes
    }

    /// A whole number of minutes such as `90` (no sign, no decimals).
    static func wholeMinutes(_ text: String) -> Int? {
        text.count <= 9 ? digits(Substring(text)) : nil
    }

    /// `Yes`/`No`, `true`/`false` or `1`/`0`, in any case; also German and French
    /// (`Ja`/`Nein`, `Wahr`/`Falsch`, `Oui`/`Non`, `Vrai`/`Faux`) for spreadsheets.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "1", "y", "ja", "wahr", "oui", "vrai": true
        case "no", "false", "0", "n", "nein", "falsch", "non", "faux": false
        default: nil
        }
    }

    /// `'text'` for a message, cut to 40 characters so an absurd value cannot
    /// flood the response.
    static func quoted(_ text: String) -> String {
        text.count <= 40 ? "'\(text)'" : "'\(text.prefix(39))…'"
    }

    /// The value of a non-empty run of ASCII digits.
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int(text)
    }
}
