import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One HTTP/1.1 connection driven byte by byte, plain or TLS, for tests that must see
/// exactly what a keep-alive client sees: which request went on which connection, the
/// `Connection` header of each answer, and when the server closed the connection.
/// (`AsyncHTTPClient` pools connections and hides all of that.)
///
/// Only what Sheaf's answers need is parsed: a status line, headers and a
/// `Content-Length` body.
final class RawHTTPConnection: Sendable {
    let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// Connects to 127.0.0.1:`port`; with `tls`, speaks TLS without checking the
    /// server's certificate (the tests' certificate is self-signed).
    static func open(port: Int, tls: Bool) async throws -> RawHTTPConnection {
        let sslContext = try tls ? NIOSSLContext(configuration: {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            return configuration
        }()) : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: nil))
                    }
                    try channel.pipeline.syncOperations.addHandler(RawHTTPResponseReader())
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return RawHTTPConnection(channel: channel)
    }

    /// Writes `request` (a whole HTTP/1.1 request) without waiting for its answer.
    func write(_ request: String) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: request))
    }

    /// The next answer on this connection, in order; throws `RawHTTPConnectionClosed`
    /// when the connection ends before a whole answer arrived, or none came in `timeout`.
    func nextResponse(timeout: TimeAmount = .seconds(10)) async throws -> RawHTTPResponse {
        let channel = self.channel
        return try await channel.eventLoop.flatSubmit {
            do {
                return try channel.pipeline.syncOperations.handler(type: RawHTTPResponseReader.self)
                    .next(on: channel.eventLoop, timeout: timeout)
            } catch {
                return channel.eventLoop.makeFailedFuture(RawHTTPConnectionClosed(reason: "\(error)"))
            }
        }.get()
    }

    /// Sends `request` and waits for its answer.
    func send(_ request: String) async throws -> RawHTTPResponse {
        try await write(request)
        return try await nextResponse()
    }

    /// Stops reading from the socket, like a pooled keep-alive connection nobody uses:
    /// what the server sends (a TLS close_notify, a FIN) stays unread.
    func stopReading() async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: false).get()
    }

    func close() async {
        try? await channel.close()
    }

    /// Completes when the connection is closed (by either side).
    var closed: EventLoopFuture<Void> { channel.closeFuture }
}

struct RawHTTPResponse: Sendable {
    let status: Int
    /// Header names lower-cased.
    let headers: [String: String]
    let body: String

    /// The server said it closes the connection after this answer.
    var closesConnection: Bool { headers["connection"]?.lowercased() == "close" }
}

struct RawHTTPConnectionClosed: Error, CustomStringConvertible {
    let reason: String
    var description: String { "connection closed before a whole answer arrived (\(reason))" }
}

/// Collects bytes, cuts them into answers and hands them out in order.
private final class RawHTTPResponseReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private var received: [UInt8] = []
    private var answers: [RawHTTPResponse] = []
    private var waiting: [EventLoopPromise<RawHTTPResponse>] = []
    private var ended: String?

    func next(on eventLoop: any EventLoop, timeout: TimeAmount) -> EventLoopFuture<RawHTTPResponse> {
        if !answers.isEmpty { return eventLoop.makeSucceededFuture(answers.removeFirst()) }
        if let ended { return eventLoop.makeFailedFuture(RawHTTPConnectionClosed(reason: ended)) }
        let promise = eventLoop.makePromise(of: RawHTTPResponse.self)
        waiting.append(promise)
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            let reader = loopBound.value
            guard let index = reader.waiting.firstIndex(where: { $0.futureResult === promise.futureResult }) else { return }
            reader.waiting.remove(at: index).fail(RawHTTPConnectionClosed(reason: "no answer within \(timeout)"))
        }
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += Array(buffer: unwrapInboundIn(data))
        while let answer = cutAnswer() {
            if waiting.isEmpty { answers.append(answer) } else { waiting.removeFirst().succeed(answer) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end("\(error)")
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end("the server closed it")
        context.fireChannelInactive()
    }

    private func end(_ reason: String) {
        if ended == nil { ended = reason }
        let promises = waiting
        waiting = []
        for promise in promises { promise.fail(RawHTTPConnectionClosed(reason: reason)) }
    }

    /// One whole answer off the front of `received`, if there is one.
    private func cutAnswer() -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = received.indices.dropLast(3).first(where: { received[$0..<$0 + 4].elementsEqual(separator) }) else {
            return nil
        }
        let lines = String(decoding: received[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        let status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard received.count >= bodyStart + length else { return nil }
        let body = String(decoding: received[bodyStart..<bodyStart + length], as: UTF8.self)
        received.removeFirst(bodyStart + length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }
}
