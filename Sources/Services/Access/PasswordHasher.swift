import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt on a thread pool of its own: a cost-12 hash takes ~250 ms of CPU and must not
/// block the cooperative pool or an event loop.
///
/// Passwords are pre-hashed with SHA-256 (base64) before bcrypt, because bcrypt reads
/// only the first 72 bytes and the policy allows longer passwords.
public final class PasswordHasher: Sendable {
    public let cost: Int
    private let threads: NIOThreadPool
    /// A real hash of a random password, verified against when the email is unknown so
    /// that an unknown email costs the same time as a wrong password.
    private let decoyHash: String

    public init(cost: Int, threads: Int = 2) {
        self.cost = cost
        self.threads = NIOThreadPool(numberOfThreads: threads)
        self.threads.start()
        decoyHash = Bcrypt.hash(Self.prehash(UUID().uuidString), cost: UInt8(cost))
    }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }

    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await threads.runIfActive { Bcrypt.hash(Self.prehash(password), cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await threads.runIfActive { Bcrypt.verify(Self.prehash(password), hash: hash) }
    }

    /// Spends the time of one verification without a real hash to compare against.
    public func verifyDecoy(_ password: String) async throws {
        let decoy = decoyHash
        _ = try await threads.runIfActive { Bcrypt.verify(Self.prehash(password), hash: decoy) }
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
