import Domain
import Foundation
import HTTPTypes
import Hummingbird

/// The language of the client reading a validation page, from the request's
/// `Accept-Language` (there is no per-client language yet): English, French, Dutch or
/// German, English when none of them is asked for. It sets how numbers and money are
/// written and the words of the labels in ``ValidationLabels``.
enum ClientLanguage: String, CaseIterable, Sendable {
    case en, fr, nl, de

    /// The first supported language of `Accept-Language`, by quality then order
    /// (`fr-BE,fr;q=0.9,en;q=0.8` → fr); `q=0` refuses a language.
    init(acceptLanguage header: String?) {
        var best: (language: ClientLanguage, quality: Int)? = nil
        for range in (header ?? "").split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1000
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Self.thousandths(parameter.dropFirst(2))
            }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard quality > 0, let language = ClientLanguage(rawValue: primary) else { continue }
            if quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        self = best?.language ?? .en
    }

    /// An `Accept-Language` weight (`0`, `0.8`, `1.000`: at most three decimals, RFC 9110)
    /// in thousandths; anything malformed weighs 0.
    static func thousandths(_ text: Substring) -> Int {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first.flatMap({ Int($0) }), (0...1).contains(whole) else { return 0 }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        guard decimals.count <= 3, decimals.allSatisfy(\.isASCII), decimals.allSatisfy(\.isNumber) else { return 0 }
        let value = whole * 1000 + (Int(decimals.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0)
        return min(value, 1000)
    }

    init(_ request: Request) {
        self.init(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// Between groups of three digits: `3,000` (en), `3 000` with a narrow no-break
    /// space U+202F (fr, as CLDR writes it), `3.000` (nl, de).
    var groupSeparator: String {
        switch self {
        case .en: ","
        case .fr: "\u{202F}"
        case .nl, .de: "."
        }
    }

    /// Before the decimals: `.` in English, `,` otherwise.
    var decimalMark: String { self == .en ? "." : "," }

    /// A plain decimal (`"3000.50"`, `"-12.5"`) written for this language: `3,000.50`,
    /// `3 000,50`, `3.000,50`. Text that is not a decimal is returned as it is.
    func number(_ decimal: String) -> String {
        var text = Substring(decimal)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return decimal }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += groupSeparator }
            grouped.append(digit)
        }
        let fraction = parts.count > 1 ? decimalMark + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// An amount with its currency as people of this language write it:
    /// `€3,000.00` (en), `3 000,00 €` (fr, U+202F between groups, U+00A0 before the
    /// sign), `€ 3.000,00` (nl), `3.000,00 €` (de). Currencies without a sign here are
    /// written with their code (`CHF 3,000.00`, `3 000,00 CHF`).
    func money(_ decimal: String, currency code: String) -> String {
        let amount = number(decimal)
        let sign = Self.signs[code]
        switch self {
        case .en: return sign.map { amount.hasPrefix("-") ? "-\($0)\(amount.dropFirst())" : "\($0)\(amount)" } ?? "\(code)\u{00A0}\(amount)"
        case .nl: return "\(sign ?? code)\u{00A0}\(amount)"
        case .fr, .de: return "\(amount)\u{00A0}\(sign ?? code)"
        }
    }

    /// A ``Money`` written for this language.
    func money(_ amount: Money) -> String { money(amount.decimalString, currency: amount.currency.code) }

    /// Hours with two decimals written for this language (`1,234.50` / `1 234,50`).
    func hours(_ decimal: String) -> String { number(decimal) }

    private static let signs = ["EUR": "€", "USD": "$", "GBP": "£"]
}
