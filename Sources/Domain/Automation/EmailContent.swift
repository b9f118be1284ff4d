import Foundation

/// What an e-mail delivery of the outbox carries beside its event (issue 14 item 4),
/// fixed when the delivery is made: the words, the sender, and references to the
/// attachments (never their bytes: the channel reads the stored PDF and renders the UBL
/// of the issued invoice when it sends, the same bytes every time).
public struct EmailContent: Sendable, Hashable, Codable {
    /// A file to attach, by reference.
    public struct Attachment: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable {
            /// The invoice's PDF of record (`GET /invoices/{id}/document.pdf`).
            case invoicePDF = "invoice_pdf"
            /// The invoice's UBL e-invoice (`GET /invoices/{id}/ubl`).
            case invoiceUBL = "invoice_ubl"
        }

        public let kind: Kind
        public let invoiceID: InvoiceID
        public let filename: String

        /// `invoice_id` in the stored JSON (``SheafJSON``'s snake case).
        enum CodingKeys: String, CodingKey {
            case kind, invoiceID = "invoiceId", filename
        }

        public init(kind: Kind, invoiceID: InvoiceID, filename: String) {
            self.kind = kind
            self.invoiceID = invoiceID
            self.filename = filename
        }
    }

    public let from: EmailMailbox
    public let replyTo: EmailMailbox?
    /// The recipient's name (the address is the delivery's target).
    public let toName: String
    public let subject: String
    public let text: String
    public let html: String?
    public let attachments: [Attachment]

    public init(
        from: EmailMailbox, replyTo: EmailMailbox?, toName: String, subject: String, text: String, html: String?, attachments: [Attachment]
    ) {
        self.from = from
        self.replyTo = replyTo
        self.toName = toName
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// Plain text as a minimal HTML document: escaped, paragraphs at blank lines.
    public static func html(fromText text: String, language: DocumentLanguage) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        let paragraphs = escaped.components(separatedBy: "\n\n").map { "<p>" + $0.replacingOccurrences(of: "\n", with: "<br>") + "</p>" }
        return "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"></head><body>\n"
            + paragraphs.joined(separator: "\n") + "\n</body></html>"
    }
}
