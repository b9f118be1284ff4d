import Foundation

/// Which receiver addresses webhooks may reach (issue 14 item 3, SSRF): never the
/// unspecified, multicast or broadcast ones; loopback and private or link-local ones
/// (RFC 1918, CGNAT, unique-local, 169.254/16, fe80::/10 — cloud metadata lives there)
/// only when the configuration explicitly allows them. Checked on the URL at creation
/// and on every address the host resolves to at each delivery.
public struct WebhookAddressPolicy: Sendable, Hashable {
    /// Loopback receivers (development, tests); also allows plain `http` to them.
    public let allowLoopback: Bool
    /// Receivers on private and link-local networks (an intranet).
    public let allowPrivate: Bool

    public init(allowLoopback: Bool = false, allowPrivate: Bool = false) {
        self.allowLoopback = allowLoopback
        self.allowPrivate = allowPrivate
    }

    static let refused = ranges("0.0.0.0/8", "::/128", "224.0.0.0/4", "ff00::/8", "255.255.255.255/32", "240.0.0.0/4")
    static let loopback = ranges("127.0.0.0/8", "::1/128")
    static let privateNetworks = ranges(
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "fc00::/7", "fe80::/10", "198.18.0.0/15")

    static func ranges(_ texts: String...) -> [CIDR] { texts.compactMap(CIDR.init) }

    /// Why a receiver at `address` (an IP address as text) is refused, or nil when it may be reached.
    public func refusal(address: String) -> String? {
        guard IPAddress.parse(address) != nil else { return "is not an IP address" }
        if Self.refused.contains(where: { $0.contains(address) }) { return "is not a unicast address" }
        if Self.loopback.contains(where: { $0.contains(address) }) {
            return allowLoopback ? nil : "is a loopback address (refused unless SHEAF_WEBHOOKS_ALLOW_LOOPBACK is set)"
        }
        if Self.privateNetworks.contains(where: { $0.contains(address) }) {
            return allowPrivate ? nil : "is a private or link-local address (refused unless SHEAF_WEBHOOKS_ALLOW_PRIVATE is set)"
        }
        return nil
    }

    /// Whether `host` names this machine without resolving it (`localhost` and its subdomains).
    public static func isLoopbackName(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name == "localhost" || name.hasSuffix(".localhost")
    }

    /// Checks a receiver URL's shape: `https` (or `http` to a loopback host when loopback
    /// is allowed), a host, no credentials, no fragment, at most 2000 characters; an IP
    /// literal or a loopback name is checked against the policy at once (names are
    /// checked on their resolved addresses at delivery).
    /// - Returns: the problem, or nil.
    public func problem(url text: String) -> String? {
        guard text.count <= 2000 else { return "is at most 2000 characters" }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { return "must be an absolute URL such as https://example.com/hooks" }
        guard components.user == nil, components.password == nil else { return "must not carry credentials" }
        guard components.fragment == nil else { return "must not have a fragment" }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let loopbackHost = Self.isLoopbackName(bare) || Self.loopback.contains { $0.contains(bare) }
        switch scheme {
        case "https": break
        case "http" where loopbackHost && allowLoopback: break
        default: return "must use https"
        }
        if IPAddress.parse(bare) != nil, let refusal = refusal(address: bare) { return "points to an address that \(refusal)" }
        if Self.isLoopbackName(bare), !allowLoopback { return "points to this machine (refused unless SHEAF_WEBHOOKS_ALLOW_LOOPBACK is set)" }
        return nil
    }
}
