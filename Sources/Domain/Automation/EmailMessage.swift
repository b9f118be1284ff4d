public import Foundation

/// A person (or mailbox) on an e-mail: an address and an optional display name.
public struct EmailMailbox: Sendable, Hashable, Codable {
    public var name: String
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }
}

/// A file carried by an e-mail (an invoice's PDF, its UBL).
public struct EmailAttachment: Sendable, Hashable {
    public var filename: String
    /// e.g. `application/pdf`.
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// An e-mail as Sheaf sends it (issue 14 item 4): a plain-text part and an optional
/// HTML part, attachments, and the headers of RFC 5322. ``mime()`` writes it as the
/// bytes `sendmail -t -i` reads (CRLF line ends, no line over 78 characters).
public struct EmailMessage: Sendable, Hashable {
    public var from: EmailMailbox
    public var to: [EmailMailbox]
    public var replyTo: EmailMailbox?
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [EmailAttachment]
    /// Without angle brackets: `5f0c…@agency.example`.
    public var messageID: String
    public var date: Date

    public init(
        from: EmailMailbox, to: [EmailMailbox], replyTo: EmailMailbox? = nil, subject: String, text: String, html: String? = nil,
        attachments: [EmailAttachment] = [], messageID: String, date: Date
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
        self.messageID = messageID
        self.date = date
    }

    /// A new Message-ID under the sender's domain (`uuid@domain`).
    public static func newMessageID(from sender: EmailMailbox, id: UUID = UUID()) -> String {
        let domain = sender.address.split(separator: "@").last.map(String.init) ?? "sheaf.invalid"
        return "\(id.uuidString.lowercased())@\(domain)"
    }

    /// What makes the message unsendable: no recipient, an address that is not one,
    /// no subject.
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(EmailAddress.isValid(from.address), field: "from", message: "must be an e-mail address")
        validation.require(!to.isEmpty, field: "to", message: "needs at least one recipient")
        for (index, mailbox) in to.enumerated() {
            validation.require(EmailAddress.isValid(mailbox.address), field: "to[\(index)]", message: "must be an e-mail address")
        }
        if let replyTo {
            validation.require(EmailAddress.isValid(replyTo.address), field: "reply_to", message: "must be an e-mail address")
        }
        validation.require(!subject.isEmpty, field: "subject", message: "must not be empty")
        return validation.errors
    }

    /// The whole message in Internet Message Format (RFC 5322 with MIME, RFC 2045–2047,
    /// 2231): `multipart/mixed` holding a `multipart/alternative` (text, then HTML) and
    /// the attachments in base64. Without HTML or attachments the needless levels are
    /// left out. Boundaries start with `=_`, which neither quoted-printable nor base64
    /// can produce, so no content can end a part early.
    public func mime() -> Data {
        var headers: [String] = []
        // Never folded: a msg-id is one token (RFC 5322 §3.6.4), and well under 998 characters.
        headers.append("Message-ID: <\(MIMEText.headerSafe(messageID).replacingOccurrences(of: " ", with: ""))>")
        headers.append(MIMEText.header("Date", MIMEText.rfc5322Date(date)))
        headers.append(MIMEText.addressHeader("From", [from]))
        headers.append(MIMEText.addressHeader("To", to))
        if let replyTo { headers.append(MIMEText.addressHeader("Reply-To", [replyTo])) }
        headers.append(MIMEText.encodedHeader("Subject", subject))
        headers.append("MIME-Version: 1.0")

        let seed = MIMEText.boundarySeed(messageID)
        let textPart = MIMEText.textPart(text, subtype: "plain")
        let body: MIMEPart
        var alternative = textPart
        if let html {
            alternative = MIMEPart.multipart(
                "alternative", boundary: "=_alt_\(seed)", parts: [textPart, MIMEText.textPart(html, subtype: "html")])
        }
        if attachments.isEmpty {
            body = alternative
        } else {
            body = MIMEPart.multipart(
                "mixed", boundary: "=_mixed_\(seed)", parts: [alternative] + attachments.map(MIMEText.attachmentPart))
        }
        let lines = headers + body.lines(includeHeaders: true)
        return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}

/// One MIME entity: its headers and its body lines (already encoded, CRLF-free).
struct MIMEPart: Sendable {
    var headers: [String]
    var body: [String]

    static func multipart(_ subtype: String, boundary: String, parts: [MIMEPart]) -> MIMEPart {
        var body: [String] = []
        for part in parts {
            body.append("--\(boundary)")
            body += part.lines(includeHeaders: true)
        }
        body.append("--\(boundary)--")
        return MIMEPart(headers: ["Content-Type: multipart/\(subtype);", " boundary=\"\(boundary)\""], body: body)
    }

    /// Headers, an empty line, the body.
    func lines(includeHeaders: Bool) -> [String] {
        (includeHeaders ? headers : []) + [""] + body
    }
}
