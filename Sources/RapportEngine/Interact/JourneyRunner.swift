import RapportCore

/// A customer's place in a journey.
struct JourneyState: Sendable, Hashable {
    var customerID: Int64
    var step: String
    /// When the customer reached the step.
    var since: Int64
    var wakeAt: Int64
    var done: Bool
    var enteredAt: Int64

    var row: [StoredValue] {
        [
            .integer(customerID), .null, .text(step), .integer(since), .integer(wakeAt), .text(done ? "done" : "active"),
            .integer(enteredAt),
        ]
    }
}

/// Moves customers through the steps of one journey at one run: who enters (the trigger fired,
/// within the target, not already inside, not within the re-entry period after a previous passage),
/// then, for each customer inside whose time has come, the steps that take no time, up to the next
/// wait or send. Sends are returned, to be planned like campaign waves.
struct JourneyRunner {
    let campaign: StoredCampaign
    let frame: TargetingFrame
    let zones: (Int) -> LocalTime
    let zoneIndex: (Int) -> Int
    let conditions: [String: Bitset]
    let now: Int64

    /// The longest chain of steps that take no time a customer may cross in one run.
    static let stepsPerRun = 32

    /// Advances `states` (and those entering); returns the new states and the customers each send
    /// step contacts now.
    func advance(_ states: [JourneyState], entering: [Int64]) -> (states: [JourneyState], sends: [String: [Int64]]) {
        let steps = campaign.definition.steps
        guard let first = steps.first else { return (states, [:]) }
        var result: [JourneyState] = []
        var sends: [String: [Int64]] = [:]
        let entered = entering.map {
            JourneyState(customerID: $0, step: first.id, since: now, wakeAt: now, done: false, enteredAt: now)
        }
        for var state in states + entered {
            guard !state.done, state.wakeAt <= now else {
                result.append(state)
                continue
            }
            let index = frame.index(of: state.customerID)
            for _ in 0..<Self.stepsPerRun {
                guard let position = steps.firstIndex(where: { $0.id == state.step }) else {
                    state.done = true
                    break
                }
                let step = steps[position]
                let following = step.next ?? (position + 1 < steps.count ? steps[position + 1].id : nil)
                func move(to next: String?) {
                    if let next {
                        state.step = next
                        state.since = now
                        state.wakeAt = now
                    } else {
                        state.done = true
                    }
                }
                var waiting = false
                switch step.action {
                case .send:
                    sends[step.id, default: []].append(state.customerID)
                    move(to: following)
                case .wait(let hours):
                    let wake = state.since + Int64(hours * 3600)
                    if now >= wake { move(to: following) } else {
                        state.wakeAt = wake
                        waiting = true
                    }
                case .waitUntil(let time):
                    let zone = zones(index.map(zoneIndex) ?? 0)
                    let local = zone.local(state.since)
                    var day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
                    if local - day * 86_400 >= time.secondOfDay { day += 1 }
                    let wake = zone.instant(day: day, second: time.secondOfDay)
                    if now >= wake { move(to: following) } else {
                        state.wakeAt = wake
                        waiting = true
                    }
                case .waitFor(let event, let timeoutHours, let then, let timeout):
                    if let index, responded(index, event: event, after: state.since) {
                        move(to: then)
                    } else if now >= state.since + Int64(timeoutHours * 3600) {
                        move(to: timeout)
                    } else {
                        // Events are read at every run: wake at the next one, or at the timeout.
                        state.wakeAt = now
                        waiting = true
                    }
                case .branch(let condition, let then, let otherwise):
                    move(to: (index.map { conditions[condition]?[$0] ?? false } ?? false) ? then : otherwise)
                case .split(let arms):
                    let total = arms.reduce(0) { $0 + $1.weight }
                    var point = Holdout.draw(customer: state.customerID, campaign: campaign.id, salt: Self.salt(step.id)) * total
                    var chosen = arms.last!.next
                    for arm in arms {
                        if point < arm.weight {
                            chosen = arm.next
                            break
                        }
                        point -= arm.weight
                    }
                    move(to: chosen)
                case .exit:
                    state.done = true
                }
                if waiting || state.done { break }
                if case .send = step.action { break }
            }
            result.append(state)
        }
        return (result, sends)
    }

    /// Whether the customer had an event of this type after `since`.
    private func responded(_ index: Int, event: String, after since: Int64) -> Bool {
        let events = frame.events
        guard let code = events.types.code(of: event) else { return false }
        return (events.start[index]..<events.start[index + 1]).contains { events.types.codes[$0] == code && events.times[$0] > since }
    }

    static func salt(_ step: String) -> UInt64 {
        step.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
