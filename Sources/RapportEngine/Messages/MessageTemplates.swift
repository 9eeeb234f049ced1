import Mustache

/// A template that does not read, with where and why.
public struct MessageTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var part: String
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String {
        "\(part) template, line \(line), column \(column): \(reason) (Mustache: {{name}}, {{#name}}…{{/name}}, {{^name}}…{{/name}})"
    }
}

/// The parts of a ``MessageContent`` compiled once, rendered for many customers.
public struct MessageTemplates: Sendable {
    private let subject: MustacheTemplate
    private let html: MustacheTemplate?
    private let text: MustacheTemplate?
    private let sms: MustacheTemplate?
    private let script: MustacheTemplate?
    public let content: MessageContent

    public init(_ content: MessageContent) throws(MessageTemplateError) {
        self.content = content
        subject = try Self.compile(content.subject, part: "subject", html: false)!
        html = try Self.compile(content.html, part: "html", html: true)
        text = try Self.compile(content.text, part: "text", html: false)
        sms = try Self.compile(content.sms, part: "sms", html: false)
        script = try Self.compile(content.script, part: "script", html: false)
    }

    private static func compile(_ source: String?, part: String, html: Bool) throws(MessageTemplateError) -> MustacheTemplate? {
        guard let source else { return nil }
        // Plain-text parts must not escape `&` or `<`: they are not HTML.
        let pragma = html ? "" : "{{% CONTENT_TYPE: TEXT}}"
        do {
            return try MustacheTemplate(string: pragma + source)
        } catch let error as MustacheTemplate.ParserError {
            throw MessageTemplateError(
                part: part, line: error.context.lineNumber, column: error.context.columnNumber, reason: "\(error.error)")
        } catch {
            throw MessageTemplateError(part: part, line: 1, column: 1, reason: "\(error)")
        }
    }

    /// Renders every part for one customer's values (``PersonalisationContext``); a value missing
    /// from `values` takes its fallback.
    public func render(_ values: [String: Any]) -> RenderedMessage {
        var values = values
        for (name, fallback) in content.fallbacks where Self.isMissing(values[name]) { values[name] = fallback }
        return RenderedMessage(
            subject: Self.oneLine(subject.render(values)),
            html: html?.render(values), text: text?.render(values), sms: sms?.render(values), script: script?.render(values))
    }

    /// A subject is a header: trimmed, on one line.
    private static func oneLine(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice.map { $0.isNewline ? " " : $0 })
    }

    private static func isMissing(_ value: Any?) -> Bool {
        guard let value else { return true }
        if let text = value as? String { return text.isEmpty }
        return false
    }
}

/// A message rendered for one customer.
public struct RenderedMessage: Sendable, Hashable, Codable {
    public var subject: String
    public var html: String?
    public var text: String?
    public var sms: String?
    public var script: String?
}

