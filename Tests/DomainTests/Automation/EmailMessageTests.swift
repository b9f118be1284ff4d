import Domain
import Foundation
import Testing

@Suite("E-mail messages (MIME)")
struct EmailMessageTests {
    let pdf = Data((0..<3000).map { UInt8($0 % 251) })
    let xml = Data("<?xml version=\"1.0\"?><Invoice>é</Invoice>".utf8)

    func message(subject: String = "Facture 2026-0001 — échéance", html: String? = "<p>Bonjour</p>") -> EmailMessage {
        EmailMessage(
            from: EmailMailbox(name: "Atelier Été", address: "billing@atelier.example"),
            to: [EmailMailbox(name: "Jo \"JJ\" Doe", address: "jo@client.example"), EmailMailbox(address: "ap@client.example")],
            replyTo: EmailMailbox(address: "finance@atelier.example"), subject: subject,
            text: "Bonjour,\nveuillez trouver la facture ci-jointe. " + String(repeating: "très long ", count: 20) + "\n.\nFin ",
            html: html,
            attachments: [
                EmailAttachment(filename: "2026-0001.pdf", contentType: "application/pdf", data: pdf),
                EmailAttachment(filename: "2026-0001.xml", contentType: "application/xml", data: xml),
            ],
            messageID: "abc-123@atelier.example", date: Date(timeIntervalSince1970: 1_796_635_805))
    }

    func text(_ message: EmailMessage) -> String { String(decoding: message.mime(), as: UTF8.self) }

    @Test func everyLineEndsInCRLFAndStaysShort() {
        let raw = text(message())
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in raw.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
    }

    @Test func headersAreThoseOfRFC5322() {
        let raw = text(message())
        #expect(raw.hasPrefix("Message-ID: <abc-123@atelier.example>\r\n"))
        #expect(raw.contains("\r\nDate: Mon, 07 Dec 2026 09:30:05 +0000\r\n"))
        #expect(raw.contains("From: =?UTF-8?B?"))
        #expect(raw.contains("<billing@atelier.example>"))
        #expect(raw.contains("To: \"Jo \\\"JJ\\\" Doe\" <jo@client.example>,\r\n <ap@client.example>\r\n"))
        #expect(raw.contains("Reply-To: <finance@atelier.example>\r\n"))
        #expect(raw.contains("MIME-Version: 1.0\r\n"))
    }

    @Test func aNonASCIISubjectIsEncodedWordsThatDecodeBack() throws {
        let subject = "Facture 2026-0001 — échéance " + String(repeating: "é", count: 40)
        let raw = text(message(subject: subject))
        let start = try #require(raw.range(of: "Subject: "))
        let block = raw[start.upperBound...].components(separatedBy: "\r\nMIME-Version")[0]
        let words = block.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        var bytes = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            bytes += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: bytes, as: UTF8.self) == subject)
    }

    @Test func anASCIISubjectStaysReadable() {
        #expect(text(message(subject: "Invoice 2026-0001")).contains("\r\nSubject: Invoice 2026-0001\r\n"))
    }

    @Test func headerInjectionIsNeutralised() {
        let raw = text(message(subject: "Hi\r\nBcc: victim@example.com"))
        #expect(!raw.contains("\r\nBcc:"))
    }

    @Test func attachmentsAreBase64OfTheExactBytes() throws {
        let raw = text(message())
        let parts = raw.components(separatedBy: "--=_mixed_")
        #expect(parts.count == 5)  // preamble-less: headers, alternative, pdf, xml, closing
        let pdfPart = try #require(parts.first { $0.contains("filename=\"2026-0001.pdf\"") })
        let body = pdfPart.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(Data(base64Encoded: body) == pdf)
        #expect(raw.contains("Content-Type: multipart/alternative;"))
        #expect(raw.contains("Content-Type: text/html; charset=UTF-8"))
    }

    @Test func quotedPrintableKeepsTextExact() throws {
        let raw = text(message(html: nil))
        #expect(!raw.contains("multipart/alternative"))
        let textPart = try #require(raw.components(separatedBy: "--=_mixed_").first { $0.contains("text/plain") })
        let encoded = textPart.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(Self.decodeQuotedPrintable(encoded) == message().text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    /// A reference decoder (RFC 2045 §6.7), to check the encoder against.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var iterator = Array(joined.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
