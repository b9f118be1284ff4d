import Crypto
public import Domain
public import Foundation

/// Makes and checks the single-use signed links of client validations (SPEC §6).
///
/// A token is base64url (no padding) of `id ‖ nonce ‖ mac`: the validation's 16 UUID
/// bytes, 32 random bytes, and HMAC-SHA256(secret, id ‖ nonce). Only SHA-256(nonce) is
/// stored, so the database alone cannot rebuild a working link, and the secret alone
/// cannot make one for a request whose nonce it never saw. Opening a token checks the
/// MAC first (in constant time), before anything touches the database.
public struct ValidationLinkSigner: Sendable {
    /// A fresh link: the token to hand out once, and the nonce digest to store.
    public struct IssuedLink: Sendable {
        public let token: String
        public let nonceHash: Data
    }

    /// What an authentic token names.
    public struct OpenedLink: Sendable, Equatable {
        public let validationID: ValidationID
        public let nonceHash: Data
    }

    static let idLength = 16
    static let nonceLength = 32
    static let macLength = 32
    /// The token's length in bytes, before base64url.
    static let tokenLength = idLength + nonceLength + macLength

    private let key: SymmetricKey

    /// - Parameter secret: at least 32 bytes (`SHEAF_LINK_SECRET`).
    public init(secret: [UInt8]) {
        precondition(secret.count >= 32, "the link secret must hold at least 32 bytes")
        key = SymmetricKey(data: secret)
    }

    /// A new token for `id`.
    public func issue(for id: ValidationID) -> IssuedLink {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<Self.nonceLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let message = Self.bytes(of: id) + nonce
        let mac = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        return IssuedLink(token: Self.base64URL(message + mac), nonceHash: Self.digest(nonce))
    }

    /// The validation and nonce digest an authentic token names; nil for anything
    /// else (malformed, truncated, altered, or signed with another secret).
    public func open(_ token: String) -> OpenedLink? {
        guard token.utf8.count <= 200, let bytes = Self.decodeBase64URL(token), bytes.count == Self.tokenLength else { return nil }
        let message = Array(bytes[0..<(Self.idLength + Self.nonceLength)])
        let mac = Array(bytes[(Self.idLength + Self.nonceLength)...])
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key) else { return nil }
        let idBytes = Array(message[0..<Self.idLength])
        let uuid = UUID(
            uuid: (
                idBytes[0], idBytes[1], idBytes[2], idBytes[3], idBytes[4], idBytes[5], idBytes[6], idBytes[7],
                idBytes[8], idBytes[9], idBytes[10], idBytes[11], idBytes[12], idBytes[13], idBytes[14], idBytes[15]
            ))
        return OpenedLink(validationID: ValidationID(uuid), nonceHash: Self.digest(Array(message[Self.idLength...])))
    }

    /// Compares two digests without an early exit.
    public static func constantTimeEquals(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    static func digest(_ bytes: [UInt8]) -> Data {
        Data(SHA256.hash(data: bytes))
    }

    static func bytes(of id: ValidationID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid.uuid) { Array($0) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ $0.isBase64URLDigit }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        // Only the canonical spelling: otherwise a changed last character whose changed
        // bits are padding would decode to the same bytes, and a tampered link would work.
        guard let bytes = Data(base64Encoded: base64).map({ Array($0) }), base64URL(bytes) == text else { return nil }
        return bytes
    }
}

extension UInt8 {
    fileprivate var isBase64URLDigit: Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
