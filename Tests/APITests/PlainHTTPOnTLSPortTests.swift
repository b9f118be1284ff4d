import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 10 item 21: `http://` on the HTTPS port used to get "Empty reply from server".
@Suite struct PlainHTTPOnTLSPortTests {
    @Test func plainHTTPOnTheHTTPSPortIsAnswered400SayingToUseHTTPS() async throws {
        let certificate = try TestCertificate.make()
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.tlsCertificatePath = certificate.certificatePath
        configuration.tlsKeyPath = certificate.keyPath
        let app = try TestApp.application(configuration: configuration, pool: TestApp.unusedPool())
        try await app.test(.ahc(.https)) { client in
            let port = try #require(client.port)
            let answer = try Self.exchange(port: port, request: "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains("https://"), "\(answer)")
            // TLS still works on the same port.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    /// Sends `request` on a plain TCP connection to 127.0.0.1:`port`; reads until the
    /// server closes (at most 5 s).
    static func exchange(port: Int, request: String) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PlainSocketError(step: "socket") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw PlainSocketError(step: "connect") }
        let bytes = Array(request.utf8)
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw PlainSocketError(step: "send") }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

struct PlainSocketError: Error {
    let step: String
}
