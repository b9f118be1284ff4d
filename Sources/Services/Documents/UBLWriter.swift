import CLibXML2
public import Domain
public import Foundation

/// Serializes an ``XMLTreeElement`` with libxml2's streaming writer (`xmlTextWriter`):
/// the library escapes text and attribute values and keeps the document well formed;
/// nothing here concatenates markup. UTF-8, an XML declaration, two-space indentation.
public enum UBLWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func data(_ root: XMLTreeElement) throws -> Data {
        guard let buffer = xmlBufferCreate() else { throw WriteError(description: "libxml2 could not allocate a buffer") }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            throw WriteError(description: "libxml2 could not create a writer")
        }
        var freed = false
        defer { if !freed { xmlFreeTextWriter(writer) } }
        try check(xmlTextWriterSetIndent(writer, 1), "indent")
        try check(withXMLString("  ") { xmlTextWriterSetIndentString(writer, $0) }, "indent string")
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "declaration")
        try write(root, to: writer)
        try check(xmlTextWriterEndDocument(writer), "end of document")
        // Freeing the writer flushes it into the buffer.
        xmlFreeTextWriter(writer)
        freed = true
        guard let content = xmlBufferContent(buffer) else { throw WriteError(description: "libxml2 wrote nothing") }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    static func write(_ element: XMLTreeElement, to writer: xmlTextWriterPtr) throws {
        try check(withXMLString(element.name) { xmlTextWriterStartElement(writer, $0) }, element.name)
        for attribute in element.attributes {
            try check(
                withXMLString(attribute.name) { name in
                    withXMLString(xmlSafe(attribute.value)) { value in xmlTextWriterWriteAttribute(writer, name, value) }
                }, "\(element.name)@\(attribute.name)")
        }
        if let text = element.text {
            try check(withXMLString(xmlSafe(text)) { xmlTextWriterWriteString(writer, $0) }, element.name)
        }
        for child in element.children { try write(child, to: writer) }
        try check(xmlTextWriterEndElement(writer), element.name)
    }

    /// Drops the characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR;
    /// U+FFFE, U+FFFF): the writer would otherwise emit a document no parser accepts.
    static func xmlSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLCharacter($0) }) else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter(isXMLCharacter))
        return String(kept)
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    static func withXMLString(_ text: String, _ body: (UnsafePointer<xmlChar>) -> Int32) -> Int32 {
        text.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: text.utf8.count + 1, body)
        }
    }

    static func check(_ result: Int32, _ what: String) throws {
        if result < 0 { throw WriteError(description: "libxml2 failed writing \(what)") }
    }
}
