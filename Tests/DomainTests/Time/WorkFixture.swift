import Domain
import Foundation

/// Shorthands for the tests of `Sources/Domain/Work`.
enum WorkFixture {
    /// A date from `YYYY-MM-DD`; traps on a typo in a test.
    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    /// An amount in EUR from a decimal string such as `"123.45"`.
    static func eur(_ text: String) -> Money {
        try! Money(parsing: text, currency: .eur)
    }

    /// An hourly rate in EUR from a decimal string such as `"87.5"`.
    static func rate(_ text: String, _ currency: Currency = .eur) -> HourlyRate {
        try! HourlyRate(parsing: text, currency: currency)
    }

    /// A fixed, readable id: `id(7)` is `00000000-0000-0000-0000-000000000007`.
    static func id<Entity>(_ number: Int, _ type: Entity.Type = Entity.self) -> ID<Entity> {
        let hex = String(number, radix: 16)
        let text = "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - hex.count) + hex
        return ID(uuidString: text)!
    }
}
