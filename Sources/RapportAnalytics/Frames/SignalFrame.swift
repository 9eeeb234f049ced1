import RapportCore

/// Event signals per dense customer index (see ``EventSignals``), zero where a customer had none.
public struct SignalFrame: Sendable {
    public internal(set) var complaints: [Int32]
    public internal(set) var poorSurveyAnswers: [Int32]
    public internal(set) var returns: [Int32]
    public internal(set) var engagementEvents: [Int32]
    /// Day number of the latest engagement event, or `Int32.min` when none.
    public internal(set) var lastEngagementDays: [Int32]

    public init(count: Int) {
        complaints = Array(repeating: 0, count: count)
        poorSurveyAnswers = Array(repeating: 0, count: count)
        returns = Array(repeating: 0, count: count)
        engagementEvents = Array(repeating: 0, count: count)
        lastEngagementDays = Array(repeating: Int32.min, count: count)
    }

    mutating func set(_ index: Int, _ signal: EventSignals) {
        complaints[index] = Int32(clamping: signal.complaints)
        poorSurveyAnswers[index] = Int32(clamping: signal.poorSurveyAnswers)
        returns[index] = Int32(clamping: signal.returns)
        engagementEvents[index] = Int32(clamping: signal.engagementEvents)
        lastEngagementDays[index] = signal.lastEngagement.map { Int32(clamping: $0.dayNumber) } ?? Int32.min
    }
}
