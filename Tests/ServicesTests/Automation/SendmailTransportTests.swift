import Domain
import Foundation
import Services
import TestSupport
import Testing

@Suite("Sendmail transport over real SMTP")
struct SendmailTransportTests {
    func message(to recipients: [String]) -> EmailMessage {
        EmailMessage(
            from: EmailMailbox(name: "Atelier Été", address: "billing@atelier.example"),
            to: recipients.map { EmailMailbox(name: "Client", address: $0) }, replyTo: EmailMailbox(address: "finance@atelier.example"),
            subject: "Facture 2026-0001 — échéance", text: "Bonjour,\n.\nla facture est jointe.", html: "<p>Bonjour</p>",
            attachments: [
                EmailAttachment(filename: "2026-0001.pdf", contentType: "application/pdf", data: Data((0..<5000).map { UInt8($0 % 256) })),
                EmailAttachment(filename: "2026-0001.xml", contentType: "application/xml", data: Data("<Invoice>é</Invoice>".utf8)),
            ],
            messageID: EmailMessage.newMessageID(from: EmailMailbox(address: "billing@atelier.example")), date: Date())
    }

    @Test func msmtpDeliversTheMessageIntactToTheSink() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let sent = message(to: ["ap@client.example", "cfo@client.example"])
        try await sink.transport.send(sent)
        let received = try await sink.waitForMessages(1)
        #expect(received.count == 1)
        let mail = try #require(received.first)
        #expect(Set(mail.recipients) == ["ap@client.example", "cfo@client.example"])
        #expect(mail.defects.isEmpty)
        #expect(mail.headers["Subject"] == "Facture 2026-0001 — échéance")
        #expect(mail.headers["Message-ID"] == "<\(sent.messageID)>")
        #expect(mail.headers["From"] == "Atelier Été <billing@atelier.example>")
        #expect(mail.headers["Reply-To"] == "finance@atelier.example")
        #expect(mail.contentType == "multipart/mixed")
        #expect(mail.parts.map(\.contentType) == ["text/plain", "text/html", "application/pdf", "application/xml"])
        // Quoted-printable keeps the message's CRLF line ends; a line holding only "." survives (-i);
        // the line end before the boundary belongs to the boundary (RFC 2046 §5.1.1).
        #expect(mail.parts[0].text == "Bonjour,\r\n.\r\nla facture est jointe.")
        #expect(mail.attachment(named: "2026-0001.pdf")?.data == sent.attachments[0].data)
        #expect(mail.attachment(named: "2026-0001.xml")?.data == sent.attachments[1].data)
    }

    @Test func aFailingMTAIsAnErrorWithWhatItSaid() async throws {
        let transport = SendmailTransport(command: ["/bin/sh", "-c", "echo refused >&2; exit 75"])
        await #expect(throws: MailTransportFailed.self) { try await transport.send(message(to: ["a@b.example"])) }
    }

    @Test func aHangingMTAIsStoppedAfterItsTimeout() async throws {
        // The bound is far above the 300 ms timeout (a loaded machine once took 12.7 s to
        // reap the killed child) and far below the 120 s the MTA would hang if not killed.
        let transport = SendmailTransport(command: ["/bin/sleep", "120"], timeout: .milliseconds(300))
        let started = ContinuousClock.now
        await #expect(throws: MailTransportFailed.self) { try await transport.send(message(to: ["a@b.example"])) }
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
