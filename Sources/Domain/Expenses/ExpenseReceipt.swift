public import Foundation

extension IDTag {
    /// Tags a ``ReceiptID``.
    public enum Receipt {}
}

/// Identifies a receipt file of an expense.
public typealias ReceiptID = ID<IDTag.Receipt>

/// A receipt file attached to an expense, without its bytes (those are only read to
/// be downloaded).
public struct ExpenseReceipt: Hashable, Sendable {
    /// The longest file name kept, in characters.
    public static let maximumFileNameLength = 255
    /// The most receipts one expense may carry.
    public static let maximumPerExpense = 20

    public let id: ReceiptID
    public let expenseID: ExpenseID
    /// Sanitized: no path, no control characters; see ``sanitizedFileName(_:type:)``.
    public let fileName: String
    /// Decided from the bytes.
    public let type: ReceiptType
    public let byteSize: Int
    /// Lowercase hex SHA-256 of the bytes.
    public let sha256: String
    public let uploadedBy: UserID
    public let uploadedAt: Date

    public init(
        id: ReceiptID, expenseID: ExpenseID, fileName: String, type: ReceiptType, byteSize: Int, sha256: String, uploadedBy: UserID,
        uploadedAt: Date
    ) {
        self.id = id
        self.expenseID = expenseID
        self.fileName = fileName
        self.type = type
        self.byteSize = byteSize
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    /// A file name safe to store and to send back in `Content-Disposition`: the last
    /// path component only, control characters, quotes, backslashes and semicolons
    /// removed, surrounding dots and spaces trimmed, at most
    /// ``maximumFileNameLength`` characters. Without anything usable left:
    /// `receipt.<extension of the sniffed type>`.
    public static func sanitizedFileName(_ raw: String?, type: ReceiptType) -> String {
        let fallback = "receipt.\(type.fileExtension)"
        guard let raw else { return fallback }
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let forbidden: Set<Character> = ["\"", ";", "<", ">", "|", "*", "?", ":"]
        var cleaned = String(
            String.UnicodeScalarView(
                lastComponent.unicodeScalars.filter { scalar in
                    !scalar.properties.generalCategory.isControlOrFormat && !forbidden.contains(Character(scalar))
                }))
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ". ").union(.whitespacesAndNewlines))
        guard !cleaned.isEmpty else { return fallback }
        // Counted in Unicode scalars, as PostgreSQL's length() counts.
        if cleaned.unicodeScalars.count > maximumFileNameLength {
            // Keep the extension readable: cut the stem, not the end.
            let parts = cleaned.split(separator: ".")
            let ext = parts.count > 1 ? String(String.UnicodeScalarView(parts.last!.unicodeScalars.prefix(10))) : ""
            let room = maximumFileNameLength - (ext.isEmpty ? 0 : ext.unicodeScalars.count + 1)
            let stem = String(String.UnicodeScalarView(cleaned.unicodeScalars.prefix(room)))
            cleaned = ext.isEmpty ? stem : "\(stem).\(ext)"
        }
        return cleaned
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
