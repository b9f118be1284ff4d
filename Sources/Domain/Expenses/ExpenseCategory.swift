import Foundation

/// What an expense was for (SPEC §2 Expense). The raw value is the wire and database name.
public enum ExpenseCategory: String, Hashable, Sendable, CaseIterable, Codable {
    case travel
    case softwareLicence = "software_licence"
    case subcontracting
    case equipment
    case other

    /// How people read it: "software licence".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
