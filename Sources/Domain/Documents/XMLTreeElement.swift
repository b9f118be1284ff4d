/// An XML element as plain data: a qualified name (`cbc:ID`), attributes in order, and
/// either text or child elements. The UBL mapping builds one of these (pure, testable
/// without an XML library); a writer in Services serializes it with libxml2, which
/// does the escaping. Empty values never become elements: ``leaf(_:_:attributes:)``
/// answers nil for them, and ``branch(_:_:)`` for a branch without children, so a
/// document cannot carry an empty element (PEPPOL-EN16931-R008).
public struct XMLTreeElement: Sendable, Hashable {
    public struct Attribute: Sendable, Hashable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public let name: String
    public let attributes: [Attribute]
    /// Text content; nil for an element with children.
    public let text: String?
    public let children: [XMLTreeElement]

    public init(name: String, attributes: [Attribute] = [], text: String? = nil, children: [XMLTreeElement] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// A text element, or nil when `text` is nil or blank.
    public static func leaf(_ name: String, _ text: String?, attributes: [Attribute] = []) -> XMLTreeElement? {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return nil }
        return XMLTreeElement(name: name, attributes: attributes, text: text)
    }

    /// An element holding `children` (nils dropped), or nil when none is left.
    public static func branch(_ name: String, _ children: [XMLTreeElement?], attributes: [Attribute] = []) -> XMLTreeElement? {
        let kept = children.compactMap { $0 }
        guard !kept.isEmpty else { return nil }
        return XMLTreeElement(name: name, attributes: attributes, children: kept)
    }

    /// The first child named `name`, for tests and readers.
    public func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }
}
