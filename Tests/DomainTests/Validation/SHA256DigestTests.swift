import Domain
import Foundation
import Testing

@Suite("SHA256Digest")
struct SHA256DigestTests {
    @Test(
        arguments: [
            // FIPS 180-4 / NIST CSRC example vectors.
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",  // 448 bits
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            // 896 bits.
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
            // Multi-byte UTF-8 is hashed as its bytes (checked with sha256sum).
            ("héllo ✓ 🎉", "48585dc95ecc1a6f2c579315e578d8a2f58ad77dfabe1888cfeb963898790056"),
        ]
    )
    func theOfficialVectorsHashToTheirDigests(message: String, digest: String) {
        #expect(SHA256Digest(hashing: message).hexString == digest)
        #expect(SHA256Digest(hashing: Array(message.utf8)).bytes.count == 32)
    }

    @Test func oneMillionLetterAHashesToTheOfficialDigest() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA256Digest(hashing: message).hexString
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    @Test(
        arguments: [
            // Lengths around the padding boundaries (55/56 bytes leave no room for the length;
            // 64 fills a block), checked with sha256sum.
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
            (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
            (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        ]
    )
    func messagesAroundBlockBoundariesArePaddedCorrectly(length: Int, digest: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(SHA256Digest(hashing: message).hexString == digest)
        #expect(SHA256Digest(hashing: message).description == digest)
    }

    @Test func bytesWithoutContiguousStorageHashLikeTheSameBytesInAnArray() {
        let text = "abc, and some more to go beyond one block: 0123456789012345678901234567890123456789"
        let lazy = text.utf8.lazy.map { $0 }  // no contiguous storage: hashed through a copy
        #expect(SHA256Digest(hashing: lazy) == SHA256Digest(hashing: Array(text.utf8)))
        #expect(SHA256Digest(hashing: Data(text.utf8)) == SHA256Digest(hashing: text))
    }
}
