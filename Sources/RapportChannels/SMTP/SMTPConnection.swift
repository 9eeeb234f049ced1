public import NIOCore
public import NIOPosix
import NIOSSL

/// One SMTP session with a server: greeting, EHLO, STARTTLS, AUTH, then messages one after the
/// other with their commands pipelined when the server offers PIPELINING.
///
/// Durability: a message's content is written without its final `.`; then, in one task of the
/// connection's event loop, `beforeFinalDot` runs (the sender records the message as sent there,
/// synchronously) and the `.` is written to the socket. A process killed before the record leaves
/// the server with an unfinished message, which it discards; killed after, the `.` is already in
/// the kernel's socket buffer and the server accepts the message. So neither a loss nor a
/// duplicate, but for the microseconds between the end of the record and the write. The record
/// blocks the event loop for its duration: sessions run on their own event loops
/// (``eventLoopGroup``), never those of a database client.
public final class SMTPConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let configuration: SMTPConfiguration
    private let timeout: TimeAmount
    public let extensions: Set<String>

    private init(channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, configuration: SMTPConfiguration, extensions: Set<String>) {
        self.channel = channel
        self.handler = handler
        self.configuration = configuration
        self.timeout = .milliseconds(Int64(configuration.timeoutSeconds * 1000))
        self.extensions = extensions
    }

    /// Opens a session: connects, reads the greeting, says EHLO, upgrades with STARTTLS or starts
    /// in TLS as configured, and authenticates when a user name is configured.
    /// The event loops of SMTP sessions: their own, because recording a send blocks one.
    public static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: max(2, System.coreCount))

    public static func open(_ configuration: SMTPConfiguration, group: any EventLoopGroup = SMTPConnection.eventLoopGroup)
        async throws -> SMTPConnection
    {
        let tls = try Self.tlsContext(configuration)
        let host = configuration.host
        // Server names (SNI and certificate checks) are names, never address literals.
        let serverName: String? = host.contains(":") || host.split(separator: ".").allSatisfy({ Int($0) != nil }) ? nil : host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(Int64(max(1, configuration.timeoutSeconds))))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if configuration.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPError.connectionFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        var connection = SMTPConnection(channel: channel, handler: handler, configuration: configuration, extensions: [])
        do {
            let greeting = try await connection.expectReply(to: "the greeting", bytes: nil)
            guard greeting.code == 220 else { throw SMTPError.rejected(command: "the connection", response: greeting) }
            var extensions = try await connection.hello()
            if configuration.security == .startTLS {
                guard extensions.contains("STARTTLS"), let tls else { throw SMTPError.startTLSUnavailable(host: host) }
                try await connection.command("STARTTLS", expecting: 220)
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
                }.get()
                extensions = try await connection.hello()
            }
            connection = SMTPConnection(channel: channel, handler: handler, configuration: configuration, extensions: extensions)
            if let username = configuration.username {
                try await connection.authenticate(username: username, password: configuration.password ?? "")
            }
            return connection
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private static func tlsContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustedCertificates {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
        }
        return try NIOSSLContext(configuration: tls)
    }

    /// EHLO; the extensions the server offers (`PIPELINING`, `STARTTLS`, `AUTH PLAIN LOGIN`…), upper-cased.
    private func hello() async throws -> Set<String> {
        let reply = try await command("EHLO \(configuration.heloName)", expecting: 250)
        return Set(reply.lines.dropFirst().map { $0.uppercased() })
    }

    private func authenticate(username: String, password: String) async throws {
        let mechanisms = extensions.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }.map {
            Set($0.dropFirst(5).split(separator: " ").map(String.init))
        } ?? []
        if mechanisms.contains("PLAIN") {
            let token = Base64.encode(Array("\0\(username)\0\(password)".utf8))
            try await command("AUTH PLAIN \(token)", expecting: 235, shownAs: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: 334)
            try await command(Base64.encode(Array(username.utf8)), expecting: 334, shownAs: "the user name")
            try await command(Base64.encode(Array(password.utf8)), expecting: 235, shownAs: "the password")
        } else {
            throw SMTPError.authenticationUnavailable(host: configuration.host)
        }
    }

    /// Sends one message. `beforeFinalDot` runs on the event loop once the server holds the whole
    /// content but has not accepted it, and the final `.` is written right after it returns; when
    /// it throws, the session is closed, the server discards the message, and the error is
    /// rethrown. Returns the server's acceptance.
    @discardableResult
    public func send(_ message: MailMessage, beforeFinalDot: @escaping @Sendable () throws -> Void) async throws -> SMTPResponse {
        let envelope = ["MAIL FROM:<\(message.envelopeFrom)>", "RCPT TO:<\(message.envelopeTo)>", "DATA"]
        let replies: [SMTPResponse]
        if extensions.contains("PIPELINING") {
            replies = try await pipeline(envelope)
        } else {
            var sequential: [SMTPResponse] = []
            for line in envelope {
                let reply = try await expectReply(to: line, bytes: Self.line(line))
                sequential.append(reply)
                if !reply.isPositive { break }
            }
            replies = sequential
        }
        for (index, reply) in replies.enumerated() where !reply.isPositive {
            if replies.count == 3 && replies[2].code == 354 {
                // DATA was accepted although a command before failed: end it empty, then reset.
                _ = try? await expectReply(to: ".", bytes: Self.line("."))
            }
            _ = try? await expectReply(to: "RSET", bytes: Self.line("RSET"))
            throw SMTPError.rejected(command: envelope[index].components(separatedBy: ":").first ?? envelope[index], response: reply)
        }
        guard replies.count == 3, replies[2].code == 354 else {
            throw SMTPError.protocolViolation("DATA was answered \(replies.last.map(\.description) ?? "nothing")")
        }
        var body = channel.allocator.buffer(capacity: message.estimatedSize)
        message.writeDotStuffed(into: &body)
        try await channel.writeAndFlush(body)
        let promise = channel.eventLoop.makePromise(of: SMTPResponse.self)
        do {
            try await register([promise], writing: Self.line("."), name: "the end of the message", before: beforeFinalDot)
        } catch {
            promise.fail(error)
            try? await channel.close()
            throw error
        }
        let accepted = try await promise.futureResult.get()
        guard accepted.isPositive else { throw SMTPError.rejected(command: "the message", response: accepted) }
        return accepted
    }

    /// Says QUIT and closes.
    public func close() async {
        _ = try? await expectReply(to: "QUIT", bytes: Self.line("QUIT"))
        try? await channel.close()
    }

    // MARK: Commands

    @discardableResult
    private func command(_ line: String, expecting code: Int, shownAs name: String? = nil) async throws -> SMTPResponse {
        let reply = try await expectReply(to: name ?? line, bytes: Self.line(line))
        guard reply.code == code else { throw SMTPError.rejected(command: name ?? line, response: reply) }
        return reply
    }

    private func pipeline(_ lines: [String]) async throws -> [SMTPResponse] {
        var bytes: [UInt8] = []
        for line in lines { bytes += Self.line(line) }
        let promises = lines.map { _ in channel.eventLoop.makePromise(of: SMTPResponse.self) }
        try await register(promises, writing: bytes, name: lines.joined(separator: ", "))
        var replies: [SMTPResponse] = []
        for promise in promises { replies.append(try await promise.futureResult.get()) }
        return replies
    }

    /// Registers a promise for the next reply, writes `bytes` (none for the greeting), and waits.
    private func expectReply(to name: String, bytes: [UInt8]?) async throws -> SMTPResponse {
        let promise = channel.eventLoop.makePromise(of: SMTPResponse.self)
        try await register([promise], writing: bytes, name: name)
        return try await promise.futureResult.get()
    }

    /// Registers the promises and writes `bytes` in one task of the event loop, after `before` (if
    /// any) returned there; when `before` throws, nothing is registered or written.
    private func register(
        _ promises: [EventLoopPromise<SMTPResponse>], writing bytes: [UInt8]?, name: String,
        before: (@Sendable () throws -> Void)? = nil
    ) async throws {
        let channel = channel, handler = handler, timeout = timeout
        try await channel.eventLoop.submit {
            try before?()
            for promise in promises { handler.value.expect(promise) }
            if let bytes { channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) }
            let last = promises.last!
            let timer = channel.eventLoop.scheduleTask(in: timeout) {
                last.fail(SMTPError.timedOut(command: name))
                channel.close(promise: nil)
            }
            last.futureResult.whenComplete { _ in timer.cancel() }
        }.get()
    }

    private static func line(_ text: String) -> [UInt8] { Array(text.utf8) + [13, 10] }
}
