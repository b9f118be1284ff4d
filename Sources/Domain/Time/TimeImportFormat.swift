/// The CSV layouts a time import understands: the detailed-report exports of
/// three time trackers, and Sheaf's own export (see ``SheafTimeCSV``).
///
/// The raw value is the `format` query parameter of `POST /imports/time-entries`.
public enum TimeImportFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Harvest "Detailed time report" export.
    case harvest
    /// Toggl Track "Detailed report" export.
    case toggl
    /// Clockify "Detailed report" export.
    case clockify
    /// Sheaf's own time-entry export (`GET /exports/time-entries.csv`).
    case sheaf
    /// Any spreadsheet, read through a ``TimeColumnMapping`` given with the import.
    case csv

    /// The product name, for messages: `"Toggl Track"`.
    public var displayName: String {
        switch self {
        case .harvest: "Harvest"
        case .toggl: "Toggl Track"
        case .clockify: "Clockify"
        case .sheaf: "Sheaf"
        case .csv: "spreadsheet"
        }
    }
}
