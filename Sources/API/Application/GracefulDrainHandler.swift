import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// The connection's part of a graceful shutdown (SIGTERM): every request the server has
/// started reading is answered, that answer says `Connection: close`, nothing read after
/// the drain began is executed, and a connection with nothing to answer closes at once.
///
/// Why our own handler: Hummingbird's `HTTPConnectionStateHandler` closes the connection
/// after the response in flight but without telling the client, so a keep-alive client
/// sends its next request into a closing connection. Over TLS that request was even
/// executed — `NIOSSLHandler` keeps decoding while it waits for the peer's close_notify —
/// and its answer was lost (issue 11 item 2). This handler sits between the HTTP codec
/// and Hummingbird's handler and consumes `ChannelShouldQuiesceEvent`, so it alone
/// decides when the connection closes.
final class GracefulDrainHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests passed on whose response has not been written to its end.
    private var unanswered = 0
    /// Between a request's head and its end: its body still belongs to it.
    private var readingRequest = false
    /// Set by the quiesce event: the server is draining.
    private var draining = false
    /// Set once a request arrives after the drain began: it and all that follows is dropped.
    private var discardingInput = false
    private var closing = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .head = part, draining, !readingRequest {
            // A request that starts after the drain began is never executed: the client is
            // told nothing about it and sees the connection close, so it may send it again.
            discardingInput = true
        }
        guard !discardingInput else { return }
        switch part {
        case .head:
            unanswered += 1
            readingRequest = true
        case .body:
            break
        case .end:
            readingRequest = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where draining && unanswered == 1 && response.status.kind != .informational:
            // The last answer this connection gives: say so, so the client does not reuse it.
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            unanswered -= 1
            guard draining, unanswered == 0 else {
                context.write(data, promise: promise)
                return
            }
            // Close only once the answer has reached the socket: closing earlier would
            // drop what is still queued.
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            written.futureResult.whenComplete { _ in
                let (handler, context) = loopBound.value
                handler.lingerThenClose(context)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        draining = true
        if unanswered == 0 {
            // Idle (between requests, or before the first one): nothing to answer.
            close(context)
        }
    }

    /// Closing a socket that still holds unread input (a request pipelined behind the
    /// last answer) makes the kernel send a reset, and a client that has not yet read the
    /// answer loses it. So the input is read (and discarded) for a moment before closing.
    private func lingerThenClose(_ context: ChannelHandlerContext) {
        discardingInput = true
        context.read()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: Self.linger) {
            let (handler, context) = loopBound.value
            handler.close(context)
        }
    }

    static let linger: TimeAmount = .milliseconds(250)

    private func close(_ context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        context.close(promise: nil)
    }
}

/// The HTTP/1 child-channel configuration every listener of ours uses.
func drainingHTTP1Configuration() -> HTTP1Channel.Configuration {
    HTTP1Channel.Configuration(additionalChannelHandlers: [GracefulDrainHandler()])
}
