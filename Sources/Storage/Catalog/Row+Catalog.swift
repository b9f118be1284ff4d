public import Domain
public import Postgres

// Conversions between PostgreSQL text columns and the catalog's enumerations.

extension BillingModel: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(rawValue) }
}

extension BillingModel: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> BillingModel {
        guard let value = BillingModel(rawValue: try String.decode(cell)) else {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.column)\" holds an unknown billing model")
        }
        return value
    }
}

extension ProjectStatus: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(rawValue) }
}

extension ProjectStatus: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> ProjectStatus {
        guard let value = ProjectStatus(rawValue: try String.decode(cell)) else {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.column)\" holds an unknown project status")
        }
        return value
    }
}

extension HourlyRate {
    /// A stored rate (`rate_scaled` of `currency`); a negative one is a decoding error.
    static func stored(_ scaled: Int64, currency: Currency) throws -> HourlyRate {
        do {
            return try HourlyRate(scaled: scaled, currency: currency)
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"rate_scaled\" holds a negative rate")
        }
    }
}
