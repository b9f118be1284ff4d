import API
import Foundation
import Testing

@Suite struct LinkSecretConfigurationTests {
    static let base = ["DATABASE_URL": "dbname=sheaf"]

    static func problems(_ extra: [String: String]) -> [String] {
        do {
            _ = try SheafConfiguration.fromEnvironment(base.merging(extra) { $1 })
            return []
        } catch let error as ConfigurationError {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test func theLinkSecretIsRequired() {
        let problems = Self.problems([:])
        #expect(problems.count == 1)
        #expect(problems.first?.contains("SHEAF_LINK_SECRET is required") == true)
    }

    @Test func aSecretIsReadAsHexOrBase64() throws {
        let hex = try SheafConfiguration.fromEnvironment(Self.base.merging(["SHEAF_LINK_SECRET": String(repeating: "a1", count: 32)]) { $1 })
        #expect(hex.linkSecret == Array(repeating: 0xa1, count: 32))
        let bytes = (0..<48).map { UInt8($0 * 5 % 256) }
        let base64 = Data(bytes).base64EncodedString()
        let decoded = try SheafConfiguration.fromEnvironment(Self.base.merging(["SHEAF_LINK_SECRET": base64]) { $1 })
        #expect(decoded.linkSecret == bytes)
        let url = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(try SheafConfiguration.fromEnvironment(Self.base.merging(["SHEAF_LINK_SECRET": url]) { $1 }).linkSecret == bytes)
    }

    @Test func aShortOrMalformedSecretIsReported() {
        for secret in [String(repeating: "ab", count: 31), "not a secret at all!", "CHANGE_ME_openssl_rand_hex_32"] {
            let problems = Self.problems(["SHEAF_LINK_SECRET": secret])
            #expect(problems.count == 1, "\(secret)")
            #expect(problems.first?.contains("at least 32 bytes") == true, "\(secret)")
        }
    }

    @Test func thePublicURLIsAnOriginWithoutTrailingSlash() throws {
        let secret = ["SHEAF_LINK_SECRET": String(repeating: "a1", count: 32)]
        let configuration = try SheafConfiguration.fromEnvironment(
            Self.base.merging(secret) { $1 }.merging(["SHEAF_PUBLIC_URL": "https://sheaf.example.com/"]) { $1 })
        #expect(configuration.publicURL == "https://sheaf.example.com")
        #expect(try SheafConfiguration.fromEnvironment(Self.base.merging(secret) { $1 }).publicURL == "")
        let problems = Self.problems(secret.merging(["SHEAF_PUBLIC_URL": "sheaf.example.com"]) { $1 })
        #expect(problems.count == 1 && problems[0].contains("SHEAF_PUBLIC_URL"))
    }

    @Test func theSummaryNeverShowsTheSecret() throws {
        let secret = String(repeating: "a1", count: 32)
        let configuration = try SheafConfiguration.fromEnvironment(Self.base.merging(["SHEAF_LINK_SECRET": secret]) { $1 })
        let summary = configuration.redactedSummary()
        #expect(summary.contains { $0.0 == "SHEAF_LINK_SECRET" && $0.1 == "(set, 32 bytes)" })
        #expect(!summary.contains { $0.1.contains(secret) })
    }
}
