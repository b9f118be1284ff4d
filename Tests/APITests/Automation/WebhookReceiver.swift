import API
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import Synchronization
import TestSupport
import Testing

/// A webhook receiver for tests: an HTTPS server on loopback (the test certificate) that
/// answers from a script, checks each request's Standard Webhooks signature on its own
/// (HMAC-SHA256 with swift-crypto, not the server's signer) and processes each
/// `webhook-id` once, as a receiver must under at-least-once delivery.
final class WebhookReceiver: Sendable {
    enum Answer: Sendable {
        case status(Int)
        /// Answers 200 only after `delay`: longer than the sender's timeout.
        case slow(Duration)
    }

    struct Received: Sendable {
        let id: String
        let timestamp: String
        let signatureValid: Bool
        let body: Data
    }

    private struct State {
        var script: [Answer] = []
        var secret: [UInt8] = []
        var received: [Received] = []
        var processed: [String] = []
    }

    private let state = Mutex(State())

    var received: [Received] { state.withLock { $0.received } }
    /// The event ids processed, once each.
    var processed: [String] { state.withLock { $0.processed } }

    func expect(secret: String, answers: [Answer]) {
        state.withLock { state in
            state.secret = Array(Data(base64Encoded: String(secret.dropFirst("whsec_".count))) ?? Data())
            state.script = answers
        }
    }

    /// Runs the receiver on a free loopback port while `body` runs.
    func run(_ body: @Sendable (_ port: Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            try await self.handle(request)
        }
        let certificate = try TestCertificate.make()
        let app = Application(
            router: router,
            server: try .tls(tlsConfiguration: try makeTLSConfiguration(certificatePath: certificate.certificatePath, keyPath: certificate.keyPath)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.ahc(.https)) { client in
            try await body(try #require(client.port))
        }
    }

    private func handle(_ request: Request) async throws -> Response {
        var request = request
        let body = Data(try await request.collectBody(upTo: 1 << 20).readableBytesView)
        let id = request.headers[HTTPField.Name("webhook-id")!] ?? ""
        let timestamp = request.headers[HTTPField.Name("webhook-timestamp")!] ?? ""
        let signatures = (request.headers[HTTPField.Name("webhook-signature")!] ?? "").split(separator: " ")
        let answer = state.withLock { state -> Answer in
            var signed = Data("\(id).\(timestamp).".utf8)
            signed.append(body)
            let mac = Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: state.secret))).base64EncodedString()
            state.received.append(Received(id: id, timestamp: timestamp, signatureValid: signatures.contains { $0 == "v1,\(mac)" }, body: body))
            return state.script.isEmpty ? .status(204) : state.script.removeFirst()
        }
        switch answer {
        case .status(let code):
            if (200..<300).contains(code) { process(id) }
            return Response(status: .init(code: code))
        case .slow(let delay):
            try await Task.sleep(for: delay)
            // Processed, but the sender gave up before this answer: it will send it again.
            process(id)
            return Response(status: .ok)
        }
    }

    private func process(_ id: String) {
        state.withLock { state in
            if !state.processed.contains(id) { state.processed.append(id) }
        }
    }
}
