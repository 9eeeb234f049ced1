public import Foundation
import NIOCore
import RapportCore

/// One e-mail as it goes on the wire (RFC 5322 with MIME): a text part, an HTML part or both
/// (`multipart/alternative`), UTF-8 throughout, bodies in base64, non-ASCII headers as encoded
/// words. Its `Message-ID` carries the contact's idempotency key, so that a receiver can tell a
/// message from a copy.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: String
    public var replyTo: String?
    public var subject: String
    public var text: String?
    public var html: String?
    /// Unique per contact; ends up in `Message-ID: <id@domain>`.
    public var messageID: String
    public var date: Date
    /// More headers, in order (`List-Unsubscribe`…).
    public var headers: [(String, String)] = []

    public init(
        from: String, to: String, subject: String, text: String?, html: String?, messageID: String, date: Date = Date(),
        replyTo: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.replyTo = replyTo
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.text == rhs.text && lhs.html == rhs.html
            && lhs.messageID == rhs.messageID && lhs.date == rhs.date && lhs.replyTo == rhs.replyTo
            && lhs.headers.map(\.0) == rhs.headers.map(\.0) && lhs.headers.map(\.1) == rhs.headers.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messageID)
        hasher.combine(to)
    }

    /// The address of `From` for `MAIL FROM`.
    var envelopeFrom: String { Self.address(in: from) }
    var envelopeTo: String { Self.address(in: to) }

    /// `Name <a@b>` → `a@b`; a bare address stays as it is.
    static func address(in mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else {
            return mailbox.trimmingCharacters(in: .whitespaces)
        }
        return String(mailbox[mailbox.index(after: open)..<close])
    }

    var estimatedSize: Int { 1024 + (text?.utf8.count ?? 0) * 4 / 3 + (html?.utf8.count ?? 0) * 4 / 3 }

    /// The message in wire form, lines ending in CRLF, lines starting with `.` doubled; without
    /// the final `.` line.
    func writeDotStuffed(into buffer: inout ByteBuffer) {
        for line in lines() {
            if line.hasPrefix(".") { buffer.writeString(".") }
            buffer.writeString(line)
            buffer.writeString("\r\n")
        }
    }

    /// The message's lines, without line ends.
    func lines() -> [String] {
        var lines: [String] = []
        func header(_ name: String, _ value: String) { lines.append("\(name): \(value)") }
        header("From", Self.encodedMailbox(from))
        header("To", Self.encodedMailbox(to))
        if let replyTo { header("Reply-To", Self.encodedMailbox(replyTo)) }
        header("Subject", Self.encodedWords(subject))
        header("Date", Self.rfc5322Date(date))
        let domain = envelopeFrom.split(separator: "@").last.map(String.init) ?? "rapport.localhost"
        header("Message-ID", "<\(messageID)@\(domain)>")
        for (name, value) in headers { header(name, value) }
        header("MIME-Version", "1.0")
        let parts: [(type: String, body: String)] = [("text/plain", text), ("text/html", html)].compactMap { type, body in
            body.map { (type, $0) }
        }
        if parts.count == 1 {
            header("Content-Type", "\(parts[0].type); charset=utf-8")
            header("Content-Transfer-Encoding", "base64")
            lines.append("")
            lines += Self.base64Lines(parts[0].body)
        } else {
            let boundary = "=_rapport_\(messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })"
            header("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            for part in parts {
                lines.append("--\(boundary)")
                lines.append("Content-Type: \(part.type); charset=utf-8")
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("")
                lines += Self.base64Lines(part.body)
            }
            lines.append("--\(boundary)--")
        }
        return lines
    }

    private static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded.components(separatedBy: "\r\n")
    }

    /// A header value as RFC 2047 encoded words when it is not plain ASCII.
    static func encodedWords(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 || $0 < 0x20 }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Name <a@b>` with the name encoded when it needs to be.
    static func encodedMailbox(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<") else { return mailbox }
        let name = mailbox[..<open].trimmingCharacters(in: .whitespaces)
        let address = mailbox[open...]
        guard !name.isEmpty else { return String(address) }
        let plain = name.utf8.allSatisfy { $0 < 0x80 && $0 >= 0x20 }
        let quoted = plain ? "\"\(name.replacingOccurrences(of: "\"", with: "'"))\"" : encodedWords(name)
        return "\(quoted) \(address)"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - day * 86_400
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let civil = CalendarDate(dayNumber: day)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let weekday = weekdays[Int(((day % 7) + 7) % 7)]
        return "\(weekday), \(civil.day) \(months[civil.month - 1]) \(civil.year) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) +0000"
    }
}

enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
