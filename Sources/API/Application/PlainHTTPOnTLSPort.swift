import HummingbirdCore
import Logging
import NIOCore

/// Answers a plain-HTTP request sent to the HTTPS port with `400 Bad Request` saying to
/// use https (what nginx does), instead of a TLS handshake failure that `curl` shows
/// as "Empty reply from server".
///
/// It looks at the connection's first byte only: a TLS connection starts with a
/// handshake record (0x16), an HTTP/1 request with the method's first letter. Then it
/// steps aside, so it costs nothing after the first read.
final class PlainHTTPOnTLSPortHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let answer =
        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 75\r\n\r\n"
        + "This port speaks HTTPS only: send the request again with https:// instead.\n"

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = Self.unwrapInboundIn(data)
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else {
            context.fireChannelRead(data)
            return
        }
        if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) {
            let channel = context.channel
            let reply = channel.allocator.buffer(string: Self.answer)
            context.writeAndFlush(NIOAny(reply)).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

/// A server child channel that puts ``PlainHTTPOnTLSPortHandler`` in front of `base`
/// (the TLS channel).
struct PlainHTTPRefusingChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(PlainHTTPOnTLSPortHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
