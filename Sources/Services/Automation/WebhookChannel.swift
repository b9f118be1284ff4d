import AsyncHTTPClient
public import Domain
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
public import Postgres
import Storage

/// Delivers outbox events to webhook endpoints (issue 14 item 3): one signed POST per
/// attempt with async-http-client, a short timeout, no redirects.
///
/// SSRF: before each attempt the endpoint's URL is checked against the
/// ``WebhookAddressPolicy`` and its host resolved; every address must pass, and the
/// connection goes to the address that was checked (`dnsOverride`, which keeps TLS
/// verification against the host name), so a name that resolves elsewhere a moment
/// later cannot redirect the request.
///
/// The body is `{"id", "type", "timestamp", "subject": {"type", "id"}, "link", "data"}`
/// where `data` is the event's payload and `link` its resource's URL (the public URL in
/// front when one is configured). Any 2xx is a success; any other answer, a timeout or
/// a connection failure is retried; a refused address, a deleted or deactivated
/// endpoint gives up at once.
public struct WebhookChannel: DeliveryChannel {
    public struct Settings: Sendable {
        public var policy: WebhookAddressPolicy
        /// Prefixed to each event's link (`SHEAF_PUBLIC_URL`); empty: the bare path.
        public var publicURL: String
        /// The whole attempt's limit (connect, send, answer).
        public var timeout: Duration
        /// Extra trusted certificate authorities (PEM file), e.g. a private CA or a test's.
        public var trustRootsFile: String?

        public init(policy: WebhookAddressPolicy, publicURL: String = "", timeout: Duration = .seconds(10), trustRootsFile: String? = nil) {
            self.policy = policy
            self.publicURL = publicURL
            self.timeout = timeout
            self.trustRootsFile = trustRootsFile
        }
    }

    public let kind = DeliveryChannelKind.webhook
    let pool: PostgresPool
    let clock: any WallClock
    let settings: Settings
    let endpoints = WebhookEndpointStore()

    public init(pool: PostgresPool, clock: any WallClock, settings: Settings) {
        self.pool = pool
        self.clock = clock
        self.settings = settings
    }

    public func deliver(_ delivery: ClaimedDelivery) async -> DeliveryResult {
        guard let endpointID = delivery.endpointID else { return DeliveryResult(.giveUp, error: "not a webhook delivery") }
        let target: (url: String, active: Bool, secret: WebhookSecret?)?
        do {
            target = try await endpoints.target(endpointID, on: pool)
        } catch {
            return DeliveryResult(.retry, error: "could not read the endpoint")
        }
        guard let target else { return DeliveryResult(.giveUp, error: "the endpoint was deleted") }
        guard target.active else { return DeliveryResult(.giveUp, error: "the endpoint is inactive") }
        guard let secret = target.secret else { return DeliveryResult(.giveUp, error: "the endpoint's secret is unreadable") }
        if let problem = settings.policy.problem(url: target.url) { return DeliveryResult(.giveUp, error: "the URL \(problem)") }
        guard let components = URLComponents(string: target.url), var host = components.host else {
            return DeliveryResult(.giveUp, error: "the URL is not absolute")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let addresses: [String]
        do {
            addresses = IPAddress.parse(host) != nil ? [host] : try await HostResolver.addresses(of: host)
        } catch {
            return DeliveryResult(.retry, error: "could not resolve \(host)")
        }
        guard let address = addresses.first else { return DeliveryResult(.retry, error: "\(host) does not resolve") }
        for candidate in addresses {
            if let refusal = settings.policy.refusal(address: candidate) {
                return DeliveryResult(.giveUp, error: "\(host) resolves to \(candidate), which \(refusal)")
            }
        }
        return await post(delivery, url: target.url, host: host, address: address, secret: secret)
    }

    func post(_ delivery: ClaimedDelivery, url: String, host: String, address: String, secret: WebhookSecret) async -> DeliveryResult {
        let body: Data
        do {
            body = try WebhookBody.encode(delivery.event, publicURL: settings.publicURL)
        } catch {
            return DeliveryResult(.giveUp, error: "the event's payload is not JSON")
        }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        configuration.dnsOverride = IPAddress.parse(host) == nil ? [host: address] : [:]
        configuration.connectionPool = .init(idleTimeout: .seconds(1))
        if let file = settings.trustRootsFile {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.file(file)]
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result = await send(delivery, url: url, body: body, secret: secret, with: client)
        try? await client.shutdown()
        return result
    }

    func send(_ delivery: ClaimedDelivery, url: String, body: Data, secret: WebhookSecret, with client: HTTPClient) async -> DeliveryResult {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Sheaf-Webhooks/1")
        let timestamp = Int64(clock.now().timeIntervalSince1970.rounded(.down))
        for header in WebhookSigner.headers(id: delivery.event.id.description, timestamp: timestamp, body: body, secret: secret) {
            request.headers.add(name: header.name, value: header.value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let seconds = settings.timeout.components.seconds
        do {
            let response = try await client.execute(request, timeout: .milliseconds(seconds * 1000 + settings.timeout.components.attoseconds / 1_000_000_000_000_000))
            // Read (and drop) a little of the answer so the connection ends cleanly.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            return (200..<300).contains(status)
                ? DeliveryResult(.succeeded, httpStatus: status) : DeliveryResult(.retry, httpStatus: status, error: "HTTP \(status)")
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return DeliveryResult(.retry, error: "timed out after \(seconds) s")
        } catch {
            return DeliveryResult(.retry, error: "could not deliver: \(Self.describe(error))")
        }
    }

    /// A short, secret-free description of a transport error.
    static func describe(_ error: any Error) -> String {
        String(String(describing: error).prefix(300))
    }
}

/// The JSON body of a webhook delivery.
enum WebhookBody {
    static func encode(_ event: OutboxEvent, publicURL: String) throws -> Data {
        let data = try JSONSerialization.jsonObject(with: Data(event.payload.utf8))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let envelope: [String: Any] = [
            "id": event.id.description, "type": event.type.rawValue, "timestamp": formatter.string(from: event.occurredAt),
            "subject": ["type": event.subjectType, "id": event.subjectID], "link": publicURL + event.link, "data": data,
        ]
        return try JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
