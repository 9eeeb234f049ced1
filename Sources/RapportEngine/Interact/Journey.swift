public import RapportCore

/// One step of a lifecycle journey. A customer moves through steps at every run: actions that take
/// no time (branch, split, exit) are passed at once; a send is planned like any campaign wave
/// (under the pressure policy, so it may be suppressed, and the customer moves on either way);
/// waits hold the customer until their time comes.
public struct JourneyStep: Sendable, Hashable, Codable {
    public enum Action: Sendable, Hashable {
        /// Send a message; `channels` and `content` replace the campaign's when given (change of channel).
        case send(channels: [ContactChannel]?, content: MessageContent?)
        case wait(hours: Double)
        /// Until the next time the customer's clock shows this time (their time zone, else the policy's).
        case waitUntil(TimeOfDay)
        /// Until an event of this type happens (a response: `email_click`, a purchase event…), then
        /// `then`; after `timeoutHours` without one, `timeout`.
        case waitFor(event: String, timeoutHours: Double, then: String, timeout: String)
        /// A segment definition decides: members go to `then`, others to `else`.
        case branch(condition: String, then: String, otherwise: String)
        /// A random split with relative weights, drawn once per customer.
        case split([(weight: Double, next: String)])
        case exit

        public static func == (lhs: Action, rhs: Action) -> Bool { "\(lhs)" == "\(rhs)" }
        public func hash(into hasher: inout Hasher) { hasher.combine("\(self)") }
    }

    public var id: String
    public var action: Action
    /// The step that follows a send or a wait; the next in the list when nil.
    public var next: String?

    public init(id: String, _ action: Action, next: String? = nil) {
        self.id = id
        self.action = action
        self.next = next
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, next, send, wait, waitUntil, waitFor, branch, split, exit }
    struct SendBody: Codable { var channels: [ContactChannel]?; var content: MessageContent? }
    struct WaitBody: Codable { var hours: Double }
    struct WaitForBody: Codable { var event: String; var timeoutHours: Double; var then: String; var timeout: String }
    struct BranchBody: Codable {
        var condition: String
        var then: String
        var otherwise: String
        enum CodingKeys: String, CodingKey { case condition = "if", then, otherwise = "else" }
    }
    struct SplitArm: Codable { var weight: Double; var next: String }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        next = try container.decodeIfPresent(String.self, forKey: .next)
        let present = [CodingKeys.send, .wait, .waitUntil, .waitFor, .branch, .split, .exit].filter(container.contains)
        guard present.count == 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .id, in: container,
                debugDescription: "step \"\(id)\" needs exactly one action of send, wait, waitUntil, waitFor, branch, split, exit")
        }
        switch present[0] {
        case .send:
            let body = try container.decode(SendBody.self, forKey: .send)
            action = .send(channels: body.channels, content: body.content)
        case .wait: action = .wait(hours: try container.decode(WaitBody.self, forKey: .wait).hours)
        case .waitUntil: action = .waitUntil(try container.decode(TimeOfDay.self, forKey: .waitUntil))
        case .waitFor:
            let body = try container.decode(WaitForBody.self, forKey: .waitFor)
            action = .waitFor(event: body.event, timeoutHours: body.timeoutHours, then: body.then, timeout: body.timeout)
        case .branch:
            let body = try container.decode(BranchBody.self, forKey: .branch)
            action = .branch(condition: body.condition, then: body.then, otherwise: body.otherwise)
        case .split: action = .split(try container.decode([SplitArm].self, forKey: .split).map { ($0.weight, $0.next) })
        default: action = .exit
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(next, forKey: .next)
        switch action {
        case .send(let channels, let content): try container.encode(SendBody(channels: channels, content: content), forKey: .send)
        case .wait(let hours): try container.encode(WaitBody(hours: hours), forKey: .wait)
        case .waitUntil(let time): try container.encode(time, forKey: .waitUntil)
        case .waitFor(let event, let timeout, let then, let otherwise):
            try container.encode(WaitForBody(event: event, timeoutHours: timeout, then: then, timeout: otherwise), forKey: .waitFor)
        case .branch(let condition, let then, let otherwise):
            try container.encode(BranchBody(condition: condition, then: then, otherwise: otherwise), forKey: .branch)
        case .split(let arms): try container.encode(arms.map { SplitArm(weight: $0.weight, next: $0.next) }, forKey: .split)
        case .exit: try container.encode([String: String](), forKey: .exit)
        }
    }

    /// The step in words: `wait 48 h → click`, `wait for email_click up to 72 h: → thanks, else → reminder`.
    public var summary: String {
        let then = next.map { " → \($0)" } ?? ""
        func hours(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : NumberText.decimal(value) }
        switch action {
        case .send(let channels, let content):
            return "send\(channels.map { " on " + $0.map(\.rawValue).joined(separator: " › ") } ?? "")\(content.map { " \"\($0.subject)\"" } ?? "")\(then)"
        case .wait(let value): return "wait \(hours(value)) h\(then)"
        case .waitUntil(let time): return "wait until \(time) local\(then)"
        case .waitFor(let event, let timeout, let yes, let no): return "wait for \(event) up to \(hours(timeout)) h: → \(yes), else → \(no)"
        case .branch(let condition, let yes, let no): return "if \(condition) → \(yes), else → \(no)"
        case .split(let arms): return "split " + arms.map { "\(hours($0.weight)) → \($0.next)" }.joined(separator: ", ")
        case .exit: return "exit"
        }
    }

    /// The steps this one can lead to.
    var successors: [String] {
        switch action {
        case .waitFor(_, _, let then, let timeout): [then, timeout]
        case .branch(_, let then, let otherwise): [then, otherwise]
        case .split(let arms): arms.map(\.next)
        default: next.map { [$0] } ?? []
        }
    }
}

extension [JourneyStep] {
    /// Problems of a journey's steps: unknown or repeated ids, conditions that do not read, a
    /// journey with no step.
    func problems() -> [String] {
        var found: [String] = []
        if isEmpty { found.append("a journey needs \"steps\"") }
        let ids = map(\.id)
        if Set(ids).count != ids.count { found.append("journey step ids repeat") }
        for step in self {
            for target in step.successors where !ids.contains(target) {
                found.append("step \"\(step.id)\" leads to \"\(target)\", which is no step")
            }
            if case .branch(let condition, _, _) = step.action {
                do { _ = try SegmentDefinition.parse(condition) } catch { found.append("step \"\(step.id)\" condition: \(error)") }
            }
            if case .split(let arms) = step.action, arms.isEmpty || arms.contains(where: { !($0.weight > 0) }) {
                found.append("step \"\(step.id)\" splits with no arm or a weight not above 0")
            }
            if case .send(_, let content?) = step.action {
                do { _ = try MessageTemplates(content) } catch { found.append("step \"\(step.id)\" content.\(error)") }
            }
        }
        return found
    }
}
