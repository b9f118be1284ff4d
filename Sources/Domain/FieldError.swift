/// One problem with one input field, shown to the user as `{field, message}`.
public struct FieldError: Hashable, Sendable, Codable {
    /// The field as named on the wire (`snake_case`; nested fields as `lines[2].quantity`).
    public let field: String
    /// A short, human sentence saying what is wrong and how to fix it.
    public let message: String

    /// Creates a field error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
