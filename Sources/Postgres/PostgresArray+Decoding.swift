/// One-dimensional PostgreSQL arrays decode into Swift arrays of any decodable element:
/// `uuid[]` into `[UUID]` (or the application's typed ids), `integer[]` into `[Int]`,
/// `text[]` into `[String]`. A NULL element needs an optional element type
/// (`[Int?]`); multi-dimensional arrays are refused with a decoding error.
extension Array: PostgresDecodable where Element: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws -> [Element] {
        let swiftType = "[\(Element.self)]"
        let elementType = PostgresType.element(ofArray: cell.type)
        let text = try cell.require(swiftType, accepting: elementType == nil ? [] : [cell.type])
        guard let elementType, let elements = PostgresArrayLiteral.elements(of: text) else { throw cell.invalid(swiftType) }
        return try elements.enumerated().map { offset, element in
            try Element.decode(PostgresCell(column: "\(cell.column)[\(offset + 1)]", type: elementType, text: element))
        }
    }
}

extension PostgresType {
    /// Array type OIDs and the OIDs of their elements.
    static let arrayElements: [UInt32: UInt32] = [
        1000: bool, 1001: bytea, 1002: char, 1003: name, 1005: int2, 1007: int4, 1009: text, 1014: bpchar,
        1015: varchar, 1016: int8, 1028: oid, 199: json, 3807: jsonb, 1182: date, 1115: timestamp,
        1185: timestamptz, 1231: numeric, 2951: uuid, 1041: inet, 651: cidr,
    ]

    /// The element type of an array type; a user-defined array (of an enum, a domain, an
    /// extension type) keeps its own OID so that its elements decode as text.
    static func element(ofArray type: UInt32) -> UInt32? {
        if let element = arrayElements[type] { return element }
        return type >= firstUserDefined ? type : nil
    }
}

/// PostgreSQL's text form of a one-dimensional array: `{a,"b c",NULL,"d\"e"}`.
enum PostgresArrayLiteral {
    /// The elements (`nil` for NULL), or `nil` when `text` is not a one-dimensional array literal.
    static func elements(of text: String) -> [String?]? {
        var characters = Substring(text)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        if characters.isEmpty { return [] }
        var elements: [String?] = []
        var index = characters.startIndex
        while true {
            guard index < characters.endIndex else { return nil }
            if characters[index] == "\"" {
                var element = ""
                index = characters.index(after: index)
                while true {
                    guard index < characters.endIndex else { return nil }
                    let character = characters[index]
                    index = characters.index(after: index)
                    if character == "\"" { break }
                    if character == "\\" {
                        guard index < characters.endIndex else { return nil }
                        element.append(characters[index])
                        index = characters.index(after: index)
                    } else {
                        element.append(character)
                    }
                }
                elements.append(element)
            } else {
                let end = characters[index...].firstIndex(of: ",") ?? characters.endIndex
                let element = characters[index..<end]
                // A nested "{" is a second dimension, which this decoder does not support.
                guard !element.isEmpty, !element.contains("{"), !element.contains("\"") else { return nil }
                elements.append(element.uppercased() == "NULL" ? nil : String(element))
                index = end
            }
            if index == characters.endIndex { return elements }
            guard characters[index] == "," else { return nil }
            index = characters.index(after: index)
        }
    }
}
