/// One customer's contacts while the arbitration decides: their counted history, and the candidates
/// chosen so far. Answers whether one more contact would break a pressure rule, and which.
struct CustomerPressure {
    var times: [Int64] = []
    var channels: [UInt8] = []
    var messages: [Int32] = []
    /// Entries before this index are history; after, chosen candidates.
    var historyCount = 0

    init() {
        times.reserveCapacity(32)
        channels.reserveCapacity(32)
        messages.reserveCapacity(32)
    }

    mutating func reset(problem: ArbitrationProblem, customer: Int) {
        times.removeAll(keepingCapacity: true)
        channels.removeAll(keepingCapacity: true)
        messages.removeAll(keepingCapacity: true)
        for h in problem.historyStart[customer]..<problem.historyStart[customer + 1] {
            times.append(problem.historyTime[h])
            channels.append(problem.historyChannel[h])
            messages.append(problem.historyMessage[h])
        }
        historyCount = times.count
    }

    mutating func push(time: Int64, channel: UInt8, message: Int32) {
        times.append(time)
        channels.append(channel)
        messages.append(message)
    }

    mutating func pop() {
        times.removeLast()
        channels.removeLast()
        messages.removeLast()
    }

    /// Drops the chosen entries, keeping the history.
    mutating func clearChosen() {
        let extra = times.count - historyCount
        if extra > 0 {
            times.removeLast(extra)
            channels.removeLast(extra)
            messages.removeLast(extra)
        }
    }

    /// The first rule a contact at `time` on `channel` with `message` would break, given the
    /// entries held; nil when it breaks none. Rules are checked in a fixed order: uniqueness, the
    /// minimum gap, then the caps in the problem's order.
    func violation(time: Int64, channel: UInt8, message: Int32, problem: ArbitrationProblem) -> ArbitrationRule? {
        let count = times.count
        if problem.uniquenessWindow > 0 && message >= 0 {
            for k in 0..<count where messages[k] == message && abs(times[k] - time) < problem.uniquenessWindow {
                return .uniqueness
            }
        }
        if problem.minimumGap > 0 {
            for k in 0..<count where abs(times[k] - time) < problem.minimumGap { return .minimumGap }
        }
        for (index, cap) in problem.caps.enumerated() {
            if exceeds(cap, time: time, channel: channel) { return .cap(index) }
        }
        return nil
    }

    /// Whether adding a contact at `time` makes some window `(e - window, e]` that contains it
    /// hold more than `limit` counted contacts. Only windows ending at `time` or at a later entry
    /// less than a window away can change, so only those are counted.
    private func exceeds(_ cap: ArbitrationProblem.Cap, time: Int64, channel: UInt8) -> Bool {
        if let only = cap.channel, only != channel { return false }
        if cap.limit <= 0 { return true }
        func counted(inWindowEndingAt end: Int64) -> Int {
            var n = 1  // the new contact, which every window considered contains
            for k in 0..<times.count {
                let t = times[k]
                if t > end - cap.window && t <= end, cap.channel == nil || channels[k] == cap.channel { n += 1 }
            }
            return n
        }
        if counted(inWindowEndingAt: time) > cap.limit { return true }
        for k in 0..<times.count {
            let end = times[k]
            guard end > time && end < time + cap.window else { continue }
            if let only = cap.channel, channels[k] != only { continue }
            if counted(inWindowEndingAt: end) > cap.limit { return true }
        }
        return false
    }
}
