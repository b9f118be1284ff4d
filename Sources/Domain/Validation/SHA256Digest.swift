internal import Crypto

/// A SHA-256 digest, as the validation record keeps it (SPEC §2 Validation record).
///
/// Computed with swift-crypto's `SHA256` (CryptoKit on Apple platforms, BoringSSL
/// elsewhere); this type only fixes the shape the domain uses: 32 bytes and their
/// lowercase hexadecimal form. The tests check it against the FIPS 180-4 / NIST vectors.
public struct SHA256Digest: Hashable, Sendable {
    /// The 32 bytes of the digest.
    public let bytes: [UInt8]

    /// The digest of `message`.
    public init(hashing message: some Sequence<UInt8>) {
        var hasher = SHA256()
        let hashedInPlace: Void? = message.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if hashedInPlace == nil { hasher.update(data: Array(message)) }
        bytes = Array(hasher.finalize())
    }

    /// The digest of the UTF-8 bytes of `text`.
    public init(hashing text: String) {
        self.init(hashing: text.utf8)
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public var hexString: String { HexDigits.lowercase(bytes) }
}

extension SHA256Digest: CustomStringConvertible {
    /// The lowercase hexadecimal digest.
    public var description: String { hexString }
}
