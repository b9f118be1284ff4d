import Domain
import Foundation
import Services
import Testing

@Suite struct ValidationLinkSignerTests {
    static let signer = ValidationLinkSigner(secret: Array(repeating: 7, count: 32))

    @Test func anIssuedTokenOpensToItsValidationAndNonceDigest() throws {
        let id = ValidationID.random()
        let issued = Self.signer.issue(for: id)
        #expect(issued.token.count == 107)  // 80 bytes in base64url without padding
        #expect(issued.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(issued.nonceHash.count == 32)
        let opened = try #require(Self.signer.open(issued.token))
        #expect(opened.validationID == id)
        #expect(opened.nonceHash == issued.nonceHash)
    }

    @Test func twoLinksForTheSameValidationDiffer() {
        let id = ValidationID.random()
        let first = Self.signer.issue(for: id)
        let second = Self.signer.issue(for: id)
        #expect(first.token != second.token)
        #expect(first.nonceHash != second.nonceHash)
    }

    @Test func changingAnyOneCharacterBreaksTheToken() {
        let token = Self.signer.issue(for: .random()).token
        let characters = Array(token)
        for index in characters.indices {
            var altered = characters
            altered[index] = characters[index] == "A" ? "B" : "A"
            #expect(Self.signer.open(String(altered)) == nil, "position \(index) still opened")
        }
    }

    @Test func truncatedPaddedOrForeignTokensAreRefused() {
        let token = Self.signer.issue(for: .random()).token
        #expect(Self.signer.open(String(token.dropLast())) == nil)
        #expect(Self.signer.open(token + "A") == nil)
        #expect(Self.signer.open(token + "=") == nil)
        #expect(Self.signer.open("") == nil)
        #expect(Self.signer.open(String(repeating: "A", count: 107)) == nil)
        #expect(Self.signer.open(token.replacingOccurrences(of: "-", with: "+")) == nil || !token.contains("-"))
        let other = ValidationLinkSigner(secret: Array(repeating: 8, count: 32))
        #expect(other.open(token) == nil)
    }

    @Test func digestsAreComparedByValue() {
        #expect(ValidationLinkSigner.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!ValidationLinkSigner.constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!ValidationLinkSigner.constantTimeEquals(Data([1, 2, 3]), Data([1, 2])))
    }
}
