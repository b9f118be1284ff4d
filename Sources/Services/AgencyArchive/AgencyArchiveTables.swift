import Storage

/// Which tables an agency archive holds: every table of the schema (read from the
/// catalog) except those named here, each with the reason it stays behind. A table a
/// later migration adds is archived without a change here; a test fails when the
/// catalog and these lists disagree.
public enum AgencyArchiveTables {
    public static let excluded: [String: String] = [
        "schema_migrations": "the target database's own migrations; the manifest carries the schema version",
        "idempotency_keys": "replayable answers to recent requests, tied to sessions that do not move",
        "sessions": "sign-ins do not move: users sign in again on the new server",
        "login_failures": "login throttling state",
        "jobs": "the scheduler's run state, which the server recreates when it starts",
    ]

    /// Tables a migration fills (the agency settings row, the invoice number series,
    /// the late-payment rates of 0027, the currencies' decimal places of 0029): an empty
    /// database already has their rows, which an import replaces with the archive's.
    public static let seededByMigrations: Set<String> = [
        "agency_settings", "invoice_series", "late_payment_rates", "currency_minor_digits",
    ]

    /// Columns never archived, with the value an import writes instead (see
    /// ``AgencyImportService``): a user's password hash.
    public static let omitted: [String: [String]] = ["users": ["password_hash"]]

    /// The archived tables among `catalog`.
    public static func archived(_ catalog: [String]) -> [String] {
        catalog.filter { excluded[$0] == nil }
    }

    /// Binary columns archived as files of their own (receipts, rendered documents):
    /// every `bytea` column but a digest (`…_hash`), which stays in the row.
    static func fileColumns(_ columns: [AgencyArchiveStore.Column]) -> [String] {
        columns.filter { $0.dataType == "bytea" && !$0.name.hasSuffix("_hash") }.map(\.name)
    }
}
