import NIOCore

/// Splits the byte stream into lines ending in CRLF (a bare LF is accepted too).
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    /// A reply line longer than this is a broken server, not a reply (RFC 5321 allows 512).
    static let longestLine = 64 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.longestLine { throw SMTPError.protocolViolation("a reply line longer than 64 KiB") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}

/// Matches replies to the commands sent, in order: each command registers a promise before its
/// bytes are written, and replies fulfil them first in, first out. A reply that arrives before
/// anyone waits for it (the greeting, which the server sends as soon as it accepts the
/// connection) is kept for the next promise. Lives on the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = String

    private var reader = SMTPResponseReader()
    private var waiting = CircularBuffer<EventLoopPromise<SMTPResponse>>()
    private var early = CircularBuffer<SMTPResponse>()
    private var failure: (any Error)?

    func expect(_ promise: EventLoopPromise<SMTPResponse>) {
        if let reply = early.popFirst() {
            promise.succeed(reply)
        } else if let failure {
            promise.fail(failure)
        } else {
            waiting.append(promise)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        do {
            guard let response = try reader.read(line: line) else { return }
            guard let promise = waiting.popFirst() else {
                early.append(response)
                return
            }
            promise.succeed(response)
        } catch {
            failAll(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPError.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: any Error) {
        if failure == nil { failure = error }
        while let promise = waiting.popFirst() { promise.fail(error) }
    }
}
