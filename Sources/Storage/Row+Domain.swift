public import Domain
import Foundation
public import Postgres

// Conversions between PostgreSQL values and domain types, so stores can bind and
// decode typed ids, dates and roles directly.

extension ID: PostgresEncodable, PostgresArrayElement {
    public var postgresBind: PostgresBind { uuid.postgresBind }
}

extension ID: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> ID<Entity> {
        ID(try UUID.decode(cell))
    }
}

/// `LocalDate` is the one calendar-date type: the wrapper binds and decodes it as `date`.
extension LocalDate: PostgresDate {}

extension Role: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(rawValue) }
}

extension Role: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Role {
        let text = try String.decode(cell)
        guard let role = Role(rawValue: text) else {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.column)\" holds an unknown role")
        }
        return role
    }
}

extension Currency: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(code) }
}

extension Currency: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Currency {
        let text = try String.decode(cell)
        do {
            return try Currency(text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.column)\" holds an invalid currency code")
        }
    }
}

extension UserRate.Kind: PostgresEncodable {
    public var postgresBind: PostgresBind { .text(rawValue) }
}

extension UserRate.Kind: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> UserRate.Kind {
        guard let kind = UserRate.Kind(rawValue: try String.decode(cell)) else {
            throw PostgresError(kind: .decoding, message: "column \"\(cell.column)\" holds an unknown rate kind")
        }
        return kind
    }
}
