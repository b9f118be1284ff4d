import API
import AsyncHTTPClient
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Postgres
import TestSupport
import Testing

/// The receipt limit over a real socket, with a chunked body that declares no length:
/// the body-limit middleware must count while streaming.
@Suite struct ExpenseReceiptStreamingTests {
    @Test func anOversizeUploadWithoutAContentLengthIsRefusedWhileStreaming() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.maxReceiptBytes = 4096
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 4)
            let work = try await WorkWorld.make(pool: pool)
            let token = try #require(try await work.roles.token(.member))
            let world = TimeAPIWorld(work: work, pool: pool, tokens: [.member: token])
            let expense = try await world.insertExpense()
            let app = try TestApp.application(configuration: configuration, pool: pool)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let http = HTTPClient(eventLoopGroupProvider: .singleton)
                func send(_ chunks: Int, signedIn: Bool = true) async throws -> (status: UInt, contentType: String?) {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/expenses/\(expense)/receipts")
                    request.method = .POST
                    if signedIn { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                    let first = ByteBuffer(bytes: ReceiptBytes.pdf)
                    let filler = ByteBuffer(repeating: 0x20, count: 1024)
                    let body = AsyncStream<ByteBuffer> { continuation in
                        continuation.yield(first)
                        for _ in 0..<chunks { continuation.yield(filler) }
                        continuation.finish()
                    }
                    request.body = .stream(body, length: .unknown)
                    let response = try await http.execute(request, timeout: .seconds(10))
                    return (response.status.code, response.headers.first(name: "Content-Type"))
                }
                do {
                    let refused = try await send(16)
                    #expect(refused.status == 413)
                    #expect(refused.contentType == "application/problem+json")
                    // The larger receipt body is read only after authentication: an anonymous
                    // upload is refused as such (401), not read up to the limit first (413).
                    let anonymous = try await send(16, signedIn: false)
                    #expect(anonymous.status == 401)
                    let accepted = try await send(2)
                    #expect(accepted.status == 201)
                    try await http.shutdown()
                } catch {
                    try? await http.shutdown()
                    throw error
                }
            }
            #expect(try await world.count("expense_receipts") == 1)
        }
    }
}
