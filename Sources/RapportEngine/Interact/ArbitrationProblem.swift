/// The contacts that campaigns compete for in one planning window, in the compact form the
/// ``Arbitrator`` works on: every customer's candidate contacts and past or already planned
/// contacts in compressed rows (customer `c` owns `candidateStart[c] ..< candidateStart[c + 1]`),
/// the pressure rules as numbers, and the shared resources (channel capacities per day, programme
/// budgets) with what is left of them.
///
/// Times are seconds since 1970 UTC, after quiet hours and allowed days have moved each contact
/// to the first moment it may happen. Transactional messages never enter a problem: they are
/// exempt from pressure and do not compete.
public struct ArbitrationProblem: Sendable {
    /// A rolling cap: at most `limit` counted contacts in any window `(t - window, t]`, on
    /// `channel` only, or on every channel when it is nil.
    public struct Cap: Sendable, Hashable {
        public var limit: Int
        public var window: Int64
        public var channel: UInt8?

        public init(limit: Int, window: Int64, channel: UInt8? = nil) {
            self.limit = limit
            self.window = window
            self.channel = channel
        }
    }

    /// What a candidate contact offers, shared by every customer it is planned for (a wave of a
    /// campaign).
    public struct Offer: Sendable, Hashable {
        /// Two offers with the same message are the same message for uniqueness.
        public var message: Int32
        /// Ranks offers of equal value: the higher wins.
        public var priority: Double
        /// What one contact costs, in the currency of values and budgets.
        public var cost: Double
        /// The index of the budget the offer draws on, or nil.
        public var budget: Int32?

        public init(message: Int32, priority: Double, cost: Double, budget: Int32? = nil) {
            self.message = message
            self.priority = priority
            self.cost = cost
            self.budget = budget
        }
    }

    public var caps: [Cap] = []
    /// Two counted contacts of a customer must be at least this far apart (seconds; 0 for none).
    public var minimumGap: Int64 = 0
    /// The same message never reaches a customer twice within this many seconds (0 for never
    /// checked).
    public var uniquenessWindow: Int64 = 0

    public var offers: [Offer] = []
    /// Per resource, how many more contacts it takes (channel capacities per day).
    public var capacityLeft: [Int] = []
    /// Per budget, how much money is left.
    public var budgetLeft: [Double] = []

    public internal(set) var candidateStart: [Int] = [0]
    public internal(set) var candidateOffer: [Int32] = []
    public internal(set) var candidateChannel: [UInt8] = []
    public internal(set) var candidateTime: [Int64] = []
    /// Expected value before cost: priority weight x expected response x value of a response.
    public internal(set) var candidateValue: [Double] = []
    /// The capacity the contact uses, or -1 when its channel and day have no capacity.
    public internal(set) var candidateCapacity: [Int32] = []

    public internal(set) var historyStart: [Int] = [0]
    public internal(set) var historyTime: [Int64] = []
    public internal(set) var historyChannel: [UInt8] = []
    /// The message of a past contact, or -1 when it matches no offer's message.
    public internal(set) var historyMessage: [Int32] = []

    public init() {}

    public var customerCount: Int { candidateStart.count - 1 }
    public var candidateCount: Int { candidateOffer.count }

    /// Adds a candidate contact for the customer being built (see ``finishCustomer()``).
    public mutating func addCandidate(offer: Int32, channel: UInt8, time: Int64, value: Double, capacity: Int32 = -1) {
        candidateOffer.append(offer)
        candidateChannel.append(channel)
        candidateTime.append(time)
        candidateValue.append(value)
        candidateCapacity.append(capacity)
    }

    /// Adds a counted contact (sent, or planned earlier) of the customer being built.
    public mutating func addHistory(time: Int64, channel: UInt8, message: Int32) {
        historyTime.append(time)
        historyChannel.append(channel)
        historyMessage.append(message)
    }

    /// Closes the current customer: the candidates and history added since the last call are theirs.
    public mutating func finishCustomer() {
        candidateStart.append(candidateOffer.count)
        historyStart.append(historyTime.count)
    }

    /// Reserves room for `customers` customers and `candidates` candidates.
    public mutating func reserve(customers: Int, candidates: Int) {
        candidateStart.reserveCapacity(customers + 1)
        historyStart.reserveCapacity(customers + 1)
        candidateOffer.reserveCapacity(candidates)
        candidateChannel.reserveCapacity(candidates)
        candidateTime.reserveCapacity(candidates)
        candidateValue.reserveCapacity(candidates)
        candidateCapacity.reserveCapacity(candidates)
    }

    /// The value of candidate `j` net of its offer's cost: what keeping it adds to the objective.
    @inline(__always)
    public func netValue(_ j: Int) -> Double {
        candidateValue[j] - offers[Int(candidateOffer[j])].cost
    }
}
