public import Foundation

/// The columns of Sheaf's time-entry export (`GET /exports/time-entries.csv`),
/// which the `sheaf` import format reads back.
///
/// `minutes` is authoritative; `hours` is `minutes / 60` rounded half up to two
/// decimals, for people reading the file. Rates are decimal major units per hour
/// (up to 4 decimals) in the project's currency; empty when not yet captured.
/// Write the rows with ``CSVWriter`` so that notes cannot inject formulas.
public enum SheafTimeCSV {
    /// The header row, in order.
    public static let header = [
        "id", "date", "user_email", "user_name", "client", "project_code", "project", "task",
        "minutes", "hours", "billable", "status", "note", "billable_rate", "cost_rate",
    ]

    /// The fields of one time entry, in ``header`` order, ready for ``CSVWriter/append(_:)``.
    /// - Parameters:
    ///   - id: the entry id; imported back as ``ImportedTimeRow/externalID`` so a
    ///     re-import can detect duplicates.
    ///   - status: the entry's workflow state as on the wire (`approved`, `client_validated`…).
    ///   - billable: written `true` or `false`.
    public static func row(
        id: UUID,
        date: LocalDate,
        userEmail: String,
        userName: String,
        client: String,
        projectCode: String?,
        project: String,
        task: String?,
        minutes: Int,
        billable: Bool,
        status: String,
        note: String,
        billableRate: HourlyRate?,
        costRate: HourlyRate?
    ) -> [String] {
        [
            id.uuidString.lowercased(), date.description, userEmail, userName, client, projectCode ?? "", project,
            task ?? "", String(minutes), hours(minutes: minutes), billable ? "true" : "false", status, note,
            billableRate?.decimalString ?? "", costRate?.decimalString ?? "",
        ]
    }

    /// `minutes / 60` with two decimals, rounded half up: 90 → `1.50`, 20 → `0.33`.
    public static func hours(minutes: Int) -> String {
        let hundredths = FixedPoint.divideRoundingHalfUp(Int128(minutes) * 100, by: 60)
        return FixedPoint.format(Int64(hundredths), scale: 2)
    }
}

/// Reads ``SheafTimeCSV`` files back: `date` is ISO, `minutes` a whole number,
/// `id` becomes the external id; `hours`, `status` and the rates are ignored
/// (an imported entry starts afresh). Formula prefixes added by ``CSVWriter`` are removed.
enum SheafTimeImport: TimeImportMapping {
    static let requiredColumns = [["date"], ["minutes"], ["project", "project_code"], ["user_email", "user_name"]]
    static let restoresFormulas = true

    static func row(from record: inout ImportRecord) -> ImportedTimeRow? {
        record.finish(
            date: record.date("date", style: .iso),
            minutes: record.wholeMinutes("minutes"),
            personEmail: record.email("user_email"),
            personName: record.text("user_name"),
            personColumns: ["user_email", "user_name"],
            projectName: record.text("project"),
            projectCode: record.text("project_code"),
            projectColumns: ["project", "project_code"],
            clientName: record.text("client"),
            taskName: record.text("task"),
            note: record.note("note"),
            billable: record.flag("billable"),
            externalID: record.text("id")
        )
    }
}
