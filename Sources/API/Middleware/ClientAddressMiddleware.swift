public import Domain
import Logging
import HTTPTypes
public import Hummingbird

/// Decides who the client is and whether it used HTTPS.
///
/// `X-Forwarded-For`, `X-Forwarded-Proto` and `Forwarded` are believed only when the
/// socket peer is a trusted proxy (`SHEAF_TRUSTED_PROXIES`); from anyone else they are
/// ignored and the peer itself is the client.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    let trustedProxies: [CIDR]
    let tlsEnabled: Bool

    public init(trustedProxies: [CIDR], tlsEnabled: Bool) {
        self.trustedProxies = trustedProxies
        self.tlsEnabled = tlsEnabled
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let resolved = resolve(peer: context.peerAddress, headers: request.headers)
        context.clientAddress = resolved.address
        context.scheme = resolved.scheme
        context.logger[metadataKey: "client"] = .string(resolved.address)
        return try await next(request, context)
    }

    func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    /// The client address and scheme for a request from `peer` with `headers`.
    func resolve(peer: String?, headers: HTTPFields) -> (address: String, scheme: String) {
        let ownScheme = tlsEnabled ? "https" : "http"
        guard let peer else { return ("unknown", ownScheme) }
        guard isTrusted(peer) else { return (peer, ownScheme) }

        var chain: [String] = []
        var proto: String?
        if let forwarded = headers[values: HTTPField.Name("Forwarded")!].joined(separator: ",").nonEmpty {
            for element in forwarded.split(separator: ",") {
                for pair in element.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    switch parts[0].lowercased() {
                    case "for": chain.append(Self.stripPort(value))
                    case "proto": proto = value.lowercased()
                    default: break
                    }
                }
            }
        } else {
            chain = headers[values: HTTPField.Name("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
                .map { Self.stripPort($0.trimmingCharacters(in: .whitespaces)) }
            proto = headers[HTTPField.Name("X-Forwarded-Proto")!]?.split(separator: ",").first
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
        // Walk from the nearest hop back: the client is the first address that is not a
        // trusted proxy itself (anything further left could have been forged by it).
        var client = peer
        for hop in chain.reversed() {
            guard IPAddress.parse(hop) != nil else { break }
            client = hop
            if !isTrusted(hop) { break }
        }
        let scheme = proto == "https" ? "https" : (proto == "http" ? "http" : ownScheme)
        return (client, scheme)
    }

    /// `203.0.113.7:4711` → `203.0.113.7`; `[2001:db8::1]:4711` → `2001:db8::1`.
    static func stripPort(_ value: String) -> String {
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            return String(value[..<colon])
        }
        return value
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

import Foundation
