public import Foundation

/// PostgreSQL type OIDs the decoders check against.
public enum PostgresType {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let char: UInt32 = 18
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let unknown: UInt32 = 705
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
    public static let inet: UInt32 = 869
    public static let cidr: UInt32 = 650
    /// OIDs at or above this belong to user-defined types (enums, domains, extensions such as citext).
    public static let firstUserDefined: UInt32 = 16384
}

/// One column value as it came from the server: text format, or NULL.
public struct PostgresCell: Sendable {
    public let column: String
    public let type: UInt32
    public let text: String?

    public init(column: String, type: UInt32, text: String?) {
        self.column = column
        self.type = type
        self.text = text
    }
}

/// A Swift type a column can be decoded into. Non-optional types refuse NULL with an
/// error that names the column; `Optional` turns NULL into `nil`.
public protocol PostgresDecodable: Sendable {
    static func decode(_ cell: PostgresCell) throws -> Self
}

extension PostgresCell {
    /// The text of a non-NULL cell whose type is one of `accepted`.
    public func require(_ swiftType: String, accepting accepted: Set<UInt32>) throws -> String {
        guard let text else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" is NULL but \(swiftType) is not optional")
        }
        guard accepted.contains(type) else {
            throw PostgresError(kind: .decoding, message: "column \"\(column)\" has type oid \(type), which cannot be decoded as \(swiftType)")
        }
        return text
    }

    func invalid(_ swiftType: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "column \"\(column)\" holds a value that is not a valid \(swiftType)")
    }
}

private let integerTypes: Set<UInt32> = [PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid, PostgresType.numeric]

extension Int64: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Int64 {
        let text = try cell.require("Int64", accepting: integerTypes)
        // numeric is accepted only when it holds a whole number (e.g. sum(bigint)).
        guard let value = Int64(text) else { throw cell.invalid("Int64") }
        return value
    }
}

extension Int: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Int {
        let text = try cell.require("Int", accepting: integerTypes)
        guard let value = Int(text) else { throw cell.invalid("Int") }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Int32 {
        let text = try cell.require("Int32", accepting: [PostgresType.int2, PostgresType.int4, PostgresType.oid])
        guard let value = Int32(text) else { throw cell.invalid("Int32") }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Bool {
        switch try cell.require("Bool", accepting: [PostgresType.bool]) {
        case "t": return true
        case "f": return false
        default: throw cell.invalid("Bool")
        }
    }
}

private let textTypes: Set<UInt32> = [
    PostgresType.text, PostgresType.varchar, PostgresType.bpchar, PostgresType.name, PostgresType.char,
    PostgresType.json, PostgresType.jsonb, PostgresType.unknown, PostgresType.inet, PostgresType.cidr,
]

extension String: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> String {
        if cell.type >= PostgresType.firstUserDefined, let text = cell.text { return text }
        return try cell.require("String", accepting: textTypes)
    }
}

extension UUID: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> UUID {
        let text = try cell.require("UUID", accepting: [PostgresType.uuid])
        guard let value = UUID(uuidString: text) else { throw cell.invalid("UUID") }
        return value
    }
}

extension Date: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Date {
        let text = try cell.require("Date", accepting: [PostgresType.timestamptz, PostgresType.timestamp])
        guard let value = PostgresTimestamp.parse(text) else { throw cell.invalid("Date") }
        return value
    }
}

extension Data: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Data {
        let text = try cell.require("Data", accepting: [PostgresType.bytea])
        // bytea_output is set to hex on every connection: "\x0a1b…".
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == 92, utf8[1] == 120, utf8.count % 2 == 0 else { throw cell.invalid("Data") }
        var data = Data(capacity: (utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { throw cell.invalid("Data") }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 97...102: byte - 87
        case 65...70: byte - 55
        default: nil
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> Wrapped? {
        guard cell.text != nil else { return nil }
        return try Wrapped.decode(cell)
    }
}
