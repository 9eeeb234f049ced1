import Foundation

/// The three satisfaction surveys of seed 001: Net Promoter Score, customer satisfaction and
/// customer effort, each with its scale and its reading as satisfaction in 0–1.
public enum SurveyKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// "How likely are you to recommend us?" 0–10; promoters 9–10, detractors 0–6.
    case nps
    /// "How satisfied are you?" 1–5; satisfied 4–5.
    case csat
    /// "How easy was it?" 1 (very easy) to 7 (very difficult); low is good.
    case ces

    public var scale: ClosedRange<Int> {
        switch self {
        case .nps: 0...10
        case .csat: 1...5
        case .ces: 1...7
        }
    }

    /// The score as satisfaction: 0 the worst answer, 1 the best.
    public func satisfaction(_ score: Int) -> Double {
        let clamped = min(max(score, scale.lowerBound), scale.upperBound)
        let share = Double(clamped - scale.lowerBound) / Double(scale.upperBound - scale.lowerBound)
        return self == .ces ? 1 - share : share
    }

    /// The survey's headline figure over `scores`: NPS = % promoters − % detractors (−100…100);
    /// CSAT = % answering 4 or 5; CES = the mean score (lower is better). Nil without answers.
    public func headline(_ scores: [Int]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let n = Double(scores.count)
        switch self {
        case .nps:
            return 100 * (Double(scores.filter { $0 >= 9 }.count) - Double(scores.filter { $0 <= 6 }.count)) / n
        case .csat:
            return 100 * Double(scores.filter { $0 >= 4 }.count) / n
        case .ces:
            return Double(scores.reduce(0, +)) / n
        }
    }
}

/// A survey answer as `responses.detail` keeps it.
public struct SurveyAnswer: Sendable, Hashable, Codable {
    public var survey: SurveyKind
    public var score: Int
    public var comment: String?

    public init(survey: SurveyKind, score: Int, comment: String? = nil) {
        self.survey = survey
        self.score = score
        self.comment = comment
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ json: String?) -> SurveyAnswer? {
        json.flatMap { try? JSONDecoder().decode(SurveyAnswer.self, from: Data($0.utf8)) }
    }
}
