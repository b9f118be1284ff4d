import CLibXML2
import Foundation

/// Reads an XML document as a stream of events with libxml2's `xmlTextReader`: no
/// tree in memory, no network, and a document type declaration is refused outright,
/// so no entity (internal or external) is ever expanded.
enum XMLPullParser {
    enum Event {
        /// An element opens; `isEmpty` for `<c/>`, which has no matching end event.
        case start(name: String, attributes: [String: String], isEmpty: Bool)
        case end(name: String)
        case text(String)
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Calls `handle` for every element start and end and every text run of `data`,
    /// with local names (no prefixes) for elements and attributes.
    static func parse(_ data: Data, _ handle: (Event) throws -> Void) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count > 0, raw.count <= Int(Int32.max) else {
                throw ParseError(description: "the part is empty")
            }
            let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOERROR.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)
            guard let reader = xmlReaderForMemory(base, Int32(raw.count), nil, "UTF-8", options) else {
                throw ParseError(description: "libxml2 could not create a reader")
            }
            defer { xmlFreeTextReader(reader) }
            xmlTextReaderSetErrorHandler(reader, { _, _, _, _ in }, nil)
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { return }
                guard status == 1 else { throw ParseError(description: "the XML is not well formed") }
                switch Int(xmlTextReaderNodeType(reader)) {
                case Int(XML_READER_TYPE_ELEMENT.rawValue):
                    let name = string(xmlTextReaderConstLocalName(reader))
                    let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                    var attributes: [String: String] = [:]
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[string(xmlTextReaderConstLocalName(reader))] = string(xmlTextReaderConstValue(reader))
                    }
                    try handle(.start(name: name, attributes: attributes, isEmpty: isEmpty))
                case Int(XML_READER_TYPE_END_ELEMENT.rawValue):
                    try handle(.end(name: string(xmlTextReaderConstLocalName(reader))))
                case Int(XML_READER_TYPE_TEXT.rawValue), Int(XML_READER_TYPE_CDATA.rawValue),
                    Int(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int(XML_READER_TYPE_WHITESPACE.rawValue):
                    try handle(.text(string(xmlTextReaderConstValue(reader))))
                case Int(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                    throw ParseError(description: "a document type declaration is not allowed")
                default:
                    continue
                }
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }
}
