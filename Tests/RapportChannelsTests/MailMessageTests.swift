import Foundation
import NIOCore
import Testing

@testable import RapportChannels

@Suite("Mail messages")
struct MailMessageTests {
    @Test func aMessageWithBothPartsIsMultipartAlternativeAndDotStuffed() {
        var message = MailMessage(
            from: "Boutique Hélène <news@shop.example>", to: "ann@example.com", subject: "Été : -20 % pour vous",
            text: ".hidden line\nsecond", html: "<p>Bonjour</p>", messageID: "12.3.0", date: Date(timeIntervalSince1970: 1_796_000_000))
        message.headers = [("List-Unsubscribe", "<https://shop.example/u/abc>")]
        let lines = message.lines()
        #expect(lines.contains("To: ann@example.com"))
        #expect(lines.contains("Message-ID: <12.3.0@shop.example>"))
        #expect(lines.contains("Date: Mon, 30 Nov 2026 00:53:20 +0000"))
        #expect(lines.contains { $0.hasPrefix("Subject: =?UTF-8?B?") })
        #expect(lines.contains { $0.hasPrefix("From: =?UTF-8?B?") && $0.hasSuffix("<news@shop.example>") })
        #expect(lines.contains { $0.hasPrefix("Content-Type: multipart/alternative; boundary=") })
        #expect(lines.filter { $0.hasPrefix("Content-Type: text/") }.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(MailMessage.address(in: message.from) == "news@shop.example")
        // The body is base64: no line starts with a dot, and the raw text decodes back.
        var buffer = ByteBuffer()
        message.writeDotStuffed(into: &buffer)
        let wire = String(buffer: buffer)
        #expect(!wire.contains("\r\n.\r\n"))
        let encoded = lines.first { $0.hasPrefix("LmhpZGRlbi") }
        #expect(encoded != nil)
    }

    @Test func aSubjectInASCIIStaysReadableAndALongOneIsFolded() {
        #expect(MailMessage.encodedWords("Hello Ann") == "Hello Ann")
        let long = MailMessage.encodedWords(String(repeating: "é", count: 60))
        #expect(long.components(separatedBy: "\r\n ").count == 3)
    }

    @Test func repliesSpanningSeveralLinesAreOneReply() throws {
        var reader = SMTPResponseReader()
        #expect(try reader.read(line: "250-smtp.example greets you") == nil)
        #expect(try reader.read(line: "250-PIPELINING") == nil)
        let reply = try reader.read(line: "250 STARTTLS")
        #expect(reply == SMTPResponse(code: 250, lines: ["smtp.example greets you", "PIPELINING", "STARTTLS"]))
        #expect(throws: SMTPError.self) { try reader.read(line: "hello") }
    }
}
