import Foundation
import RapportTestSupport
import Testing

@testable import RapportChannels

/// The SMTP client against a real SMTP server process (aiosmtpd): plain and STARTTLS with AUTH,
/// replies refused permanently or for now, several connections, and a message abandoned before
/// its final dot, which the server must not keep.
@Suite("SMTP client", .serialized)
struct SMTPConnectionTests {
    static func message(_ index: Int, to: String? = nil) -> MailMessage {
        MailMessage(
            from: "Boutique <news@shop.example>", to: to ?? "ann\(index)@example.com", subject: "Offre n°\(index)",
            text: "Bonjour \(index)\n.\nfin", html: "<p>Bonjour \(index)</p>", messageID: "m\(index)")
    }

    @Test func plainSessionsSendEveryMessageOnce() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let connection = try await SMTPConnection.open(
            SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 5))
        for index in 0..<5 {
            let accepted = try await connection.send(Self.message(index)) {}
            #expect(accepted.code == 250)
        }
        await connection.close()
        let received = sink.received()
        #expect(received.count == 5)
        #expect(Set(received.compactMap { $0["message_id"] as? String }) == Set((0..<5).map { "<m\($0)@shop.example>" }))
        #expect((received.first?["to"] as? [String]) == ["ann0@example.com"])
    }

    @Test func startTLSAndAuthenticationAreRequiredAndUsed() async throws {
        guard let sink = try SMTPSink.start(tls: true, auth: ("rapport", "s3cret")) else { return }
        defer { sink.stop() }
        var configuration = SMTPConfiguration(
            host: "localhost", port: sink.port, security: .startTLS, username: "rapport", password: "s3cret",
            trustedCertificates: sink.certificate, timeoutSeconds: 5)
        let connection = try await SMTPConnection.open(configuration)
        try await connection.send(Self.message(1)) {}
        await connection.close()
        #expect(sink.received().count == 1)

        configuration.password = "wrong"
        await #expect(throws: SMTPError.self) { try await SMTPConnection.open(configuration) }
        // Without TLS the server refuses AUTH: a plain session is refused before any message.
        configuration.password = "s3cret"
        configuration.security = .none
        await #expect(throws: SMTPError.self) {
            let plain = try await SMTPConnection.open(configuration)
            try await plain.send(Self.message(2)) {}
        }
        #expect(sink.received().count == 1)
    }

    @Test func refusedRecipientsSayWhetherToTryAgainAndTheSessionGoesOn() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let connection = try await SMTPConnection.open(SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 5))
        do {
            try await connection.send(Self.message(1, to: "reject@example.com")) {}
            Issue.record("a refused recipient was accepted")
        } catch let error as SMTPError {
            #expect(!error.isTransient)
        }
        do {
            try await connection.send(Self.message(2, to: "busy@example.com")) {}
            Issue.record("a busy recipient was accepted")
        } catch let error as SMTPError {
            #expect(error.isTransient)
        }
        try await connection.send(Self.message(3)) {}
        await connection.close()
        #expect(sink.received().count == 1)
    }

    @Test func aMessageAbandonedBeforeItsFinalDotIsNotDelivered() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 5)
        let connection = try await SMTPConnection.open(configuration)
        struct RecordFailed: Error {}
        await #expect(throws: RecordFailed.self) {
            try await connection.send(Self.message(1)) { throw RecordFailed() }
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(sink.received().isEmpty)
        // A new session sends it.
        let again = try await SMTPConnection.open(configuration)
        try await again.send(Self.message(1)) {}
        await again.close()
        #expect(sink.received().count == 1)
    }

    @Test func severalConnectionsSendInParallel() async throws {
        guard let sink = try SMTPSink.start() else { return }
        defer { sink.stop() }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none, timeoutSeconds: 5)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    let connection = try await SMTPConnection.open(configuration)
                    for index in 0..<25 { try await connection.send(Self.message(lane * 100 + index)) {} }
                    await connection.close()
                }
            }
            try await group.waitForAll()
        }
        #expect(Set(sink.received().compactMap { $0["message_id"] as? String }).count == 100)
    }
}
