/// The character that separates the fields of a CSV record.
///
/// RFC 4180 uses a comma; spreadsheet programs in locales whose decimal separator
/// is a comma (most of Europe) write and expect a semicolon instead.
public enum CSVDelimiter: Sendable, Hashable, CaseIterable {
    /// `,` — RFC 4180 and every English-locale export.
    case comma
    /// `;` — European Excel and LibreOffice exports.
    case semicolon

    /// The delimiter as a character.
    public var character: Character {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        }
    }

    /// The delimiter as its (ASCII) UTF-8 byte.
    var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .semicolon: UInt8(ascii: ";")
        }
    }
}
