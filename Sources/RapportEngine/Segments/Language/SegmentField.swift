import RapportAnalytics
import RapportCore

/// A field a segment can test: a profile field, a custom attribute (`attributes.NAME`) or a score
/// of the latest analysis. The catalogue is closed: a name outside it is an error that lists it.
public struct SegmentField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Compared as text; ordered comparisons are lexical.
        case text
        case number
        /// A day; compared with dates (`2025-01-31`) or relative dates (`30 days ago`).
        case date
        /// Only `is set` / `is not set` (contact points the export needs, never their values).
        case presence
        /// The customer's tactical targets: `target = "best"` holds when `best` is among them.
        case targets
        /// A custom attribute: text, number or boolean, compared with values of its own type.
        case attribute
    }

    /// Where the value comes from.
    public enum Source: Sendable, Hashable {
        case kind, gender, postcode, city, country, timezone, preferredChannel, email, phone
        case created, birthDate, age
        case recency, frequency, monetary, rScore, fScore, mScore, rfmSegment
        case probabilityAlive, expectedPurchases, expectedSpend, lifetimeValue
        case valueTier, potentialTier, strategy, lifecycleStage, targets, mainTarget, cluster, engagement
        case attribute(String)

        /// True for the fields that come from the latest analysis.
        public var isScore: Bool {
            switch self {
            case .recency, .frequency, .monetary, .rScore, .fScore, .mScore, .rfmSegment, .probabilityAlive,
                .expectedPurchases, .expectedSpend, .lifetimeValue, .valueTier, .potentialTier, .strategy,
                .lifecycleStage, .targets, .mainTarget, .cluster, .engagement:
                true
            default: false
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let source: Source
    /// The values a text field can take, when the list is closed.
    public let vocabulary: [String]?
    public let summary: String

    /// The built-in fields, in the order `rapport segment fields` lists them.
    public static let builtIn: [SegmentField] = {
        let tiers = ["low", "medium", "high"]
        return [
            SegmentField("kind", .text, .kind, CustomerKind.allCases.map(\.rawValue), "prospect, customer or former"),
            SegmentField("gender", .text, .gender, ["female", "male", "other"], "as recorded"),
            SegmentField("postcode", .text, .postcode, nil, "postal code"),
            SegmentField("city", .text, .city, nil, "city"),
            SegmentField("country", .text, .country, nil, "ISO 3166 code, e.g. \"FR\""),
            SegmentField("timezone", .text, .timezone, nil, "IANA time zone"),
            SegmentField("preferred_channel", .text, .preferredChannel, nil, "preferred contact channel"),
            SegmentField("email", .presence, .email, nil, "has an e-mail address (is set / is not set)"),
            SegmentField("phone", .presence, .phone, nil, "has a phone number (is set / is not set)"),
            SegmentField("created", .date, .created, nil, "day the customer became known"),
            SegmentField("birth_date", .date, .birthDate, nil, "date of birth"),
            SegmentField("age", .number, .age, nil, "whole years on the evaluation day"),
            SegmentField("recency", .number, .recency, nil, "days since the last completed order"),
            SegmentField("frequency", .number, .frequency, nil, "completed orders in the RFM period"),
            SegmentField("monetary", .number, .monetary, nil, "revenue in the RFM period"),
            SegmentField("r_score", .number, .rScore, nil, "recency score 1-5"),
            SegmentField("f_score", .number, .fScore, nil, "frequency score 1-5"),
            SegmentField("m_score", .number, .mScore, nil, "monetary score 1-5"),
            SegmentField("rfm_segment", .text, .rfmSegment, nil, "RFM segment name, e.g. \"champions\""),
            SegmentField("p_alive", .number, .probabilityAlive, nil, "probability the customer still buys (0-1)"),
            SegmentField("expected_purchases", .number, .expectedPurchases, nil, "purchases expected over the horizon"),
            SegmentField("expected_spend", .number, .expectedSpend, nil, "expected value of one purchase"),
            SegmentField("clv", .number, .lifetimeValue, nil, "customer lifetime value"),
            SegmentField("value_tier", .text, .valueTier, tiers, "relational matrix: current value"),
            SegmentField("potential_tier", .text, .potentialTier, tiers, "relational matrix: potential"),
            SegmentField("strategy", .text, .strategy, Strategy.allCases.map(\.rawValue), "relational-matrix strategy"),
            SegmentField("lifecycle", .text, .lifecycleStage, LifecycleStage.allCases.map(\.rawValue), "lifecycle stage"),
            SegmentField("target", .targets, .targets, TacticalTarget.allCases.map(\.rawValue), "any of the customer's tactical targets"),
            SegmentField("main_target", .text, .mainTarget, TacticalTarget.allCases.map(\.rawValue), "highest-priority tactical target"),
            SegmentField("cluster", .number, .cluster, nil, "behavioural cluster number"),
            SegmentField("engagement", .number, .engagement, nil, "engagement 0-1"),
        ]
    }()

    static let aliases: [String: String] = [
        "created_at": "created", "r": "r_score", "f": "f_score", "m": "m_score", "lifecycle_stage": "lifecycle",
        "tactical_target": "main_target", "tactical_targets": "target", "lifetime_value": "clv",
        "probability_alive": "p_alive", "segment": "rfm_segment",
    ]

    private init(_ name: String, _ kind: Kind, _ source: Source, _ vocabulary: [String]?, _ summary: String) {
        self.name = name
        self.kind = kind
        self.source = source
        self.vocabulary = vocabulary
        self.summary = summary
    }

    /// The field a definition names (case-insensitive; `attributes.NAME` keeps NAME as written), or
    /// nil.
    public static func named(_ name: String) -> SegmentField? {
        if name.lowercased().hasPrefix("attributes.") {
            let attribute = String(name.dropFirst("attributes.".count))
            guard !attribute.isEmpty else { return nil }
            return SegmentField(name, .attribute, .attribute(attribute), nil, "custom attribute")
        }
        let lowered = name.lowercased()
        let canonical = aliases[lowered] ?? lowered
        return builtIn.first { $0.name == canonical }
    }

    /// Why `test` cannot apply to this field, or nil when it can.
    func problem(with test: ValueTest) -> String? {
        switch test {
        case .isSet, .isNotSet: return nil
        case .compare(let comparison, let value):
            if kind == .presence { return presenceProblem }
            if kind == .targets, comparison != .equal, comparison != .notEqual {
                return "\(name) holds several targets: use =, != , in (…) or not in (…)"
            }
            return problem(with: value)
        case .between(let low, let high):
            if kind == .presence { return presenceProblem }
            if kind == .targets { return "\(name) holds several targets: use =, != , in (…) or not in (…)" }
            return problem(with: low) ?? problem(with: high) ?? sameType([low, high])
        case .oneOf(let values), .noneOf(let values):
            if kind == .presence { return presenceProblem }
            if values.isEmpty { return "the list is empty: give at least one value" }
            for value in values { if let problem = problem(with: value) { return problem } }
            return sameType(values)
        }
    }

    private var presenceProblem: String {
        "\(name) can only be tested with `is set` or `is not set` (its value is not kept for targeting)"
    }

    private func problem(with value: SegmentValue) -> String? {
        switch (kind, value) {
        case (.text, .text(let text)), (.targets, .text(let text)):
            guard let vocabulary, !vocabulary.contains(text) else { return nil }
            let hint = Suggestion.closest(to: text, in: vocabulary).map { "did you mean \"\($0)\"? " } ?? ""
            return "\"\(text)\" is not a value of \(name): \(hint)write one of \(vocabulary.map { "\"\($0)\"" }.joined(separator: ", "))"
        case (.number, .number), (.number, .boolean), (.date, .date), (.date, .ago): return nil
        case (.attribute, .text), (.attribute, .number), (.attribute, .boolean): return nil
        case (.attribute, _): return "custom attributes compare with text, numbers or true/false, not dates"
        case (.text, _), (.targets, _):
            return "\(name) is text: quote the value, e.g. \(name) = \"\(vocabulary?.first ?? "value")\""
        case (.number, _): return "\(name) is a number: write e.g. \(name) >= 3"
        case (.date, _): return "\(name) is a date: write a day like 2025-01-31 or a relative day like `30 days ago`"
        case (.presence, _): return presenceProblem
        }
    }

    private func sameType(_ values: [SegmentValue]) -> String? {
        guard kind == .attribute else { return nil }
        func isText(_ value: SegmentValue) -> Bool { if case .text = value { true } else { false } }
        let texts = values.filter(isText).count
        return texts == 0 || texts == values.count ? nil : "mix of text and numbers: compare \(name) with one type"
    }
}
